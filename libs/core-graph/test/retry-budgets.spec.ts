import { DEFAULT_QUALITY_RETRIES, RunOptions, WorkflowEvent, WorkflowGraph, WorkflowNodeSpec, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

async function attemptsOf(spec: WorkflowNodeSpec, options: RunOptions = {}) {
  const clock = manualClock();
  const executor = new SimExecutor();
  const retries: number[] = [];
  const run = runWorkflow(WorkflowGraph.fromSpecs([spec]), executor, {
    clock,
    random: () => 1,
    ...options,
    onEvent: (e) => e.type === 'task_retry' && retries.push(e.delayMs),
  });
  const result = await finishBy(run, clock, 100_000);
  return { attempts: executor.calls.length, retries, result };
}

describe('retry budgets', () => {
  it('no retries unless asked: one attempt by default', async () => {
    expect((await attemptsOf(task('t', [], { failAlways: true }))).attempts).toBe(1);
  });

  it("the run's defaultMaxRetries applies to a task that sets none; the task's own maxRetries wins, even 0", async () => {
    expect((await attemptsOf(task('t', [], { failAlways: true }), { retry: { defaultMaxRetries: 2 } })).attempts).toBe(3);
    expect((await attemptsOf(task('t', [], { failAlways: true }, { maxRetries: 1 }), { retry: { defaultMaxRetries: 4 } })).attempts).toBe(2);
    expect((await attemptsOf(task('t', [], { failAlways: true }, { maxRetries: 0 }), { retry: { defaultMaxRetries: 4 } })).attempts).toBe(1);
  });

  it('backoff: 50 ms doubling by default, capped at 2000 ms (jitter draw 1 gives the full delay)', async () => {
    const { retries } = await attemptsOf(task('t', [], { failAlways: true }, { maxRetries: 7 }));
    expect(retries).toEqual([50, 100, 200, 400, 800, 1600, 2000]);
  });

  it('a success after retries stops retrying', async () => {
    const { attempts, result } = await attemptsOf(task('t', [], { failTimes: 2 }, { maxRetries: 5 }));
    expect(attempts).toBe(3);
    expect(result.tasks.t).toMatchObject({ status: 'completed', attempts: 3 });
  });

  it(`low quality under \`retry\` spends its own budget (default ${DEFAULT_QUALITY_RETRIES}), not maxRetries`, async () => {
    const lowScore = task('t', [], { output: { qualityScore: 0.1 } }, { qualityThreshold: 0.5, qualityPolicy: 'retry', maxRetries: 0 });
    const byDefault = await attemptsOf(lowScore);
    expect(byDefault.attempts).toBe(1 + DEFAULT_QUALITY_RETRIES);
    expect(byDefault.result.tasks.t.error?.code).toBe('QUALITY_BELOW_THRESHOLD');
    expect((await attemptsOf(lowScore, { retry: { qualityRetries: 0 } })).attempts).toBe(1);
    // `fail` never retries a low score, whatever the budgets.
    expect((await attemptsOf({ ...lowScore, qualityPolicy: 'fail', maxRetries: 3 }, { retry: { qualityRetries: 3 } })).attempts).toBe(1);
  });
});

describe('hybrid: a graph change re-ranks the tasks already waiting', () => {
  it('a long chain added under a waiting task moves it ahead of its peers', async () => {
    const clock = manualClock();
    const executor = new SimExecutor();
    const timed = (id: string, ms: number, deps: string[] = []) => task(id, deps, { durationMs: ms }, { estimatedDuration: ms });
    const started: string[] = [];
    const run = runWorkflow(WorkflowGraph.fromSpecs([timed('blocker', 50), timed('x', 5), timed('y', 5)]), executor, {
      clock,
      strategy: 'hybrid',
      maxConcurrency: 1,
      onEvent: (e: WorkflowEvent) => e.type === 'task_start' && started.push(e.taskId),
    });
    expect(started).toEqual(['blocker']);
    // y now heads a 105 ms path; x still weighs 5.
    run.addNode(timed('z', 100, ['y']));
    await finishBy(run, clock, 1_000);
    expect(started).toEqual(['blocker', 'y', 'z', 'x']);
  });
});
