import { ParallelWorkflowGraph, RunResult, StrategyName, VirtualClock, WorkflowEvent, runWorkflow } from '../src';
import { loadExample } from './support/examples';
import { finishBy } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';

async function runExample(name: string, strategy: StrategyName, extra: { maxConcurrency?: number } = {}) {
  const plan = loadExample(name);
  const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(plan.parallelThreshold ?? 3);
  const executor = new SimExecutor();
  const clock = new VirtualClock();
  const events: WorkflowEvent[] = [];
  const run = runWorkflow(graph, executor, { strategy, clock, random: () => 0.5, ...extra, onEvent: (event) => events.push(event) });
  const result: RunResult = await finishBy(run, clock, 60_000);
  return { result, events, executor };
}

describe('strategies on the original framework scenarios (virtual clock)', () => {
  it('e-commerce: sequential 210 ms, levels 100 ms, hybrid = critical path 100 ms', async () => {
    const seq = await runExample('ecommerce-order', 'sequential');
    const par = await runExample('ecommerce-order', 'parallel');
    const hyb = await runExample('ecommerce-order', 'hybrid');
    expect(seq.result.makespanMs).toBe(210);
    expect(seq.result.totalTaskMs).toBe(210);
    expect(seq.executor.maxRunning).toBe(1);
    expect(par.result.makespanMs).toBe(100);
    expect(hyb.result.makespanMs).toBe(100);
    expect(hyb.result.criticalPath).toEqual(['payment', 'shipping']);
    expect(hyb.result.criticalPathMs).toBe(100);
    for (const r of [seq, par, hyb]) {
      expect(r.result.status).toBe('completed');
      expect(r.result.successful).toHaveLength(5);
    }
    expect(hyb.result.parallelEfficiency).toBeCloseTo(1 - 100 / 210, 5);
  });

  it('uneven pipelines: levels wait for the slowest task, hybrid finishes at the critical path', async () => {
    const par = await runExample('uneven-pipelines', 'parallel');
    const hyb = await runExample('uneven-pipelines', 'hybrid');
    expect(hyb.result.makespanMs).toBe(60);
    expect(hyb.result.criticalPathMs).toBe(60);
    // threshold 3 > level size 2: the parallel strategy runs these two-task levels in order.
    expect(par.result.makespanMs).toBe(120);
    const levelStarts = par.events.filter((e) => e.type === 'level_start');
    expect(levelStarts.map((e) => (e.type === 'level_start' ? e.taskIds : []))).toEqual([
      ['fetch_news', 'fetch_market'],
      ['summarize_news', 'chart_market'],
      ['brief'],
    ]);
  });

  it('flaky agents: retries, a permanent failure skips its dependents, independent work completes', async () => {
    const { result, events } = await runExample('flaky-agents', 'parallel');
    expect(result.status).toBe('partial');
    expect(result.partialCompletion).toBe(true);
    expect(result.successful.sort()).toEqual(['after_flaky', 'flaky', 'independent']);
    expect(result.failed).toEqual(['broken']);
    expect(result.skipped).toEqual(['after_broken']);
    expect(result.tasks.flaky.attempts).toBe(3);
    expect(result.tasks.broken.attempts).toBe(2);
    expect(events.filter((e) => e.type === 'task_retry')).toHaveLength(3);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('hybrid under a binding limit starts the task with the longest remaining path first', async () => {
    // Three ready roots; `long` heads a 35 ms chain, `mid` a 20 ms one, `short` stands alone.
    const specs = [
      { id: 'short', description: 's', agent: 'sim', dependencies: [], estimatedDuration: 5, input: { durationMs: 5 } },
      { id: 'mid', description: 'm', agent: 'sim', dependencies: [], estimatedDuration: 10, input: { durationMs: 10 } },
      { id: 'long', description: 'l', agent: 'sim', dependencies: [], estimatedDuration: 10, input: { durationMs: 10 } },
      { id: 'mid2', description: 'm2', agent: 'sim', dependencies: ['mid'], estimatedDuration: 10, input: { durationMs: 10 } },
      { id: 'long2', description: 'l2', agent: 'sim', dependencies: ['long'], estimatedDuration: 25, input: { durationMs: 25 } },
    ];
    const executor = new SimExecutor();
    const clock = new VirtualClock();
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs), executor, { strategy: 'hybrid', maxConcurrency: 1, clock });
    await finishBy(run, clock, 1_000);
    expect(executor.calls.map((c) => c.taskId)).toEqual(['long', 'long2', 'mid', 'mid2', 'short']);
  });

  it('parallel: the threshold decides, and level_start.concurrent says what happened', async () => {
    const specs = ['a', 'b', 'c'].map((id) => ({ id, description: id, agent: 'sim', dependencies: [], input: { durationMs: 10 } }));
    const runAt = async (threshold: number) => {
      const levels: boolean[] = [];
      const clock = new VirtualClock();
      const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(threshold), new SimExecutor(), {
        clock,
        onEvent: (event) => event.type === 'level_start' && levels.push(event.concurrent),
      });
      return { result: await finishBy(run, clock, 1_000), levels };
    };
    const below = await runAt(5);
    const above = await runAt(3);
    expect(below.result.makespanMs).toBe(30);
    expect(below.levels).toEqual([false]);
    expect(above.result.makespanMs).toBe(10);
    expect(above.levels).toEqual([true]);
  });

  it('parallel: a level above the threshold is not called concurrent when the run allows one task at a time', async () => {
    const specs = ['a', 'b', 'c'].map((id) => ({ id, description: id, agent: 'sim', dependencies: [], input: { durationMs: 10 } }));
    const starts: boolean[] = [];
    const clock = new VirtualClock();
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(2), new SimExecutor(), {
      clock,
      maxConcurrency: 1,
      onEvent: (event) => event.type === 'level_start' && starts.push(event.concurrent),
    });
    expect((await finishBy(run, clock, 1_000)).makespanMs).toBe(30);
    expect(starts).toEqual([false]);
  });
});
