import { join } from 'node:path';
import { countBy, finishedRun, replicasOf, runExample, startRun, type FinishedRun } from './support/host-api';
import { eventually, freePort, startProcess, type Started } from './support/processes';
import { PrometheusServer, testConfig, type QueryResult } from './support/prometheus-server';
import { metricNames, withGrafanaVariables } from './support/promql';
import { REPO_ROOT, alertRules, dashboardQueries } from './support/stack-files';

// The shipped prometheus.yml, alert rules and dashboard against the real thing: Debian's Prometheus
// scrapes the built host and two demo-agent replicas (over the real NATS) while example scenarios run.

const HOST_MAIN = join(REPO_ROOT, 'apps', 'orchestrator', 'dist', 'main.js');
const REPLICA_MAIN = join(REPO_ROOT, 'apps', 'demo-agents', 'dist', 'main.js');
/** The scenarios and how often each runs: plain successes, retries and a failure with skipped dependents. */
const SCENARIOS = ['ecommerce-order', 'flaky-agents', 'data-pipeline', 'ecommerce-order', 'flaky-agents'];

/** The host's own series (the replicas export metrics of their own). */
const HOST = '{job="a2a-mcp-orchestrator"}';

/**
 * `sum by (<labels>) (<expr>)` as { "a,b": value }, zeros left out: the services start the series
 * of every agent they know at 0, the API only reports what happened.
 */
async function sumBy(prometheus: PrometheusServer, expr: string, labels: string[]): Promise<Record<string, number>> {
  const result = await prometheus.query(labels.length === 0 ? `sum(${expr})` : `sum by (${labels.join(', ')}) (${expr})`);
  return Object.fromEntries(
    result.filter((sample: QueryResult) => Number(sample.value[1]) !== 0).map((sample) => [labels.map((label) => sample.metric[label] ?? '').join(','), Number(sample.value[1])]),
  );
}

/** A plan of ours whose output scores low: quality checks fail and name their issues. */
const LOW_QUALITY_PLAN = {
  name: 'low-quality',
  tasks: [{ id: 'draft', description: 'Write the abstract', agent: 'simulator', dependencies: [], qualityDomain: 'ACADEMIC', input: { durationMs: 5, qualityScore: 0.2 } }],
};
/** A task that outlives the replica running it: the host loses its heartbeats and retries it elsewhere. */
const REPLICA_LOST_PLAN = {
  name: 'replica-lost',
  tasks: [{ id: 'long', description: 'Outlive a replica', agent: 'simulator', dependencies: [], maxRetries: 3, input: { durationMs: 12_000 } }],
};

describe('a real Prometheus scraping the host and two demo-agent replicas', () => {
  jest.setTimeout(300_000);
  // Its own subject prefix: other tests' replicas on the same NATS server are not ours.
  const subjectPrefix = `dockerscrape${process.pid}.`;
  const started: Started[] = [];
  let prometheus: PrometheusServer | undefined;
  let hostUrl = '';
  let runs: FinishedRun[] = [];
  let scraped: string[] = [];

  const startReplica = async (replicaId: string, metricsPort: number, logLevel = 'warn'): Promise<Started> => {
    const replica = await startProcess({
      name: replicaId,
      command: process.execPath,
      args: [REPLICA_MAIN],
      env: { AGENTS_REPLICA_ID: replicaId, AGENTS_GRPC_PORT: '0', AGENTS_SUBJECT_PREFIX: subjectPrefix, METRICS_PORT: String(metricsPort), LOG_LEVEL: logLevel },
      ready: /serving \d+ agents/,
    });
    started.push(replica);
    return replica;
  };

  beforeAll(async () => {
    const [hostPort, metricsPort1, metricsPort2] = [await freePort(), await freePort(), await freePort()];
    // A replica Prometheus does not scrape, killed while it runs a task (LOG_LEVEL=debug prints "started <key>").
    const doomed = await startReplica('doomed', 0, 'debug');
    started.push(
      await startProcess({
        name: 'host',
        command: process.execPath,
        args: [HOST_MAIN],
        env: { PORT: String(hostPort), AGENTS_MODE: 'remote', AGENTS_SUBJECT_PREFIX: subjectPrefix, LOG_LEVEL: 'warn', ENABLE_OBSERVABILITY: 'true' },
        ready: /listening on/,
      }),
    );
    hostUrl = `http://127.0.0.1:${hostPort}`;
    prometheus = await PrometheusServer.start(
      testConfig({
        'orchestrator:3000': `127.0.0.1:${hostPort}`,
        'demo-agents-1:9464': `127.0.0.1:${metricsPort1}`,
        'demo-agents-2:9464': `127.0.0.1:${metricsPort2}`,
      }),
    );
    runs = [];
    const lostRunId = await startRun(hostUrl, REPLICA_LOST_PLAN);
    await eventually('the doomed replica to start the long task', async () => (/started \S+\/long\//.test(doomed.output()) ? true : undefined));
    // The live replicas join while the doomed one works (the task takes long enough for them to start).
    await Promise.all([startReplica('demo-agents-1', metricsPort1), startReplica('demo-agents-2', metricsPort2)]);
    await eventually('the host to know both replicas', async () => {
      const known = await replicasOf(hostUrl, 'simulator');
      return known.includes('demo-agents-1') && known.includes('demo-agents-2') ? true : undefined;
    });
    if (/completed \S+\/long\//.test(doomed.output())) throw new Error('the doomed replica finished the long task before the live replicas were up: make it longer');
    doomed.child.kill('SIGKILL');
    runs.push(await finishedRun(hostUrl, lostRunId, REPLICA_LOST_PLAN.name));
    // One after the other: the counts below are compared with what the API reports for each run.
    for (const scenario of SCENARIOS) runs.push(await runExample(hostUrl, scenario));
    runs.push(await finishedRun(hostUrl, await startRun(hostUrl, LOW_QUALITY_PLAN), LOW_QUALITY_PLAN.name));
    const server = prometheus;
    // Prometheus has seen every run once the finished-runs counter it scraped equals the runs made.
    await eventually('Prometheus to scrape every finished run', async () => {
      const [finished] = await server.query(`sum(a2a_mcp_framework_runs_finished_total${HOST})`);
      return finished !== undefined && Number(finished.value[1]) === runs.length ? true : undefined;
    }, 120_000);
    // A few more scrapes, so every rate() window of the queries below holds two samples or more.
    const ready = Date.now();
    await eventually('three more scrapes', async () => (Date.now() - ready > 3_000 ? true : undefined));
    scraped = await server.metricNames();
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const process of started.reverse()) await process.stop();
  });

  it('scrapes every target of the shipped config: the host and both replicas are up', async () => {
    const up = await prometheus!.query('up');
    const byJob = countBy(up, (sample) => sample.metric.job, (sample) => Number(sample.value[1]));
    expect(byJob).toEqual({ 'a2a-mcp-orchestrator': 1, 'a2a-mcp-demo-agents': 2 });
    expect(up.map((sample) => sample.value[1])).toEqual(['1', '1', '1']);
  });

  it('counts the finished runs by strategy and status as the API reports them', async () => {
    expect(new Set(runs.map((run) => run.status)).size).toBeGreaterThan(1);
    const expected = countBy(runs, (run) => `${run.strategy},${run.status}`);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_runs_finished_total${HOST}`, ['strategy', 'status'])).toEqual(expected);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_runs_started_total${HOST}`, ['strategy'])).toEqual(countBy(runs, (run) => run.strategy));
  });

  it('counts the tasks by agent and outcome, and the retries, as the API reports them', async () => {
    const tasks = runs.flatMap((run) => Object.values(run.tasks));
    expect(await sumBy(prometheus!, `a2a_mcp_framework_tasks_total${HOST}`, ['agent', 'outcome'])).toEqual(countBy(tasks, (task) => `${task.agent},${task.status}`));
    // A task's attempts beyond its first were retries.
    const retried = tasks.filter((task) => task.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    const retries = countBy(retried, (task) => task.agent, (task) => task.attempts - 1);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_task_retries_total${HOST}`, ['agent'])).toEqual(retries);
  });

  it('sees every attempt go to the replicas over NATS', async () => {
    const tasks = runs.flatMap((run) => Object.values(run.tasks));
    expect(new Set(tasks.map((task) => task.servedBy).filter((replica) => replica !== undefined))).toEqual(new Set(['demo-agents-1', 'demo-agents-2']));
    const attempts = tasks.reduce((sum, task) => sum + task.attempts, 0);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_agent_requests_total${HOST}`, ['transport'])).toEqual({ nats: attempts });
  });

  it("reads each replica's own metrics: the attempts it served", async () => {
    const tasks = runs.flatMap((run) => Object.values(run.tasks));
    const served = await prometheus!.query('sum by (instance, outcome) (a2a_mcp_framework_served_attempts_total{job="a2a-mcp-demo-agents"})');
    const byInstance = countBy(served, (sample) => sample.metric.instance, (sample) => Number(sample.value[1]));
    expect(Object.keys(byInstance)).toHaveLength(2);
    // Every attempt but the one the unscraped doomed replica took was served by a scraped replica.
    const attempts = tasks.reduce((sum, task) => sum + task.attempts, 0);
    expect(Object.values(byInstance).reduce((sum, count) => sum + count, 0)).toBe(attempts - 1);
    const completedByReplica = countBy(tasks.filter((task) => task.servedBy !== undefined), (task) => task.servedBy ?? '');
    const successes = served.filter((sample) => sample.metric.outcome === 'success').map((sample) => Number(sample.value[1])).sort((a, b) => a - b);
    expect(successes).toEqual(Object.values(completedByReplica).sort((a, b) => a - b));
  });

  it('counts the attempt lost with its replica, retried on a live one', async () => {
    const lost = runs.find((run) => run.plan === REPLICA_LOST_PLAN.name);
    expect(lost?.status).toBe('completed');
    expect(lost?.tasks.long.attempts).toBe(2);
    expect(['demo-agents-1', 'demo-agents-2']).toContain(lost?.tasks.long.servedBy);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_heartbeat_losses_total${HOST}`, ['transport', 'agent'])).toEqual({ 'nats,simulator': 1 });
  });

  it('counts the quality verdicts: one per scored task, the low-scoring output failed with its issues', async () => {
    const scored = runs.flatMap((run) => Object.values(run.tasks)).filter((task) => task.qualityScore !== undefined);
    expect(await sumBy(prometheus!, `a2a_mcp_framework_quality_checks_total${HOST}`, [])).toEqual({ '': scored.length });
    const verdicts = await sumBy(prometheus!, `a2a_mcp_framework_quality_checks_total${HOST}`, ['domain', 'result']);
    expect(verdicts['ACADEMIC,fail']).toBe(1);
    const issues = await sumBy(prometheus!, `a2a_mcp_framework_quality_issues_total${HOST}`, ['domain']);
    expect(issues.ACADEMIC).toBeGreaterThan(0);
  });

  describe('every dashboard query runs and names only metrics the services export', () => {
    for (const { panel, expr } of dashboardQueries()) {
      it(panel, async () => {
        const query = withGrafanaVariables(expr);
        const names = metricNames(query);
        expect(names.length).toBeGreaterThan(0);
        expect(names.filter((name) => !scraped.includes(name))).toEqual([]);
        const result = await prometheus!.query(query);
        // After the scenarios every panel has something to draw.
        expect(result.length).toBeGreaterThan(0);
      });
    }
  });

  describe('every alert expression runs and names only metrics the services export', () => {
    for (const rule of alertRules()) {
      it(rule.alert, async () => {
        const names = metricNames(rule.expr);
        expect(names.length).toBeGreaterThan(0);
        expect(names.filter((name) => !scraped.includes(name))).toEqual([]);
        await prometheus!.query(rule.expr);
      });
    }

    it('the alerts for a healthy stack stay quiet: every target up, agents available', async () => {
      for (const name of ['A2aMcpTargetDown', 'A2aMcpNoAgentsAvailable', 'A2aMcpRemoteAgentsGone']) {
        const rule = alertRules().find((candidate) => candidate.alert === name);
        expect(await prometheus!.query(rule!.expr)).toEqual([]);
      }
    });

    it('Prometheus loaded every rule and evaluates each without an error', async () => {
      const expected = alertRules().map((rule) => rule.alert).sort();
      const rules = await eventually('every rule to be evaluated', async () => {
        const answer = await prometheus!.api('rules');
        const groups = (answer.data as { groups: { rules: { name: string; health: string; lastError?: string }[] }[] }).groups;
        const loaded = groups.flatMap((group) => group.rules);
        return loaded.length === expected.length && loaded.every((rule) => rule.health !== 'unknown') ? loaded : undefined;
      });
      expect(rules.map((rule) => rule.name).sort()).toEqual(expected);
      expect(rules.filter((rule) => rule.health !== 'ok')).toEqual([]);
    });
  });
});
