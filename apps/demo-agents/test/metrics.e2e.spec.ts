import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd, startHost, type Host, type RunOutcome } from './support/host';
import { parsePrometheusText, promCounts, promValue, type PromSample } from '@a2a-mcp/observability/testing';
import { MAIN, spawnReplica, type ReplicaProcess } from './support/replica-process';

// Real NATS (127.0.0.1:4222), replicas as child processes of the built app, the host in this process.
// Generous timeouts: a loaded 2-core machine.
jest.setTimeout(90_000);

const P = 'a2a_mcp_framework_';
const root = join(__dirname, '..', '..', '..');
const example = (name: string): unknown => JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));

/** The port of the replica's /metrics and /health, from its start line ("…; metrics on port N"). */
async function metricsPortOf(replica: ReplicaProcess): Promise<number> {
  const until = Date.now() + 10_000;
  for (;;) {
    const match = /metrics on port (\d+)/.exec(replica.output());
    if (match !== null) return Number(match[1]);
    if (Date.now() > until) throw new Error(`no "metrics on port" in the start line of ${replica.replicaId}:\n${replica.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function scrape(url: string): Promise<PromSample[]> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  // The text format, whatever order the parameters come in (the host's Express puts charset first).
  expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*\bversion=0\.0\.4\b/);
  return parsePrometheusText(text);
}

/**
 * What a replica that served every attempt of these runs must have counted, from the host's view of
 * each task: a completed task's last attempt succeeded and the ones before failed; every attempt of
 * a failed task failed; a skipped task was never sent.
 */
function expectedAttempts(outcomes: RunOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (agent: string, outcome: string, by: number): void => {
    if (by > 0) counts[`${agent} ${outcome}`] = (counts[`${agent} ${outcome}`] ?? 0) + by;
  };
  for (const outcome of outcomes) {
    for (const task of Object.values(outcome.tasks)) {
      if (task.status === 'completed') {
        add(task.agent, 'success', 1);
        add(task.agent, 'error', task.attempts - 1);
      } else if (task.status === 'failed') add(task.agent, 'error', task.attempts);
    }
  }
  return counts;
}

/** Runs the built app with `env` and waits for it to exit; resolves with its exit code and everything it printed. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  // `close` comes after the output streams ended: nothing printed is missed.
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

describe('demo agents: /metrics and /health (METRICS_PORT)', () => {
  // A prefix of our own: other test files share the NATS server.
  const prefix = `metrics${randomUUID().slice(0, 8)}.`;
  const replicaEnv = { AGENTS_SUBJECT_PREFIX: prefix, AGENT_ANNOUNCE_MS: '200', AGENT_HEARTBEAT_MS: '100' };
  const hostEnv = { AGENTS_SUBJECT_PREFIX: prefix, AGENT_ANNOUNCE_MS: '200', AGENT_HEARTBEAT_MS: '100', AGENTS_DISCOVERY_WINDOW_MS: '300' };
  const replicas: ReplicaProcess[] = [];
  const hosts: Host[] = [];

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
  });

  async function replica(id: string, env: Record<string, string> = {}): Promise<ReplicaProcess> {
    const started = await spawnReplica(id, { ...replicaEnv, ...env });
    replicas.push(started);
    return started;
  }

  it('counts the attempts it served over NATS by agent and outcome; the host counts its calls and its NATS pool', async () => {
    const served = await replica('metrics-replica');
    const port = await metricsPortOf(served);
    expect(port).toBeGreaterThan(0);
    const replicaMetrics = `http://127.0.0.1:${port}/metrics`;
    // Nothing served yet.
    expect(promCounts(await scrape(replicaMetrics), `${P}served_attempts_total`, ['transport', 'agent', 'outcome'])).toEqual({});

    const host = await startHost({ ...hostEnv, AGENTS_MODE: 'remote' });
    hosts.push(host);
    const outcomes = [await runToEnd(host, example('ecommerce-order')), await runToEnd(host, example('flaky-agents'))];
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['completed', 'partial']);
    const expected = expectedAttempts(outcomes);
    // The plans' figures, worked out by hand: 5 order tasks once each; flaky 2 errors + 1 success, broken 2 errors, 2 more successes.
    expect(expected).toEqual({
      'payment_processor success': 1,
      'inventory_manager success': 1,
      'shipping_agent success': 1,
      'email_agent success': 1,
      'sms_agent success': 1,
      'simulator success': 3,
      'simulator error': 4,
    });

    // The replica is the only one: it served every attempt, each printed as `started <key>` at LOG_LEVEL=debug.
    const runIds = new Set(outcomes.map((outcome) => outcome.runId));
    const startedHere = served.started().filter((key) => runIds.has(key.split('/')[0]));
    expect(startedHere).toHaveLength(12);
    const replicaSamples = await scrape(replicaMetrics);
    expect(promCounts(replicaSamples, `${P}served_attempts_total`, ['agent', 'outcome'], { transport: 'nats' })).toEqual(expected);
    const counted = (samples: PromSample[], name: string) => samples.filter((sample) => sample.name === name && sample.value > 0);
    expect(new Set(counted(replicaSamples, `${P}served_attempts_total`).map((sample) => sample.labels.transport))).toEqual(new Set(['nats']));
    expect(promValue(replicaSamples, `${P}served_attempt_duration_seconds_count`, { transport: 'nats', agent: 'simulator' })).toBe(7);
    expect(promValue(replicaSamples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    for (const runId of runIds) expect(replicaSamples.some((sample) => Object.values(sample.labels).some((value) => value.includes(runId)))).toBe(false);

    // The host's side of the same calls, and the NATS connection pool they went through.
    const hostSamples = await scrape(`${host.url}/metrics`);
    expect(promCounts(hostSamples, `${P}agent_requests_total`, ['agent', 'outcome'], { transport: 'nats' })).toEqual(expected);
    expect(new Set(counted(hostSamples, `${P}agent_requests_total`).map((sample) => sample.labels.transport))).toEqual(new Set(['nats']));
    expect(promValue(hostSamples, `${P}connection_pool_size`, { transport: 'nats' })).toBeGreaterThanOrEqual(1);
    expect(promValue(hostSamples, `${P}connection_pool_in_use`, { transport: 'nats' })).toBe(0);
    const created = promValue(hostSamples, `${P}connections_created_total`, { transport: 'nats' }) ?? NaN;
    const reused = promValue(hostSamples, `${P}connections_reused_total`, { transport: 'nats' }) ?? 0;
    expect(created).toBeGreaterThanOrEqual(1);
    expect(promValue(hostSamples, `${P}connection_reuse_ratio`, { transport: 'nats' })).toBeCloseTo(reused / (reused + created), 12);
    expect(promValue(hostSamples, `${P}agents_available`, { transport: 'nats' })).toBeGreaterThanOrEqual(6);
  });

  it('answers GET /health with its id and agents, and names the two paths it serves otherwise', async () => {
    const served = await replica('metrics-health');
    const port = await metricsPortOf(served);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await health.json()) as { status: string; replicaId: string; agents: string[]; grpcAddress: string };
    expect(body).toMatchObject({ status: 'ok', replicaId: 'metrics-health', grpcAddress: served.grpcAddress });
    expect(body.agents).toEqual(expect.arrayContaining(['payment_processor', 'simulator']));
    const other = await fetch(`http://127.0.0.1:${port}/elsewhere`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with ENABLE_OBSERVABILITY=false: /metrics answers 404 METRICS_DISABLED, /health still answers', async () => {
    const quiet = await replica('metrics-off', { ENABLE_OBSERVABILITY: 'false' });
    const port = await metricsPortOf(quiet);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.json()).toMatchObject({ statusCode: 404, code: 'METRICS_DISABLED' });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ replicaId: 'metrics-off' });
  });

  it('METRICS_PORT=abc: exits 1 with one line naming METRICS_PORT', async () => {
    const { code, output } = await runToExit({ ...replicaEnv, AGENTS_REPLICA_ID: 'metrics-bad', AGENTS_GRPC_PORT: '0', METRICS_PORT: 'abc' });
    expect(code).toBe(1);
    expect(output).toMatch(/METRICS_PORT="abc"/);
    expect(output).not.toMatch(/metrics on port/);
  });
});
