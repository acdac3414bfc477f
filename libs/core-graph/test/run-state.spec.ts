import {
  RunState,
  TaskState,
  VirtualClock,
  WorkflowEvent,
  WorkflowEventInput,
  WorkflowGraph,
  WorkflowNodeSpec,
  applyEvent,
  applyEventFor,
  createRunState,
  runWorkflow,
  summarizeRun,
} from '../src';
import { SimExecutor } from './support/sim-executor';

const task = (id: string, dependencies: string[] = []): WorkflowNodeSpec => ({ id, description: id, agent: 'sim', dependencies });

/** Folds events as a run would emit them (seq and `at` filled in). */
function fold(inputs: WorkflowEventInput[], state: RunState = createRunState('r')): RunState {
  for (const input of inputs) {
    const event = { ...input, seq: state.lastSeq + 1, runId: 'r', at: (input as { at?: number }).at ?? 0 } as WorkflowEvent;
    applyEvent(state, event);
  }
  return state;
}

const start = (tasks: WorkflowNodeSpec[]): WorkflowEventInput => ({ type: 'workflow_start', strategy: 'hybrid', maxConcurrency: 4, parallelThreshold: 3, tasks });

/** What the fold must make of a batch, worked out the plain way. */
function expectedLinks(specs: WorkflowNodeSpec[], completed: ReadonlySet<string> = new Set()) {
  const dependencies = new Map(specs.map((s) => [s.id, [...new Set(s.dependencies ?? [])]]));
  const dependents = new Map<string, string[]>();
  for (const spec of specs) for (const dep of dependencies.get(spec.id) ?? []) dependents.set(dep, [...(dependents.get(dep) ?? []), spec.id]);
  return specs.map((s) => {
    const pending = (dependencies.get(s.id) ?? []).filter((d) => !completed.has(d)).length;
    return { id: s.id, dependencies: dependencies.get(s.id), dependents: dependents.get(s.id) ?? [], pendingDeps: pending, status: pending === 0 ? 'ready' : 'pending' };
  });
}

const links = (state: RunState, ids: string[]) =>
  ids.map((id) => {
    const t = state.tasks[id];
    return { id, dependencies: t.dependencies, dependents: t.dependents, pendingDeps: t.pendingDeps, status: t.status };
  });

describe('run-state fold', () => {
  it('links a big batch (a whole plan) exactly as a small one: one edge per repeated dependency, dependents in plan order', () => {
    // Dependencies on earlier tasks, forward in the batch, and repeated; enough tasks for the batch path.
    const specs = Array.from({ length: 150 }, (_, i) =>
      task(`t${i}`, i === 0 ? [] : [`t${Math.floor(i / 2)}`, `t${(i * 7) % i}`, `t${Math.floor(i / 2)}`, ...(i % 10 === 3 && i + 5 < 150 ? [`t${i + 5}`] : [])]),
    );
    const big = fold([start(specs)]);
    expect(links(big, specs.map((s) => s.id))).toEqual(expectedLinks(specs));
    expect(big.order).toEqual(specs.map((s) => s.id));
    // The same plan in small batches (each pointing back to earlier ones, or inside itself) gives the same state.
    const chunked = specs.map((s, i) => {
      const end = i < 5 ? 5 : 5 + Math.ceil((i - 4) / 10) * 10;
      return { ...s, dependencies: (s.dependencies ?? []).filter((d) => Number(d.slice(1)) < end) };
    });
    const small = fold([start(chunked.slice(0, 5))]);
    for (let at = 5; at < 150; at += 10) fold([{ type: 'graph_modified', addedNodes: chunked.slice(at, at + 10), addedEdges: [] }], small);
    expect(small.tasks).toEqual(fold([start(chunked)]).tasks);
    expect(links(small, specs.map((s) => s.id))).toEqual(expectedLinks(chunked));
  });

  it('keeps one edge per repeated dependency in a long list too', () => {
    const many = Array.from({ length: 20 }, (_, i) => `d${i}`);
    const state = fold([start([...many.map((id) => task(id)), task('sink', [...many, 'd4', 'd0', ...many])])]);
    expect(state.tasks.sink.dependencies).toEqual(many);
    expect(state.tasks.sink.pendingDeps).toBe(20);
    expect(state.tasks.d4.dependents).toEqual(['sink']);
  });

  it('links a big added batch to older tasks, not counting those that completed', () => {
    const state = fold([start([task('a'), task('b')]), { type: 'task_start', taskId: 'a', agent: 'sim', attempt: 1, queueWaitMs: 0 }]);
    fold([{ type: 'task_complete', taskId: 'a', agent: 'sim', attempt: 1, durationMs: 1, output: 1 }], state);
    const added = Array.from({ length: 80 }, (_, i) => task(`n${i}`, i % 3 === 0 ? ['a', 'b'] : i % 3 === 1 ? ['b', `n${i - 1}`] : [`n${i - 1}`, 'a']));
    fold([{ type: 'graph_modified', addedNodes: added, addedEdges: [] }], state);
    expect(state.tasks.a.dependents).toEqual(added.filter((s) => s.dependencies?.includes('a')).map((s) => s.id));
    expect(state.tasks.b.dependents).toEqual(added.filter((s) => s.dependencies?.includes('b')).map((s) => s.id));
    expect(links(state, added.map((s) => s.id))).toEqual(expectedLinks([task('a'), task('b'), ...added], new Set(['a'])).slice(2));
  });

  it('folds a run the same with the task handed in as when it looks the task up', async () => {
    const graph = WorkflowGraph.fromSpecs([task('a'), task('b', ['a']), task('c', ['a']), task('d', ['b', 'c'])]);
    const run = runWorkflow(graph, new SimExecutor(), { strategy: 'hybrid', clock: new VirtualClock(), runId: 'r' });
    const events: WorkflowEvent[] = [];
    for await (const event of run) events.push(event);
    const looked = events.reduce(applyEvent, createRunState('r'));
    const handed = createRunState('r');
    for (const event of events) applyEventFor(handed, event, 'taskId' in event && event.type !== 'artifact' ? handed.tasks[event.taskId] : undefined);
    expect(handed).toEqual(looked);
    expect(handed).toEqual(run.state);
  });

  it('keeps one key order for a completed task (JSON as before: unset keys are left out)', () => {
    const state = fold([
      start([task('a')]),
      { type: 'task_start', taskId: 'a', agent: 'sim', attempt: 1, queueWaitMs: 0, at: 2 } as WorkflowEventInput,
      { type: 'task_complete', taskId: 'a', agent: 'sim', attempt: 1, durationMs: 3, output: { ok: true }, qualityScore: 0.9 },
    ]);
    expect(Object.keys(JSON.parse(JSON.stringify(state.tasks.a)))).toEqual([
      'id',
      'description',
      'agent',
      'dependencies',
      'dependents',
      'pendingDeps',
      'status',
      'attempts',
      'startedAtMs',
      'durationMs',
      'finishedAtMs',
      'output',
      'qualityScore',
    ]);
    const t: TaskState = state.tasks.a;
    expect([t.progress, t.question, t.error, t.skipReason, t.queueWaitMs]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('summarizeRun', () => {
  /** a → (b, c) → d; e fails; f is skipped because of e; g waited for a slot. Durations set per task. */
  function finishedRun(durations: Record<string, number>): RunState {
    const events: WorkflowEventInput[] = [start([task('a'), task('b', ['a']), task('c', ['a']), task('d', ['c', 'b']), task('e'), task('f', ['e']), task('g')])];
    const run = (id: string, extra: Partial<{ queueWaitMs: number }> = {}): void => {
      events.push({ type: 'task_start', taskId: id, agent: 'sim', attempt: 1, queueWaitMs: extra.queueWaitMs ?? 0 });
      events.push({ type: 'task_complete', taskId: id, agent: 'sim', attempt: 1, durationMs: durations[id], output: id });
    };
    run('a');
    run('b');
    run('c');
    run('d');
    events.push({ type: 'task_start', taskId: 'e', agent: 'sim', attempt: 1, queueWaitMs: 0 });
    events.push({ type: 'task_failed', taskId: 'e', attempt: 1, durationMs: 1, error: { code: 'X', message: 'no' } });
    events.push({ type: 'task_skipped', taskId: 'f', reason: 'dependency_failed', cause: 'e' });
    run('g', { queueWaitMs: 4 });
    return fold(events);
  }

  it('follows the longest chain of measured durations among the tasks that ran, the first of equals on a tie', () => {
    expect(summarizeRun(finishedRun({ a: 1, b: 5, c: 2, d: 1, g: 1 }), 20, false)).toMatchObject({ criticalPath: ['a', 'b', 'd'], criticalPathMs: 7 });
    expect(summarizeRun(finishedRun({ a: 1, b: 2, c: 5, d: 1, g: 1 }), 20, false)).toMatchObject({ criticalPath: ['a', 'c', 'd'], criticalPathMs: 7 });
    // b and c tie: d's first listed dependency (c) wins.
    expect(summarizeRun(finishedRun({ a: 1, b: 3, c: 3, d: 1, g: 1 }), 20, false)).toMatchObject({ criticalPath: ['a', 'c', 'd'], criticalPathMs: 5 });
    // A lone task longer than any chain.
    expect(summarizeRun(finishedRun({ a: 1, b: 3, c: 3, d: 1, g: 9 }), 20, false)).toMatchObject({ criticalPath: ['g'], criticalPathMs: 9 });
  });

  it('counts a dependency only if it ended first (the ended order is what the path follows)', () => {
    const state = fold([
      start([task('a'), task('b', ['a'])]),
      { type: 'task_start', taskId: 'a', agent: 'sim', attempt: 1, queueWaitMs: 0 },
      { type: 'task_start', taskId: 'b', agent: 'sim', attempt: 1, queueWaitMs: 0 },
      { type: 'task_complete', taskId: 'b', agent: 'sim', attempt: 1, durationMs: 5, output: 'b' },
      { type: 'task_complete', taskId: 'a', agent: 'sim', attempt: 1, durationMs: 3, output: 'a' },
    ]);
    expect(state.endedOrder).toEqual(['b', 'a']);
    expect(summarizeRun(state, 9, false)).toMatchObject({ criticalPath: ['b'], criticalPathMs: 5 });
  });

  it('writes every task line with its keys in one order, and sorts tasks by outcome', () => {
    const result = summarizeRun(finishedRun({ a: 1, b: 1, c: 1, d: 1, g: 1 }), 9, false);
    expect(Object.keys(result.tasks.a)).toEqual(['status', 'agent', 'attempts', 'startedAtMs', 'finishedAtMs', 'durationMs', 'qualityScore', 'output']);
    expect(Object.keys(result.tasks.g)).toEqual(['status', 'agent', 'attempts', 'startedAtMs', 'finishedAtMs', 'durationMs', 'queueWaitMs', 'qualityScore', 'output']);
    expect(Object.keys(result.tasks.e)).toEqual(['status', 'agent', 'attempts', 'startedAtMs', 'finishedAtMs', 'durationMs', 'qualityScore', 'error', 'output']);
    expect(result.tasks.e.error).toEqual({ code: 'X', message: 'no' });
    expect(result.tasks.f.error).toEqual({ code: 'SKIPPED', message: 'dependency "e" did not complete' });
    expect(result.tasks.g.queueWaitMs).toBe(4);
    expect(result).toMatchObject({
      status: 'partial',
      successful: ['a', 'b', 'c', 'd', 'g'],
      failed: ['e'],
      skipped: ['f'],
      cancelled: [],
      totalTaskMs: 6,
      totalQueueWaitMs: 4,
      partialCompletion: true,
    });
    expect(summarizeRun(createRunState('empty'), 0, false)).toMatchObject({ status: 'completed', criticalPath: [], criticalPathMs: 0, successful: [] });
  });
});
