import {
  GraphError,
  RunError,
  TaskContext,
  TaskError,
  TaskRequest,
  VirtualClock,
  WorkflowEvent,
  WorkflowGraph,
  WorkflowNodeSpec,
  applyEvent,
  createRunState,
  runWorkflow,
  DynamicWorkflowGraph,
} from '../src';
import { finishBy } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';


async function collect(run: AsyncIterable<WorkflowEvent>): Promise<WorkflowEvent[]> {
  const events: WorkflowEvent[] = [];
  for await (const e of run) events.push(e);
  return events;
}

/** Resolves once the run has emitted an event matching `predicate`. */
function waitFor(run: AsyncIterable<WorkflowEvent>, predicate: (e: WorkflowEvent) => boolean): Promise<WorkflowEvent> {
  return (async () => {
    for await (const e of run) if (predicate(e)) return e;
    throw new Error('run ended before the awaited event');
  })();
}

describe('retries with exponential backoff and full jitter', () => {
  it('retries until success; the delays grow as base * 2^(n-1) scaled by the jitter draw', async () => {
    const graph = WorkflowGraph.fromSpecs([task('a', [], { failTimes: 3 }, { maxRetries: 5 })]);
    const draws = [0.5, 0.5, 0.5];
    const run = runWorkflow(graph, new SimExecutor(), {
      clock: new VirtualClock(),
      random: () => draws.shift() ?? 0,
      retry: { baseDelayMs: 100, maxDelayMs: 300 },
    });
    const events = await collect(run);
    const retries = events.filter((e) => e.type === 'task_retry');
    expect(retries.map((e) => (e.type === 'task_retry' ? e.delayMs : -1))).toEqual([50, 100, 150]); // 0.5 × min(300, 100·2^(n−1))
    const result = await run.result;
    expect(result.tasks.a).toMatchObject({ status: 'completed', attempts: 4 });
    expect(result.makespanMs).toBe(300);
  });

  it('does not retry a non-retryable error and fails once retries are exhausted', async () => {
    const executor = new SimExecutor({
      fatal: async () => {
        throw new TaskError('INVALID_INPUT', 'bad input', false);
      },
    });
    const graph = WorkflowGraph.fromSpecs([task('fatal', [], {}, { maxRetries: 3 }), task('flaky', [], { failAlways: true }, { maxRetries: 2 })]);
    const clock = new VirtualClock();
    const run = runWorkflow(graph, executor, { strategy: 'hybrid', clock });
    const result = await finishBy(run, clock, 60_000);
    expect(result.tasks.fatal).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'INVALID_INPUT' } });
    expect(result.tasks.flaky).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'SIMULATED_FAILURE' } });
    expect(result.status).toBe('failed');
  });
});

describe('timeouts', () => {
  it('aborts a slow attempt, reports TASK_TIMEOUT and retries it', async () => {
    const seen: AbortSignal[] = [];
    const executor = new SimExecutor({
      slow: async (_t: TaskRequest, ctx: TaskContext) => {
        seen.push(ctx.signal);
        await ctx.sleep(ctx.attempt === 1 ? 1000 : 10);
        return { ok: true };
      },
    });
    const graph = WorkflowGraph.fromSpecs([task('slow', [], {}, { timeoutMs: 100, maxRetries: 1 })]);
    const run = runWorkflow(graph, executor, { clock: new VirtualClock(), random: () => 0 });
    const events = await collect(run);
    const retry = events.find((e) => e.type === 'task_retry');
    expect(retry).toMatchObject({ attempt: 1, error: { code: 'TASK_TIMEOUT' } });
    expect(seen[0].aborted).toBe(true);
    expect(seen[1].aborted).toBe(false);
    const result = await run.result;
    expect(result.tasks.slow).toMatchObject({ status: 'completed', attempts: 2 });
    expect(result.makespanMs).toBe(110);
  });
});

describe('cancellation', () => {
  it('reaches the running agents through their signal and cancels what has not finished', async () => {
    const clock = new VirtualClock();
    const executor = new SimExecutor();
    const graph = WorkflowGraph.fromSpecs([task('a', [], { durationMs: 10 }), task('b', [], { durationMs: 500 }), task('c', ['b'], { durationMs: 5 })]);
    const controller = new AbortController();
    const run = runWorkflow(graph, executor, { strategy: 'hybrid', clock, signal: controller.signal });
    await waitFor(run, (e) => e.type === 'task_complete' && e.taskId === 'a');
    controller.abort('user pressed stop');
    const result = await run.result;
    expect(result.status).toBe('cancelled');
    expect(result.successful).toEqual(['a']);
    expect(result.cancelled).toEqual(['b', 'c']);
    const bCall = executor.calls.find((c) => c.taskId === 'b');
    expect(bCall?.signal.aborted).toBe(true);
    expect(executor.calls.some((c) => c.taskId === 'c')).toBe(false);
    expect(run.finished).toBe(true);
  });
});

describe('pause and resume', () => {
  it('pauses on an input request, frees the slot, and resumes with the answer', async () => {
    const executor = new SimExecutor({
      approve: async (_t, ctx) => {
        const answer = await ctx.requestInput('Ship to the new address?');
        return { answer };
      },
    });
    const graph = WorkflowGraph.fromSpecs([task('approve'), task('other', [], { durationMs: 20 }), task('after', ['approve'])]);
    const clock = new VirtualClock();
    const run = runWorkflow(graph, executor, { strategy: 'hybrid', maxConcurrency: 1, clock });
    const paused = await waitFor(run, (e) => e.type === 'task_paused');
    expect(paused).toMatchObject({ taskId: 'approve', question: 'Ship to the new address?' });
    expect(run.state.tasks.approve.status).toBe('paused');
    // With one slot, `other` can only run because the paused task gave its slot away.
    await waitFor(run, (e) => e.type === 'task_complete' && e.taskId === 'other');
    expect(() => run.resume('other', 'x')).toThrow(RunError);
    run.resume('approve', 'yes');
    const result = await finishBy(run, clock, 1_000);
    expect(result.status).toBe('completed');
    expect(result.tasks.approve.output).toEqual({ answer: 'yes' });
    const types = (await collect(run.events(0))).map((e) => e.type);
    expect(types.indexOf('task_resumed')).toBeGreaterThan(types.indexOf('task_paused'));
  });
});

describe('dynamic graph changes during a run', () => {
  it('adds nodes, edges and a subgraph; refuses cycles, unknown and finished nodes; the run goes on', async () => {
    const clock = new VirtualClock();
    const graph = DynamicWorkflowGraph.fromSpecs([task('a', [], { durationMs: 10 }), task('b', ['a'], { durationMs: 10 }), task('c', ['b'], { durationMs: 10 })]);
    const run = runWorkflow(graph, new SimExecutor(), { strategy: 'hybrid', clock });
    await waitFor(run, (e) => e.type === 'task_complete' && e.taskId === 'a');

    run.addNode(task('audit', ['a'], { durationMs: 5 }));
    run.addSubgraph([task('s1', [], { durationMs: 5 }), task('s2', ['s1'], { durationMs: 5 })], { dependsOn: ['b'] });
    run.addEdge('s2', 'c'); // c has not started: it now also waits for s2

    const refusals: [() => void, string, string][] = [
      [() => run.addEdge('c', 's1'), 'CYCLE', 'the change would make a dependency cycle'],
      [() => run.addNode(task('x', ['ghost'])), 'UNKNOWN_NODE', 'ghost'],
      [() => run.addEdge('audit', 'a'), 'NODE_FINISHED', '"a"'],
      [() => run.addNode(task('audit')), 'DUPLICATE_NODE', 'audit'],
    ];
    for (const [attempt, code, text] of refusals) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphError);
      expect((error as GraphError).code).toBe(code);
      expect((error as GraphError).message).toContain(text);
    }
    const result = await finishBy(run, clock, 1_000);
    expect(result.status).toBe('completed');
    expect(result.successful.sort()).toEqual(['a', 'audit', 'b', 'c', 's1', 's2']);
    const t = result.tasks;
    expect(t.s1.startedAtMs).toBeGreaterThanOrEqual(t.b.finishedAtMs as number);
    expect(t.c.startedAtMs).toBeGreaterThanOrEqual(t.s2.finishedAtMs as number);
    const modified = (await collect(run.events())).filter((e) => e.type === 'graph_modified');
    expect(modified).toHaveLength(3);
  });

  it('skips a new node whose dependency already failed', async () => {
    const graph = WorkflowGraph.fromSpecs([task('bad', [], { failAlways: true }), task('slow', [], { durationMs: 50 })]);
    const clock = new VirtualClock();
    const run = runWorkflow(graph, new SimExecutor(), { strategy: 'hybrid', clock });
    await waitFor(run, (e) => e.type === 'task_failed');
    run.addNode(task('late', ['bad']));
    const result = await finishBy(run, clock, 1_000);
    expect(result.tasks.late.status).toBe('skipped');
    expect(result.skipped).toEqual(['late']);
  });

  it('refuses to start a graph with a cycle, naming it', () => {
    const graph = new WorkflowGraph();
    graph.addNodes([task('a'), task('b', ['a'])]);
    expect(() => graph.addEdge('b', 'a')).toThrow(/a -> b -> a|b -> a -> b/);
    expect(graph.dependenciesOf('a')).toEqual([]);
    expect(() => WorkflowGraph.fromSpecs([task('x', ['z']), task('y', ['x']), task('z', ['y'])])).toThrow(
      /cycle: (x -> y -> z -> x|y -> z -> x -> y|z -> x -> y -> z)/,
    );
    expect(WorkflowGraph.fromSpecs([task('late', ['early']), task('early')]).dependenciesOf('late')).toEqual(['early']);
  });
});

describe('event stream', () => {
  it('numbers events without gaps, replays from a sequence number, and the fold reproduces the live state', async () => {
    const graph = WorkflowGraph.fromSpecs([task('a', [], { durationMs: 5 }), task('b', ['a'], { durationMs: 5 }), task('c', ['a'], { failAlways: true })]);
    const run = runWorkflow(graph, new SimExecutor(), { strategy: 'hybrid', clock: new VirtualClock() });
    const all = await collect(run);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all[0].type).toBe('workflow_start');
    expect(all[all.length - 1].type).toBe('workflow_complete');
    const tail = await collect(run.events(4));
    expect(tail.map((e) => e.seq)).toEqual(all.slice(4).map((e) => e.seq));
    const replayed = all.reduce(applyEvent, createRunState(run.runId));
    expect(replayed).toEqual(run.state);
  });

  it('runs a 10 000-node plan', async () => {
    const specs: WorkflowNodeSpec[] = [];
    for (let i = 0; i < 10_000; i++) {
      const deps = i === 0 ? [] : [`n${Math.floor(i / 2)}`, ...(i > 10 ? [`n${i - 7}`] : [])];
      specs.push(task(`n${i}`, [...new Set(deps)].filter((d) => d !== `n${i}`)));
    }
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), new SimExecutor(), { strategy: 'hybrid', maxConcurrency: 64 });
    const result = await run.result;
    expect(result.successful).toHaveLength(10_000);
  });
});
