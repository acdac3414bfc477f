import { ParallelWorkflowGraph, StrategyName, WorkflowGraph, WorkflowNodeSpec, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

async function runToEnd(specs: WorkflowNodeSpec[], strategy: StrategyName, extra: { parallelThreshold?: number } = {}) {
  const clock = manualClock();
  const executor = new SimExecutor();
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs), executor, { strategy, clock, ...extra });
  const result = await finishBy(run, clock, 10_000);
  return { result, ran: executor.calls.map((call) => call.taskId), run };
}

// `bad` fails; `after` depends on it; `independent` comes later in plan order and needs nothing.
const oneFailure = [task('bad', [], { durationMs: 5, failAlways: true }), task('after', ['bad'], { durationMs: 5 }), task('independent', [], { durationMs: 5 })];

describe('after a failure', () => {
  it.each<[StrategyName, { parallelThreshold?: number }]>([
    ['hybrid', {}],
    ['parallel', {}],
    // Below the threshold a level runs its tasks one by one, in plan order: still no stop at a failure.
    ['parallel', { parallelThreshold: 10 }],
  ])('%s %j: an independent later task still runs; only the dependents are skipped', async (strategy, extra) => {
    const { result, ran } = await runToEnd(oneFailure, strategy, extra);
    expect(ran).toContain('independent');
    expect(ran).not.toContain('after');
    expect(result.successful).toEqual(['independent']);
    expect(result.failed).toEqual(['bad']);
    expect(result.skipped).toEqual(['after']);
    expect(result.tasks.after.status).toBe('skipped');
  });

  it('sequential stops at the first failure: dependents are skipped for the failure, the rest because the run stopped', async () => {
    const clock = manualClock();
    const executor = new SimExecutor();
    const skips: Record<string, string> = {};
    const specs = [task('first', [], { durationMs: 5 }), ...oneFailure];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), executor, {
      strategy: 'sequential',
      clock,
      onEvent: (e) => e.type === 'task_skipped' && (skips[e.taskId] = `${e.reason} (${e.cause})`),
    });
    const result = await finishBy(run, clock, 1_000);
    expect(executor.calls.map((call) => call.taskId)).toEqual(['first', 'bad']);
    expect(result.status).toBe('partial');
    expect(result.successful).toEqual(['first']);
    expect(skips).toEqual({ after: 'dependency_failed (bad)', independent: 'run_stopped (bad)' });
  });

  it('skips transitive dependents, not just direct ones, and names the failed task as the cause', async () => {
    const specs = [task('root', [], { failAlways: true }), task('mid', ['root']), task('leaf', ['mid']), task('other', [], { durationMs: 1 })];
    const clock = manualClock();
    const skips: [string, string, string][] = [];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), {
      strategy: 'hybrid',
      clock,
      onEvent: (e) => e.type === 'task_skipped' && skips.push([e.taskId, e.reason, e.cause ?? '']),
    });
    const result = await finishBy(run, clock, 1_000);
    expect(skips.sort()).toEqual([
      ['leaf', 'dependency_failed', 'root'],
      ['mid', 'dependency_failed', 'root'],
    ]);
    expect(result.successful).toEqual(['other']);
  });
});

describe('run status and partialCompletion', () => {
  const statusOf = async (specs: WorkflowNodeSpec[]) => (await runToEnd(specs, 'hybrid')).result;

  it('every task completed: completed, not partial', async () => {
    const result = await statusOf([task('a', [], { durationMs: 1 }), task('b', [], { durationMs: 1 })]);
    expect(result.status).toBe('completed');
    expect(result.partialCompletion).toBe(false);
  });

  it('one success and one failure: partial, with partialCompletion', async () => {
    const result = await statusOf([task('ok', [], { durationMs: 1 }), task('bad', [], { failAlways: true })]);
    expect(result.status).toBe('partial');
    expect(result.partialCompletion).toBe(true);
  });

  it('every task failed: failed, and no partial completion', async () => {
    const result = await statusOf([task('bad1', [], { failAlways: true }), task('bad2', [], { failAlways: true })]);
    expect(result.status).toBe('failed');
    expect(result.partialCompletion).toBe(false);
    expect(result.successful).toEqual([]);
    expect(result.failed.sort()).toEqual(['bad1', 'bad2']);
  });

  it('a failure that only skips the rest: failed, and no partial completion', async () => {
    const result = await statusOf([task('bad', [], { failAlways: true }), task('after', ['bad'])]);
    expect(result.status).toBe('failed');
    expect(result.partialCompletion).toBe(false);
  });
});
