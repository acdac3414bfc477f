import { ParallelWorkflowGraph, WorkflowEvent, WorkflowGraph, runWorkflow } from '../src';
import { BinaryHeap } from '../src/collections/binary-heap';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

/** Events of interest as short strings, in order. */
function recorder() {
  const seen: string[] = [];
  const onEvent = (e: WorkflowEvent): void => {
    if (e.type === 'level_start') seen.push(`level ${e.level}: ${e.taskIds.join(',')}`);
    if (e.type === 'task_start') seen.push(`start ${e.taskId} @${e.at}`);
  };
  return { seen, onEvent };
}

describe('durations are measured from the run start, on a clock that does not start at 0', () => {
  it('a completed and a failed task report their own durations', async () => {
    const clock = manualClock(1_000);
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 10 }), task('b', ['a'], { durationMs: 7, failAlways: true })]), new SimExecutor(), { clock });
    const result = await finishBy(run, clock, 2_000);
    expect(result.tasks.a).toMatchObject({ startedAtMs: 0, finishedAtMs: 10, durationMs: 10 });
    expect(result.tasks.b).toMatchObject({ startedAtMs: 10, finishedAtMs: 17, durationMs: 7 });
    expect(result.makespanMs).toBe(17);
  });
});

describe('the built-in score and the scorer hook, details', () => {
  it('a score without a threshold is reported and approved', async () => {
    const clock = manualClock();
    const verdicts: unknown[] = [];
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('t', [], { output: { qualityScore: 0.2 } }, { qualityPolicy: 'fail' })]), new SimExecutor(), {
      clock,
      onEvent: (e) => e.type === 'task_complete' && verdicts.push(e.quality),
    });
    const result = await finishBy(run, clock, 10);
    expect(result.tasks.t.status).toBe('completed');
    expect(verdicts).toEqual([{ score: 0.2, approved: true }]);
  });

  it('a non-numeric confidence is no score', async () => {
    const clock = manualClock();
    const spec = task('t', [], { output: { confidence: 'high' } }, { qualityThreshold: 0.5, qualityPolicy: 'fail' });
    const result = await finishBy(runWorkflow(WorkflowGraph.fromSpecs([spec]), new SimExecutor(), { clock }), clock, 10);
    expect(result.tasks.t.status).toBe('completed');
    expect(result.tasks.t.qualityScore).toBeUndefined();
  });

  it("a rejected verdict's issues end the error message; without issues the message ends at the threshold", async () => {
    const messageFor = async (issues: string[] | undefined) => {
      const clock = manualClock();
      const run = runWorkflow(WorkflowGraph.fromSpecs([task('t')]), new SimExecutor(), {
        clock,
        qualityPolicy: 'fail',
        scoreOutput: () => ({ score: 0.25, approved: false, ...(issues ? { issues } : {}) }),
      });
      return (await finishBy(run, clock, 10)).tasks.t.error?.message;
    };
    expect(await messageFor(['too_short', 'off_topic'])).toBe('task "t" output scored 0.25, below its threshold: too_short, off_topic');
    expect(await messageFor([])).toBe('task "t" output scored 0.25, below its threshold');
    expect(await messageFor(undefined)).toBe('task "t" output scored 0.25, below its threshold');
  });
});

describe('parallel strategy: levels when the graph changes under them', () => {
  it('a level lists its tasks in plan order, whatever order they became ready in', async () => {
    const clock = manualClock();
    const { seen, onEvent } = recorder();
    const specs = [task('a', [], { durationMs: 10 }), task('b', [], { durationMs: 5 }), task('x', ['a']), task('y', ['b'])];
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(2), new SimExecutor(), { clock, onEvent });
    await finishBy(run, clock, 100);
    expect(seen.filter((line) => line.startsWith('level'))).toEqual(['level 0: a,b', 'level 1: x,y']);
  });

  it('a task waiting for the next level that gets a new dependency leaves it', async () => {
    const clock = manualClock();
    const { seen, onEvent } = recorder();
    const specs = [task('a', [], { durationMs: 10 }), task('b', [], { durationMs: 5 }), task('c', ['b'], { durationMs: 1 })];
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(2), new SimExecutor(), { clock, onEvent });
    // At t=6, b is done and c waits for level 1; a new task n becomes c's dependency.
    clock.setTimer(6, () => run.modify({ nodes: [task('n', [], { durationMs: 2 })], edges: [['n', 'c']] }));
    const result = await finishBy(run, clock, 100);
    expect(seen.filter((line) => line.startsWith('level'))).toEqual(['level 0: a,b', 'level 1: n', 'level 2: c']);
    expect(result.tasks.c.startedAtMs).toBe(12);
  });

  it('a task of the running level that gets a new dependency leaves the level, and the run goes on', async () => {
    const clock = manualClock();
    const { seen, onEvent } = recorder();
    // Threshold 5: the level [a, b] runs one task at a time, so b has not started while a runs.
    const specs = [task('a', [], { durationMs: 10 }), task('b', [], { durationMs: 3 })];
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(5), new SimExecutor(), { clock, onEvent });
    clock.setTimer(4, () => run.modify({ nodes: [task('n', [], { durationMs: 2 })], edges: [['n', 'b']] }));
    const result = await finishBy(run, clock, 100);
    expect(result.status).toBe('completed');
    expect(seen).toEqual(['level 0: a,b', 'start a @0', 'level 1: n', 'start n @10', 'level 2: b', 'start b @12']);
  });
});

describe('hybrid: the ready queue re-checks a task before starting it', () => {
  it('a queued task that gets a new running dependency waits for it, not for the next free slot', async () => {
    const clock = manualClock();
    const { seen, onEvent } = recorder();
    const specs = [task('slow', [], { durationMs: 50 }), task('blocker', [], { durationMs: 30 }), task('q', [], { durationMs: 1 })];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), { clock, strategy: 'hybrid', maxConcurrency: 2, onEvent });
    run.addEdge('slow', 'q');
    await finishBy(run, clock, 1_000);
    expect(seen).toEqual(['start slow @0', 'start blocker @0', 'start q @50']);
  });

  it('a queued task skipped by a graph change is never started', async () => {
    const clock = manualClock();
    const executor = new SimExecutor();
    const specs = [task('bad', [], { durationMs: 5, failAlways: true }), task('gone', ['bad']), task('slow', [], { durationMs: 50 }), task('q', [], { durationMs: 1 })];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), executor, { clock, strategy: 'hybrid', maxConcurrency: 1 });
    clock.setTimer(10, () => run.addEdge('gone', 'q'));
    const result = await finishBy(run, clock, 1_000);
    expect(result.tasks.q.status).toBe('skipped');
    expect(executor.calls.map((call) => call.taskId)).toEqual(['bad', 'slow']);
  });
});

describe('BinaryHeap.clear', () => {
  it('empties the heap, which then works as new', () => {
    const heap = new BinaryHeap<number>((a, b) => a < b);
    for (const n of [5, 1, 4]) heap.push(n);
    heap.clear();
    expect([heap.size, heap.peek(), heap.pop(), [...heap.values()]]).toEqual([0, undefined, undefined, []]);
    heap.push(9);
    heap.push(2);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([2, 9, undefined]);
  });
});
