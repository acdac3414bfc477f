import { QualityPolicy, TaskContext, TaskRequest, WorkflowEvent, WorkflowGraph, WorkflowNodeSpec, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

/** One task whose output reports `qualityScore: score`, judged against `qualityThreshold: threshold`. */
async function scored(score: number, threshold: number, qualityPolicy: QualityPolicy | undefined, runPolicy?: QualityPolicy) {
  const clock = manualClock();
  const spec: WorkflowNodeSpec = task('t', [], { output: { qualityScore: score } }, { qualityThreshold: threshold, ...(qualityPolicy ? { qualityPolicy } : {}) });
  const executor = new SimExecutor();
  const run = runWorkflow(WorkflowGraph.fromSpecs([spec]), executor, {
    clock,
    random: () => 0,
    retry: { qualityRetries: 1 },
    ...(runPolicy ? { qualityPolicy: runPolicy } : {}),
  });
  const result = await finishBy(run, clock, 1_000);
  return { result, attempts: executor.calls.length };
}

describe('the built-in quality check (a numeric qualityScore in the output)', () => {
  it('a score equal to the threshold passes', async () => {
    const { result } = await scored(0.7, 0.7, 'fail');
    expect(result.status).toBe('completed');
    expect(result.tasks.t.qualityScore).toBe(0.7);
  });

  it('a score just below the threshold fails under `fail`, with the score in the error', async () => {
    const { result, attempts } = await scored(0.6999, 0.7, 'fail');
    expect(result.status).toBe('failed');
    expect(result.tasks.t.error?.code).toBe('QUALITY_BELOW_THRESHOLD');
    expect(result.tasks.t.error?.message).toContain('scored 0.70');
    expect(attempts).toBe(1);
  });

  it('`retry` re-runs a low score up to the quality budget, then fails', async () => {
    const { result, attempts } = await scored(0.5, 0.7, 'retry');
    expect(attempts).toBe(2);
    expect(result.tasks.t.error?.code).toBe('QUALITY_BELOW_THRESHOLD');
  });

  it('`warn` (the default) only reports: the task completes with its low score', async () => {
    const { result, attempts } = await scored(0.1, 0.7, undefined);
    expect(result.status).toBe('completed');
    expect(result.tasks.t.qualityScore).toBe(0.1);
    expect(attempts).toBe(1);
  });

  it("the task's policy wins over the run's", async () => {
    expect((await scored(0.1, 0.7, 'warn', 'fail')).result.status).toBe('completed');
    expect((await scored(0.1, 0.7, undefined, 'fail')).result.status).toBe('failed');
  });

  it('reads `confidence` when there is no qualityScore, and ignores outputs without a number', async () => {
    const clock = manualClock();
    const specs = [
      task('conf', [], { output: { confidence: 0.2 } }, { qualityThreshold: 0.5, qualityPolicy: 'fail' }),
      task('plain', [], { output: { qualityScore: 'high' } }, { qualityThreshold: 0.5, qualityPolicy: 'fail' }),
    ];
    const result = await finishBy(runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), { strategy: 'hybrid', clock }), clock, 1_000);
    expect(result.tasks.conf.status).toBe('failed');
    expect(result.tasks.plain.status).toBe('completed');
    expect(result.tasks.plain.qualityScore).toBeUndefined();
  });
});

describe('task_progress events', () => {
  it('reports progress clamped to 0..100, with the message when given', async () => {
    const clock = manualClock();
    const events: WorkflowEvent[] = [];
    const executor = new SimExecutor({
      t: async (_task: TaskRequest, ctx: TaskContext) => {
        ctx.progress(-5);
        ctx.progress(40, 'halfway-ish');
        await ctx.sleep(10);
        ctx.progress(250, 'done');
        ctx.progress(Number.NaN);
        return 'ok';
      },
    });
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('t')]), executor, { clock, onEvent: (e) => events.push(e) });
    await finishBy(run, clock, 1_000);
    const progress = events.filter((e) => e.type === 'task_progress').map((e) => (e.type === 'task_progress' ? [e.taskId, e.pct, e.message, e.at] : []));
    expect(progress).toEqual([
      ['t', 0, undefined, 0],
      ['t', 40, 'halfway-ish', 0],
      ['t', 100, 'done', 10],
      ['t', 0, undefined, 10],
    ]);
    expect(run.state.tasks.t.status).toBe('completed');
  });
});
