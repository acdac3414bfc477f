import {
  runWorkflow,
  TaskError,
  TaskSlotPool,
  VirtualClock,
  WorkflowGraph,
  type RunOptions,
  type RunResult,
  type TaskContext,
  type TaskExecutor,
  type TaskRequest,
  type WorkflowNodeSpec,
  type WorkflowRun,
} from '@a2a-mcp/core-graph';
import { AgentCallMetrics, FrameworkMetrics, RunMetrics } from '../src';
import { MetricSamples } from './support/metric-samples';

const P = 'a2a_mcp_framework_';

/**
 * Agents for the runs: wait `durationMs` on the run's clock, fail the first `failTimes` attempts or
 * every one (`failAlways`), or go silent like a lost remote (`lost`: AGENT_LOST).
 */
class TestAgents implements TaskExecutor {
  calls = 0;
  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    this.calls++;
    const input = task.input as { durationMs?: number; failTimes?: number; failAlways?: boolean; lost?: boolean };
    if (input.durationMs) await ctx.sleep(input.durationMs);
    if (input.lost) throw new TaskError('AGENT_LOST', `no heartbeat from the replica serving ${task.agent}`);
    if (input.failAlways || ctx.attempt <= (input.failTimes ?? 0)) throw new TaskError('SIMULATED_FAILURE', `attempt ${ctx.attempt} failed`);
    return { done: true };
  }
}

const spec = (id: string, agent: string, dependencies: string[] = [], extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `work of ${id}`,
  agent,
  dependencies,
  ...extra,
});

/** The metrics wired as the host wires them: RunMetrics on every event, AgentCallMetrics around the executor. */
function meteredRuns() {
  const metrics = new FrameworkMetrics({ defaultMetrics: false });
  const runMetrics = new RunMetrics(metrics);
  const calls = new AgentCallMetrics(metrics, (agent) => (agent.startsWith('remote_') ? 'nats' : 'local'));
  const clock = new VirtualClock();
  const start = (specs: WorkflowNodeSpec[], agents: TaskExecutor, options: RunOptions = {}): WorkflowRun =>
    runWorkflow(WorkflowGraph.fromSpecs(specs), calls.wrapExecutor(agents), {
      clock,
      random: () => 0.5,
      ...options,
      onEvent: (event) => runMetrics.onEvent(event),
    });
  const read = () => MetricSamples.of(metrics.registry);
  const openRuns = () => (runMetrics as unknown as { runs: Map<string, unknown> }).runs.size;
  return { metrics, clock, start, read, openRuns };
}

/** An agent call settles on the promise jobs after the engine's verdict: let them drain. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('RunMetrics and AgentCallMetrics on real engine runs', () => {
  describe('a hybrid run with retries, a failure that skips its dependents, a lost agent and a timeout', () => {
    const runId = 'run-7f3a9c1e-metrics';
    const taskIds = ['task_fetch', 'task_flaky', 'task_broken', 'task_after_broken', 'task_after_after', 'task_lost', 'task_slow'];
    let h: ReturnType<typeof meteredRuns>;
    let result: RunResult;
    let samples: MetricSamples;
    let text: string;

    beforeAll(async () => {
      h = meteredRuns();
      const run = h.start(
        [
          spec('task_fetch', 'fetcher', [], { input: { durationMs: 100 } }),
          spec('task_flaky', 'flaky_agent', [], { maxRetries: 3, input: { durationMs: 20, failTimes: 2 } }),
          spec('task_broken', 'broken_agent', [], { maxRetries: 1, input: { durationMs: 10, failAlways: true } }),
          spec('task_after_broken', 'writer', ['task_broken']),
          spec('task_after_after', 'archiver', ['task_after_broken']),
          spec('task_lost', 'remote_reporter', [], { input: { durationMs: 30, lost: true } }),
          spec('task_slow', 'slow_agent', [], { timeoutMs: 100, input: { durationMs: 5000 } }),
        ],
        new TestAgents(),
        {
          runId,
          strategy: 'hybrid',
          strategyReason: 'auto: dependency_driven: uneven chains (7 tasks); load: idle; no cap',
          scoreOutput: (task) => {
            if (task.taskId === 'task_fetch') return { score: 0.9, approved: true, domain: 'SERVICE', issues: [] };
            if (task.taskId === 'task_flaky') return { score: 0.35, approved: false, domain: 'DATA', issues: ['completeness_not_met', 'accuracy_low'] };
            return undefined;
          },
        },
      );
      result = await run.result;
      await settle();
      samples = await h.read();
      text = await h.metrics.exposition();
    });

    it('finishes as the engine says: partial, with the expected tasks in each state', () => {
      expect(result.status).toBe('partial');
      expect([...result.successful].sort()).toEqual(['task_fetch', 'task_flaky']);
      expect([...result.failed].sort()).toEqual(['task_broken', 'task_lost', 'task_slow']);
      expect([...result.skipped].sort()).toEqual(['task_after_after', 'task_after_broken']);
    });

    it('counts tasks by agent and outcome, naming the agent of failed and skipped tasks too', () => {
      expect(samples.counts(`${P}tasks_total`, ['agent', 'outcome'])).toEqual({
        'fetcher completed': 1,
        'flaky_agent completed': 1,
        'broken_agent failed': 1,
        'remote_reporter failed': 1,
        'slow_agent failed': 1,
        'writer skipped': 1,
        'archiver skipped': 1,
      });
    });

    it('counts retries by agent', () => {
      expect(samples.counts(`${P}task_retries_total`, ['agent'])).toEqual({ broken_agent: 1, flaky_agent: 2 });
    });

    it('counts the run started and finished by strategy and status, with one observation per run histogram', () => {
      expect(samples.counts(`${P}runs_started_total`, ['strategy'])).toEqual({ hybrid: 1 });
      expect(samples.counts(`${P}runs_finished_total`, ['strategy', 'status'])).toEqual({ 'hybrid partial': 1 });
      for (const [metric, figure] of [
        ['run_makespan_seconds', result.makespanMs / 1000],
        ['run_critical_path_seconds', result.criticalPathMs / 1000],
        ['run_parallel_efficiency', result.parallelEfficiency],
      ] as const) {
        expect({ metric, count: samples.value(`${P}${metric}_count`, { strategy: 'hybrid' }) }).toEqual({ metric, count: 1 });
        expect(samples.value(`${P}${metric}_sum`, { strategy: 'hybrid' })).toBeCloseTo(figure, 9);
      }
      // On the virtual clock the slow task's timeout (100 ms) bounds the run; its tasks overlapped.
      expect(result.makespanMs).toBeGreaterThanOrEqual(100);
      expect(result.parallelEfficiency).toBeGreaterThan(0);
      expect(samples.counts(`${P}strategy_decisions_total`, ['strategy', 'reason'])).toEqual({ 'hybrid dependency_driven': 1 });
    });

    it('observes the duration of completed tasks only, by agent', () => {
      expect(samples.counts(`${P}task_duration_seconds_count`, ['agent'])).toEqual({ fetcher: 1, flaky_agent: 1 });
      expect(samples.value(`${P}task_duration_seconds_sum`, { agent: 'fetcher' })).toBeCloseTo((result.tasks.task_fetch.durationMs ?? NaN) / 1000, 9);
    });

    it('records quality verdicts: score per domain, pass/fail checks and each issue', () => {
      expect(samples.value(`${P}quality_score_count`, { domain: 'SERVICE' })).toBe(1);
      expect(samples.value(`${P}quality_score_sum`, { domain: 'SERVICE' })).toBeCloseTo(0.9, 9);
      expect(samples.value(`${P}quality_score_sum`, { domain: 'DATA' })).toBeCloseTo(0.35, 9);
      // 0.35 falls in the 0.4 bucket but not the 0.3 one.
      expect(samples.value(`${P}quality_score_bucket`, { domain: 'DATA', le: 0.3 })).toBe(0);
      expect(samples.value(`${P}quality_score_bucket`, { domain: 'DATA', le: 0.4 })).toBe(1);
      expect(samples.counts(`${P}quality_checks_total`, ['domain', 'result'])).toEqual({ 'SERVICE pass': 1, 'DATA fail': 1 });
      expect(samples.counts(`${P}quality_issues_total`, ['domain', 'issue'])).toEqual({ 'DATA completeness_not_met': 1, 'DATA accuracy_low': 1 });
    });

    it('observes a queue wait for every attempt (0 without a shared pool)', () => {
      // fetch 1 + flaky 3 + broken 2 + lost 1 + slow 1 attempts.
      expect(samples.value(`${P}task_queue_wait_seconds_count`)).toBe(8);
      expect(samples.value(`${P}task_queue_wait_seconds_sum`)).toBe(0);
    });

    it('counts agent calls by transport, agent and outcome; AGENT_LOST is also a heartbeat loss', () => {
      expect(samples.counts(`${P}agent_requests_total`, ['transport', 'agent', 'outcome'])).toEqual({
        'local fetcher success': 1,
        'local flaky_agent error': 2,
        'local flaky_agent success': 1,
        'local broken_agent error': 2,
        'local slow_agent timeout': 1,
        'nats remote_reporter error': 1,
      });
      expect(samples.counts(`${P}heartbeat_losses_total`, ['transport', 'agent'])).toEqual({ 'nats remote_reporter': 1 });
      expect(samples.value(`${P}agent_request_duration_seconds_count`, { transport: 'local', agent: 'flaky_agent' })).toBe(3);
      expect(samples.value(`${P}agent_request_duration_seconds_count`, { transport: 'nats', agent: 'remote_reporter' })).toBe(1);
    });

    it('exposes no run id and no task id in any label (bounded label values)', () => {
      expect(text).toContain(`${P}tasks_total{agent="writer",outcome="skipped"} 1`);
      expect(text).not.toContain(runId);
      for (const id of taskIds) expect({ id, found: text.includes(id) }).toEqual({ id, found: false });
    });

    it('keeps nothing of the run once it finished', () => {
      expect(h.openRuns()).toBe(0);
    });
  });

  it('a cancelled run: unfinished tasks count as cancelled, their agent calls as cancelled', async () => {
    const h = meteredRuns();
    const agents = new TestAgents();
    const run = h.start(
      [
        spec('first', 'worker', [], { input: { durationMs: 10_000 } }),
        spec('second', 'worker', [], { input: { durationMs: 10_000 } }),
        spec('quick', 'helper', [], { input: { durationMs: 10 } }),
        spec('later', 'reporter', ['first']),
      ],
      agents,
      { strategy: 'parallel', strategyReason: 'requested strategy parallel', parallelThreshold: 2 },
    );
    h.clock.setTimer(500, () => run.cancel('the operator stopped it'));
    const result = await run.result;
    await settle();
    expect(result.status).toBe('cancelled');
    const samples = await h.read();
    expect(samples.counts(`${P}tasks_total`, ['agent', 'outcome'])).toEqual({ 'helper completed': 1, 'worker cancelled': 2, 'reporter cancelled': 1 });
    expect(samples.counts(`${P}agent_requests_total`, ['transport', 'agent', 'outcome'])).toEqual({ 'local helper success': 1, 'local worker cancelled': 2 });
    expect(samples.counts(`${P}runs_finished_total`, ['strategy', 'status'])).toEqual({ 'parallel cancelled': 1 });
    expect(samples.counts(`${P}strategy_decisions_total`, ['strategy', 'reason'])).toEqual({ 'parallel requested': 1 });
    expect(samples.counts(`${P}heartbeat_losses_total`, ['transport', 'agent'])).toEqual({});
    expect(h.openRuns()).toBe(0);
  });

  it('runs started and finished count each strategy and status apart', async () => {
    const h = meteredRuns();
    const agents = new TestAgents();
    const plan = [spec('a', 'worker', [], { input: { durationMs: 5 } }), spec('b', 'worker', ['a'], { input: { durationMs: 5 } })];
    const failing = [spec('a', 'worker', [], { input: { failAlways: true } })];
    await h.start(plan, agents, { strategy: 'sequential' }).result;
    await h.start(plan, agents, { strategy: 'sequential' }).result;
    await h.start(plan, agents, { strategy: 'parallel' }).result;
    await h.start(failing, agents, { strategy: 'hybrid' }).result;
    const samples = await h.read();
    expect(samples.counts(`${P}runs_started_total`, ['strategy'])).toEqual({ hybrid: 1, parallel: 1, sequential: 2 });
    expect(samples.counts(`${P}runs_finished_total`, ['strategy', 'status'])).toEqual({ 'sequential completed': 2, 'parallel completed': 1, 'hybrid failed': 1 });
    expect(samples.counts(`${P}run_makespan_seconds_count`, ['strategy'])).toEqual({ hybrid: 1, parallel: 1, sequential: 2 });
    // A chain of two 5 ms tasks: makespan = critical path = 10 ms, nothing saved.
    expect(samples.value(`${P}run_makespan_seconds_sum`, { strategy: 'sequential' })).toBeCloseTo(0.02, 9);
    expect(samples.value(`${P}run_critical_path_seconds_sum`, { strategy: 'parallel' })).toBeCloseTo(0.01, 9);
    expect(samples.value(`${P}run_parallel_efficiency_sum`, { strategy: 'sequential' })).toBe(0);
  });

  it('queue wait: three parallel tasks through a shared pool of one slot wait 0, 1 and 2 task times', async () => {
    const h = meteredRuns();
    const pool = new TaskSlotPool(1);
    const tasks = ['a', 'b', 'c'].map((id) => spec(id, 'worker', [], { input: { durationMs: 100 } }));
    const result = await h.start(tasks, new TestAgents(), { strategy: 'parallel', parallelThreshold: 2, slots: pool.lane() }).result;
    expect(result.status).toBe('completed');
    const samples = await h.read();
    expect(samples.value(`${P}task_queue_wait_seconds_count`)).toBe(3);
    expect(samples.value(`${P}task_queue_wait_seconds_sum`)).toBeGreaterThan(0);
    expect(samples.value(`${P}task_queue_wait_seconds_sum`)).toBeCloseTo(result.totalQueueWaitMs / 1000, 9);
    expect(result.totalQueueWaitMs).toBe(300);
    // One task found the slot free.
    expect(samples.value(`${P}task_queue_wait_seconds_bucket`, { le: 0 })).toBe(1);
  });

  it('a task added while the run goes on is counted under its own agent when it fails or is skipped', async () => {
    const h = meteredRuns();
    const run = h.start([spec('seed', 'planner_agent', [], { input: { durationMs: 50 } })], new TestAgents(), { strategy: 'hybrid' });
    run.modify({
      nodes: [spec('added', 'late_agent', ['seed'], { input: { failAlways: true } }), spec('added_after', 'late_follower', ['added'])],
    });
    const result = await run.result;
    expect(result.status).toBe('partial');
    const samples = await h.read();
    expect(samples.counts(`${P}tasks_total`, ['agent', 'outcome'])).toEqual({ 'planner_agent completed': 1, 'late_agent failed': 1, 'late_follower skipped': 1 });
  });

  it('keeps per-run state only while a run is going: nothing after 1000 runs', async () => {
    const h = meteredRuns();
    const agents = new TestAgents();
    const held = h.start([spec('hold', 'worker', [], { input: { durationMs: 1_000_000 } })], agents, { strategy: 'sequential' });
    expect(h.openRuns()).toBe(1);
    const shape = (i: number) => [spec(`t${i}`, 'worker', [], { input: { durationMs: 1 + (i % 7) } }), spec(`u${i}`, 'helper', [`t${i}`])];
    await h.start(shape(-1), agents, { strategy: 'hybrid' }).result;
    const linesAfterOne = (await h.metrics.exposition()).split('\n').length;
    const runs: Promise<RunResult>[] = [];
    for (let i = 0; i < 1000; i++) {
      runs.push(h.start(shape(i), agents, { strategy: 'hybrid' }).result);
    }
    expect(h.openRuns()).toBe(1001);
    await Promise.all(runs);
    expect(h.openRuns()).toBe(1);
    // 1000 more runs of the same agents, and the exposition has not grown by a line.
    expect((await h.metrics.exposition()).split('\n').length).toBe(linesAfterOne);
    held.cancel('done holding');
    await held.result;
    expect(h.openRuns()).toBe(0);
    const samples = await h.read();
    expect(samples.value(`${P}runs_finished_total`, { strategy: 'hybrid', status: 'completed' })).toBe(1001);
    expect(samples.counts(`${P}tasks_total`, ['agent', 'outcome'])).toEqual({ 'worker completed': 1001, 'helper completed': 1001, 'worker cancelled': 1 });
  });
});
