import { runWorkflow, TaskError, VirtualClock, WorkflowGraph, type RunOptions, type RunResult, type TaskContext, type TaskExecutor, type TaskRequest, type WorkflowNodeSpec } from '@a2a-mcp/core-graph';
import { OrchestrationStats } from '../src';

/** Waits `durationMs` on the run's clock; fails the first `failTimes` attempts or every one. */
const agents: TaskExecutor = {
  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const input = task.input as { durationMs?: number; failTimes?: number; failAlways?: boolean };
    if (input.durationMs) await ctx.sleep(input.durationMs);
    if (input.failAlways || ctx.attempt <= (input.failTimes ?? 0)) throw new TaskError('SIMULATED_FAILURE', `attempt ${ctx.attempt} failed`);
    return { ok: true };
  },
};

const spec = (id: string, durationMs: number, dependencies: string[] = [], extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `work of ${id}`,
  agent: 'worker',
  dependencies,
  ...extra,
  input: { durationMs, ...extra.input },
});

const UNIFORM =
  'auto: uniform_levels: the levels line up with the critical path and each runs concurrently (parallelThreshold 2), so level by level loses nothing ' +
  '(parallel potential 50%, widest level 2); load: 0 runs, 0/100 slots; changed nothing: concurrency follows the plan';
const DEPENDENCY_DRIVEN = 'auto: dependency_driven: tasks start as soon as their dependencies complete (parallel potential 40%, widest level 2); load: idle; changed nothing';

describe('OrchestrationStats (GET /v1/stats) on real engine runs', () => {
  let wallNow: number;
  let stats: OrchestrationStats;
  const clock = new VirtualClock();

  beforeEach(() => {
    wallNow = Date.parse('2025-03-01T12:00:00.000Z');
    stats = new OrchestrationStats(() => wallNow);
  });

  const run = (specs: WorkflowNodeSpec[], options: RunOptions): Promise<RunResult> =>
    runWorkflow(WorkflowGraph.fromSpecs(specs), agents, { clock, random: () => 0.5, ...options, onEvent: (event) => stats.onEvent(event) }).result;

  it('has no rates before any task finished', () => {
    expect(stats.health()).toEqual({
      activeRuns: 0,
      activeTasks: 0,
      runsStarted: 0,
      runsFinished: 0,
      tasksCompleted: 0,
      tasksFailed: 0,
      successRate: null,
      averageTaskMs: null,
      strategyUse: { sequential: 0, parallel: 0, hybrid: 0 },
      runStatuses: {},
      lastAutoDecision: null,
      uptimeSeconds: 0,
    });
  });

  it('sums tasks, success rate, average task time, strategy use and final statuses over runs', async () => {
    // Plan-named hybrid: a and b complete (100 and 300 ms), c fails after its retry, d is skipped.
    const first = await run(
      [spec('a', 100), spec('b', 300, ['a']), spec('c', 50, [], { maxRetries: 1, input: { failAlways: true } }), spec('d', 10, ['c'])],
      { strategy: 'hybrid', strategyReason: 'plan coordinationStrategy hybrid' },
    );
    expect(first.status).toBe('partial');
    // Auto → parallel: two 200 ms tasks; the first attempt of one fails and is retried (not a failure).
    const second = await run([spec('e', 200), spec('f', 200, [], { maxRetries: 2, input: { failTimes: 1 } })], {
      strategy: 'parallel',
      strategyReason: UNIFORM,
    });
    expect(second.status).toBe('completed');
    // Requested sequential, one task of 400 ms.
    await run([spec('g', 400)], { strategy: 'sequential', strategyReason: 'requested strategy sequential' });

    const health = stats.health();
    expect(health).toMatchObject({ runsStarted: 3, runsFinished: 3, tasksCompleted: 5, tasksFailed: 1 });
    expect(health.successRate).toBeCloseTo(5 / 6, 12);
    const completedMs = [first.tasks.a, first.tasks.b, second.tasks.e, second.tasks.f, { durationMs: 400 }].map((task) => task.durationMs ?? NaN);
    expect(completedMs.slice(0, 3)).toEqual([100, 300, 200]);
    expect(health.averageTaskMs).toBeCloseTo(completedMs.reduce((sum, ms) => sum + ms, 0) / 5, 9);
    expect(health.strategyUse).toEqual({ sequential: 1, parallel: 1, hybrid: 1 });
    expect(health.runStatuses).toEqual({ partial: 1, completed: 2 });
  });

  it('remembers the last decision of the auto optimizer only, with its code, reason and time', async () => {
    await run([spec('a', 10), spec('b', 10)], { strategy: 'parallel', strategyReason: UNIFORM });
    const decided = stats.health().lastAutoDecision;
    expect(decided).toEqual({ runId: expect.any(String), strategy: 'parallel', code: 'uniform_levels', reason: UNIFORM, at: '2025-03-01T12:00:00.000Z' });

    // Strategies named by the plan, the caller or the mode's default are not decisions of the optimizer.
    wallNow += 60_000;
    await run([spec('a', 10)], { strategy: 'hybrid', strategyReason: 'plan coordinationStrategy hybrid' });
    await run([spec('a', 10)], { strategy: 'parallel', strategyReason: 'requested strategy parallel' });
    await run([spec('a', 10)], { strategy: 'sequential', strategyReason: 'ORCHESTRATION_MODE=enhanced default strategy auto' });
    await run([spec('a', 10)], { strategy: 'sequential', strategyReason: 'auto: not_a_code: made up' });
    expect(stats.health().lastAutoDecision).toEqual(decided);

    // A later auto run replaces it.
    wallNow += 5_000;
    const later = await run([spec('a', 10), spec('b', 20, ['a']), spec('c', 5)], { strategy: 'hybrid', strategyReason: DEPENDENCY_DRIVEN });
    expect(stats.health().lastAutoDecision).toEqual({
      runId: later.runId,
      strategy: 'hybrid',
      code: 'dependency_driven',
      reason: DEPENDENCY_DRIVEN,
      at: '2025-03-01T12:01:05.000Z',
    });
    expect(stats.health().uptimeSeconds).toBe(65);
  });

  it('reads the live figures from its source at each call', () => {
    let runs = 2;
    stats.readFrom({ activeRuns: () => runs, activeTasks: () => 7 });
    expect(stats.health()).toMatchObject({ activeRuns: 2, activeTasks: 7 });
    runs = 0;
    expect(stats.health().activeRuns).toBe(0);
  });
});
