import { WorkflowGraph, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

/**
 * A task with `timeoutMs: 100` works 40 ms, waits 1000 ms for an answer, then works `afterMs` more.
 * Only the 40 + afterMs of work count against its timeout.
 */
async function pausedRun(afterMs: number) {
  const clock = manualClock();
  const executor = new SimExecutor({
    t: async (_task, ctx) => {
      await ctx.sleep(40);
      const answer = await ctx.requestInput('go on?');
      await ctx.sleep(afterMs);
      return { answer };
    },
  });
  const run = runWorkflow(WorkflowGraph.fromSpecs([task('t', [], {}, { timeoutMs: 100 })]), executor, {
    clock,
    // The person answers 1000 ms after the question.
    onEvent: (e) => e.type === 'task_paused' && clock.setTimer(1000, () => run.resume('t', 'yes')),
  });
  const result = await finishBy(run, clock, 10_000);
  return { result, attempts: executor.calls.length };
}

describe('time paused waiting for input', () => {
  it('does not count against timeoutMs: 40 + 50 ms of work within 100 ms completes after a 1000 ms pause', async () => {
    const { result } = await pausedRun(50);
    expect(result.status).toBe('completed');
    expect(result.tasks.t.output).toEqual({ answer: 'yes' });
    expect(result.makespanMs).toBe(1090);
  });

  it('the budget left at the pause still runs out: 40 + 70 ms times out 60 ms after the answer', async () => {
    const { result, attempts } = await pausedRun(70);
    expect(result.tasks.t.error?.code).toBe('TASK_TIMEOUT');
    expect(result.tasks.t.error?.message).toContain('timed out after 100 ms');
    expect(result.makespanMs).toBe(1100);
    expect(attempts).toBe(1);
  });
});
