import { ParallelWorkflowGraph, StrategyName, WorkflowNodeSpec, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

/** Runs the plan and returns the agent calls in start order. */
async function calls(specs: WorkflowNodeSpec[], strategy: StrategyName, maxConcurrency?: number) {
  const clock = manualClock();
  const executor = new SimExecutor();
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(2), executor, { strategy, clock, maxConcurrency });
  const result = await finishBy(run, clock, 100_000);
  expect(result.status).toBe('completed');
  return executor.calls;
}

const timed = (id: string, ms: number, dependencies: string[] = [], extra: Partial<WorkflowNodeSpec> = {}) =>
  task(id, dependencies, { durationMs: ms }, { estimatedDuration: ms, ...extra });

describe('hybrid: upward rank', () => {
  it('is the max over dependents, not their sum: a long chain beats a wide fan-out at concurrency 1', async () => {
    // fan: 10 + max(10, 10, 10, 10, 10) = 20 (a sum would give 60); head: 10 + 10 + 10 + 10 = 40.
    const fan = [timed('fan', 10), ...[1, 2, 3, 4, 5].map((i) => timed(`leaf${i}`, 10, ['fan']))];
    const chain = [timed('head', 10), timed('c1', 10, ['head']), timed('c2', 10, ['c1']), timed('c3', 10, ['c2'])];
    const order = (await calls([...fan, ...chain], 'hybrid', 1)).map((c) => c.taskId);
    expect(order[0]).toBe('head');
    // Then c1 (30) beats fan (20); c2 (20) ties with fan and plan order puts fan first.
    expect(order.slice(0, 3)).toEqual(['head', 'c1', 'fan']);
  });

  it('counts the task itself: a heavy leaf outranks a light head of a short chain', async () => {
    // heavy: 50; light: 5 + 20 = 25.
    const order = (await calls([timed('light', 5), timed('after', 20, ['light']), timed('heavy', 50)], 'hybrid', 1)).map((c) => c.taskId);
    expect(order).toEqual(['heavy', 'light', 'after']);
  });
});

describe('hybrid: ties', () => {
  it('equal ranks go by priority (critical > high > normal > low), then by plan order', async () => {
    const specs = [
      timed('low', 10, [], { priority: 'low' }),
      timed('normal1', 10),
      timed('high', 10, [], { priority: 'high' }),
      timed('normal2', 10, [], { priority: 'normal' }),
      timed('critical', 10, [], { priority: 'critical' }),
      timed('numeric5', 10, [], { priority: 5 }),
    ];
    const order = (await calls(specs, 'hybrid', 1)).map((c) => c.taskId);
    expect(order).toEqual(['numeric5', 'critical', 'high', 'normal1', 'normal2', 'low']);
  });

  it('rank comes before priority: a critical short task waits for a longer path', async () => {
    const order = (await calls([timed('urgent', 5, [], { priority: 'critical' }), timed('long', 30)], 'hybrid', 1)).map((c) => c.taskId);
    expect(order).toEqual(['long', 'urgent']);
  });
});

describe('parallelSafe: false', () => {
  it.each<StrategyName>(['hybrid', 'parallel'])('%s: the task never runs beside another one, and the others still overlap', async (strategy) => {
    const specs = [timed('a', 10), timed('b', 15), timed('solo', 10, [], { parallelSafe: false }), timed('c', 10), timed('d', 10)];
    const made = await calls(specs, strategy);
    const solo = made.find((c) => c.taskId === 'solo');
    expect(solo).toBeDefined();
    const soloEnd = solo?.end as number;
    for (const other of made.filter((c) => c.taskId !== 'solo')) {
      const apart = (other.end as number) <= (solo?.start as number) || other.start >= soloEnd;
      expect({ task: other.taskId, apart }).toEqual({ task: other.taskId, apart: true });
    }
    // The rest did run concurrently (the exclusivity is the one task's, not the run's).
    const starts = made.filter((c) => c.taskId !== 'solo').map((c) => c.start);
    expect(new Set(starts).size).toBeLessThan(starts.length);
  });

  it('an exclusive task that is ready first holds the others back until it ends', async () => {
    const made = await calls([timed('solo', 10, [], { parallelSafe: false }), timed('x', 10), timed('y', 10)], 'hybrid');
    const byId = Object.fromEntries(made.map((c) => [c.taskId, c]));
    expect(byId.solo.start).toBe(0);
    expect(byId.x.start).toBe(10);
    expect(byId.y.start).toBe(10);
  });
});
