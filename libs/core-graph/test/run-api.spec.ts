import {
  GraphError,
  MAX_TIMER_MS,
  ParallelWorkflowGraph,
  RunError,
  TaskContext,
  TaskExecutor,
  TaskRequest,
  WorkflowEvent,
  WorkflowGraph,
  runWorkflow,
} from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('run options are checked before anything starts', () => {
  const graph = () => WorkflowGraph.fromSpecs([task('a')]);
  const never: TaskExecutor = { execute: () => new Promise(() => undefined) };

  it.each([
    [{ maxConcurrency: 0 }, 'maxConcurrency must be an integer >= 1, got 0'],
    [{ maxConcurrency: 1.5 }, 'maxConcurrency must be an integer >= 1, got 1.5'],
    [{ maxConcurrency: Number.NaN }, 'maxConcurrency must be an integer >= 1, got NaN'],
    [{ parallelThreshold: 0 }, 'parallelThreshold must be an integer >= 1, got 0'],
    [{ defaultTimeoutMs: 0 }, `defaultTimeoutMs must be a number of ms in (0, ${MAX_TIMER_MS}] or Infinity, got 0`],
    [{ defaultTimeoutMs: MAX_TIMER_MS + 1 }, `defaultTimeoutMs must be a number of ms in (0, ${MAX_TIMER_MS}] or Infinity, got ${MAX_TIMER_MS + 1}`],
    [{ runTimeoutMs: -5 }, `runTimeoutMs must be a number of ms in (0, ${MAX_TIMER_MS}] or Infinity, got -5`],
  ])('%j is refused: %s', (options, message) => {
    const error = thrown(() => runWorkflow(graph(), never, { clock: manualClock(), strategy: 'hybrid', ...options }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(message);
  });

  it('accepts the edges of the ranges: 1, Infinity and MAX_TIMER_MS; sequential ignores maxConcurrency', async () => {
    const clock = manualClock();
    const events: WorkflowEvent[] = [];
    const run = runWorkflow(graph(), new SimExecutor(), {
      clock,
      strategy: 'hybrid',
      maxConcurrency: 1,
      parallelThreshold: 1,
      defaultTimeoutMs: MAX_TIMER_MS,
      runTimeoutMs: Infinity,
      onEvent: (e) => events.push(e),
    });
    await finishBy(run, clock, 10);
    expect(events[0]).toMatchObject({ type: 'workflow_start', strategy: 'hybrid', maxConcurrency: 1, parallelThreshold: 1 });
    const seq = runWorkflow(graph(), new SimExecutor(), { clock, strategy: 'sequential', maxConcurrency: 7, defaultTimeoutMs: Infinity });
    expect(seq.state.strategy).toBe('sequential');
    await finishBy(seq, clock, 10);
    expect((await seq.result).status).toBe('completed');
  });

  it('the parallel threshold defaults to the graph’s, else 3, and the option wins', () => {
    const seen: number[] = [];
    for (const [graph, option] of [
      [WorkflowGraph.fromSpecs([task('a')]), undefined],
      [ParallelWorkflowGraph.fromSpecs([task('a')]).withParallelThreshold(5), undefined],
      [ParallelWorkflowGraph.fromSpecs([task('a')]).withParallelThreshold(5), 2],
    ] as [WorkflowGraph, number | undefined][]) {
      runWorkflow(graph, new SimExecutor(), {
        clock: manualClock(),
        strategy: 'parallel',
        parallelThreshold: option,
        onEvent: (e) => e.type === 'workflow_start' && seen.push(e.parallelThreshold),
      }).cancel();
    }
    expect(seen).toEqual([3, 5, 2]);
  });
});

describe('what an agent is given', () => {
  it('its request: ids, description, agent, input, metadata and the outputs of its dependencies by id', async () => {
    const clock = manualClock();
    const requests: TaskRequest[] = [];
    const keys: string[] = [];
    const executor = new SimExecutor({
      a: async () => ({ fromA: 1 }),
      b: async () => 'b-out',
      c: async (request: TaskRequest, ctx: TaskContext) => {
        requests.push({ ...request, dependencyOutputs: { ...request.dependencyOutputs } });
        keys.push(ctx.idempotencyKey, String(ctx.attempt), ctx.runId, ctx.taskId);
        return null;
      },
    });
    const specs = [task('a'), task('b'), task('c', ['a', 'b'], { k: 'v' }, { priority: 'high', description: 'combine' })];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), executor, { clock, runId: 'run-7', strategy: 'hybrid' });
    expect(run.runId).toBe('run-7');
    const result = await finishBy(run, clock, 10);
    expect(result.runId).toBe('run-7');
    expect(requests[0]).toMatchObject({
      runId: 'run-7',
      taskId: 'c',
      description: 'combine',
      agent: 'sim',
      input: { k: 'v' },
      dependencyOutputs: { a: { fromA: 1 }, b: 'b-out' },
      metadata: { priority: 'high' },
    });
    expect(Object.keys(requests[0].dependencyOutputs)).toEqual(['a', 'b']);
    expect(keys).toEqual(['run-7/c/1', '1', 'run-7', 'c']);
    expect(result.tasks.c.output).toBeNull();
  });

  it('a retried attempt sees attempt 2 and its own idempotency key', async () => {
    const clock = manualClock();
    const keys: string[] = [];
    const executor = new SimExecutor({
      t: async (_r, ctx) => {
        keys.push(ctx.idempotencyKey);
        if (ctx.attempt === 1) throw new Error('first try fails');
        return 'ok';
      },
    });
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('t', [], {}, { maxRetries: 1 })]), executor, { clock, runId: 'r', random: () => 0 });
    await finishBy(run, clock, 10);
    expect(keys).toEqual(['r/t/1', 'r/t/2']);
  });
});

describe('how agent errors are reported', () => {
  const failWith = async (fail: () => unknown) => {
    const clock = manualClock();
    const executor: TaskExecutor = { execute: () => fail() as Promise<unknown> };
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('t')]), executor, { clock });
    return (await finishBy(run, clock, 10)).tasks.t.error;
  };

  it('an Error is AGENT_ERROR with its message; an AbortError is ABORTED; anything else is stringified', async () => {
    expect(await failWith(() => Promise.reject(new Error('boom')))).toEqual({ code: 'AGENT_ERROR', message: 'boom' });
    const abort = new Error('stopped');
    abort.name = 'AbortError';
    expect(await failWith(() => Promise.reject(abort))).toEqual({ code: 'ABORTED', message: 'stopped' });
    expect(await failWith(() => Promise.reject('plain text'))).toEqual({ code: 'AGENT_ERROR', message: 'plain text' });
  });

  it('an executor that throws instead of rejecting fails the task, not the run', async () => {
    const error = await failWith(() => {
      throw new Error('sync throw');
    });
    expect(error).toEqual({ code: 'AGENT_ERROR', message: 'sync throw' });
  });
});

describe('commands on a run', () => {
  it('resume refuses unknown tasks, tasks not paused, a second pause and a finished run, with codes', async () => {
    const clock = manualClock();
    let secondPause: Promise<unknown> | undefined;
    const executor = new SimExecutor({
      ask: async (_r, ctx) => {
        const answer = ctx.requestInput('ok?');
        secondPause = ctx.requestInput('again?');
        return answer;
      },
      busy: async (_r, ctx) => ctx.sleep(50),
    });
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('ask'), task('busy')]), executor, { clock, strategy: 'hybrid' });
    await new Promise<void>((resolve) => setImmediate(resolve));
    await expect(secondPause).rejects.toMatchObject({ code: 'ALREADY_PAUSED' });
    const codeOf = (action: () => void) => {
      const error = thrown(action) as RunError;
      expect(error).toBeInstanceOf(RunError);
      return [error.code, error.message];
    };
    expect(codeOf(() => run.resume('ghost', 1))).toEqual(['UNKNOWN_TASK', `run ${run.runId} has no task "ghost"`]);
    expect(codeOf(() => run.resume('busy', 1))).toEqual(['NOT_PAUSED', 'task "busy" is running, not waiting for input']);
    run.resume('ask', 'yes');
    expect(codeOf(() => run.resume('ask', 'again'))).toEqual(['NOT_PAUSED', 'task "ask" is running, not waiting for input']);
    const result = await finishBy(run, clock, 100);
    expect(result.tasks.ask.output).toBe('yes');
    expect(codeOf(() => run.resume('ask', 1))).toEqual(['RUN_FINISHED', `run ${run.runId} has finished`]);
    const late = thrown(() => run.addNode(task('late'))) as GraphError;
    expect([late.code, late.message]).toEqual(['RUN_FINISHED', `run ${run.runId} has finished; the graph can no longer change`]);
  });

  it('refuses new dependencies for a task that has started', async () => {
    const clock = manualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 50 }), task('b', [], { durationMs: 10 })]), new SimExecutor(), { clock, strategy: 'hybrid' });
    await new Promise<void>((resolve) => setImmediate(resolve));
    const error = thrown(() => run.addEdge('b', 'a')) as GraphError;
    expect([error.code, error.message]).toEqual(['NODE_STARTED', 'node "a" has already started; it cannot get new dependencies']);
    await finishBy(run, clock, 100);
  });

  it('an already aborted signal cancels the run before any task starts', async () => {
    const controller = new AbortController();
    controller.abort('not today');
    const executor = new SimExecutor();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a'), task('b', ['a'])]), executor, { clock: manualClock(), signal: controller.signal });
    const result = await run.result;
    expect(result.status).toBe('cancelled');
    expect(result.cancelled).toEqual(['a', 'b']);
    expect(executor.calls).toEqual([]);
    expect(run.state.tasks.a.status).toBe('cancelled');
  });

  it('cancel with a reason reports it on every unfinished task; a second cancel changes nothing', async () => {
    const clock = manualClock();
    const reasons: string[] = [];
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 50 }), task('b', ['a'])]), new SimExecutor(), {
      clock,
      onEvent: (e) => e.type === 'task_cancelled' && reasons.push(`${e.taskId}: ${e.reason}`),
    });
    run.cancel('user stop');
    run.cancel('again');
    const result = await run.result;
    expect(reasons).toEqual(['a: user stop', 'b: user stop']);
    expect(result.status).toBe('cancelled');
    expect(result.stopReason).toBeUndefined();
  });
});

describe('the event stream', () => {
  it('plan_ready carries levels, the estimated critical path and the strategy reason', async () => {
    const clock = manualClock();
    const events: WorkflowEvent[] = [];
    const specs = [task('a', [], {}, { estimatedDuration: 5 }), task('b', ['a'], {}, { estimatedDuration: 7 }), task('c', [], {}, { estimatedDuration: 3 })];
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), { clock, strategy: 'hybrid', strategyReason: 'because', onEvent: (e) => events.push(e) });
    const result = await finishBy(run, clock, 100);
    expect(events[1]).toMatchObject({
      type: 'plan_ready',
      strategy: 'hybrid',
      reason: 'because',
      levels: [['a', 'c'], ['b']],
      estimatedCriticalPath: ['a', 'b'],
      estimatedCriticalPathMs: 12,
    });
    expect(result.strategyReason).toBe('because');
    const plain = runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), { clock, onEvent: (e) => e.type === 'plan_ready' && events.push(e) });
    await finishBy(plain, clock, 200);
    expect(events[events.length - 1]).toMatchObject({ type: 'plan_ready', reason: 'requested' });
  });

  it('parallel: each level starts and completes once, with its duration', async () => {
    const clock = manualClock();
    const levels: unknown[] = [];
    const specs = [task('a', [], { durationMs: 5 }), task('b', [], { durationMs: 9 }), task('c', ['a', 'b'], { durationMs: 4 })];
    const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs).withParallelThreshold(2), new SimExecutor(), {
      clock,
      onEvent: (e) => (e.type === 'level_start' || e.type === 'level_complete') && levels.push(e.type === 'level_start' ? [e.level, e.taskIds, e.at] : [e.level, e.durationMs, e.at]),
    });
    await finishBy(run, clock, 100);
    expect(levels).toEqual([
      [0, ['a', 'b'], 0],
      [0, 9, 9],
      [1, ['c'], 9],
      [1, 4, 13],
    ]);
  });

  it('subscribe sees later events only, until unsubscribed; after the run it is a no-op', async () => {
    const clock = manualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 5 }), task('b', ['a'], { durationMs: 5 })]), new SimExecutor(), { clock });
    const seen: string[] = [];
    const stop = run.subscribe((e) => {
      seen.push(e.type === 'task_start' || e.type === 'task_complete' ? `${e.type}:${e.taskId}` : e.type);
      if (e.type === 'task_complete') stop();
    });
    await finishBy(run, clock, 100);
    // `a` started inside runWorkflow, before the subscription; b's events came after it ended.
    expect(seen).toEqual(['task_complete:a']);
    const after = jest.fn();
    run.subscribe(after)();
    expect(after).not.toHaveBeenCalled();
  });

  it('compactLog keeps start, plan and completion (seqs unchanged) once the run has finished, and replays from them', async () => {
    const clock = manualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 5 })]), new SimExecutor(), { clock });
    run.compactLog(); // not finished yet: nothing happens
    await finishBy(run, clock, 100);
    const all: WorkflowEvent[] = [];
    for await (const e of run.events()) all.push(e);
    expect(all.length).toBeGreaterThan(3);
    run.compactLog();
    run.compactLog();
    const kept: [number, string][] = [];
    for await (const e of run.events()) kept.push([e.seq, e.type]);
    const last = all[all.length - 1].seq;
    expect(kept).toEqual([
      [1, 'workflow_start'],
      [2, 'plan_ready'],
      [last, 'workflow_complete'],
    ]);
    const tail: number[] = [];
    for await (const e of run.events(2)) tail.push(e.seq);
    expect(tail).toEqual([last]);
    const none: number[] = [];
    for await (const e of run.events(last)) none.push(e.seq);
    expect(none).toEqual([]);
  });

  it('an iterator can stop early, and reading from a sequence number skips what came before', async () => {
    const clock = manualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('a', [], { durationMs: 5 })]), new SimExecutor(), { clock });
    await finishBy(run, clock, 100);
    const iterator = run.events(1);
    expect((await iterator.next()).value?.seq).toBe(2);
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
