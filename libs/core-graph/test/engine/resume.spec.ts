import {
  GraphError,
  ParallelWorkflowGraph,
  RunError,
  TaskSlotPool,
  VirtualClock,
  WorkflowEvent,
  WorkflowGraph,
  WorkflowNodeSpec,
  resumeWorkflow,
  runWorkflow,
} from '../../src';
import { finishBy, manualClock } from '../support/finish-run';
import { ScriptedExecutor, answerFor, fold, recordRun, replay, resumeToEnd, sharedOptions } from './resume-support';

const step = (id: string, dependencies: string[] = [], input: Record<string, unknown> = {}, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `do ${id}`,
  agent: 'scripted',
  dependencies,
  input,
  ...extra,
});

/** The log up to and including the first event matching `predicate`. */
function upTo(events: readonly WorkflowEvent[], predicate: (event: WorkflowEvent) => boolean): WorkflowEvent[] {
  const at = events.findIndex(predicate);
  if (at < 0) throw new Error('no such event in the log');
  return events.slice(0, at + 1);
}

const is =
  (type: WorkflowEvent['type'], taskId?: string) =>
  (event: WorkflowEvent): boolean =>
    event.type === type && (taskId === undefined || ('taskId' in event && event.taskId === taskId));

function refusal(action: () => unknown): RunError | GraphError {
  try {
    action();
  } catch (error) {
    if (error instanceof RunError || error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected the log to be refused');
}

describe('resumeWorkflow: paused tasks', () => {
  const plan = [step('fetch', [], { durationMs: 10 }), step('approval', ['fetch'], { ask: 'Approve?', durationMs: 5 }), step('ship', ['approval'], { durationMs: 10 })];

  it('a task paused at the cut stays paused (question kept, no agent call) and goes on with the answer without asking again', async () => {
    const first = await recordRun(plan, 'hybrid');
    const log = upTo(first.events, is('task_paused', 'approval'));
    const clock = manualClock(500);
    const executor = new ScriptedExecutor();
    const added: WorkflowEvent[] = [];
    const run = resumeWorkflow(log, executor, { ...sharedOptions(clock), onEvent: (e) => added.push(e) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.state.tasks.approval).toMatchObject({ status: 'paused', question: 'Approve?', attempts: 1 });
    expect(executor.calls).toEqual([]);
    expect(added).toEqual([]);
    expect(run.finished).toBe(false);
    expect(() => run.resume('fetch', 'no')).toThrow(RunError);

    run.resume('approval', 'yes');
    expect(added.map((e) => e.type)).toEqual(['task_resumed', 'task_start']);
    expect(added[1]).toMatchObject({ taskId: 'approval', attempt: 1, redispatched: true });
    const result = await finishBy(run, clock, 10_000);
    expect(result.status).toBe('completed');
    expect(executor.callsOf('approval')).toEqual([{ taskId: 'approval', attempt: 1, idempotencyKey: `${first.runId}/approval/1`, answer: 'yes' }]);
    expect(added.filter((e) => e.type === 'task_paused')).toEqual([]);
    expect(executor.callsOf('fetch')).toEqual([]);
    expect(result.tasks.ship.status).toBe('completed');
    expect(() => run.resume('approval', 'again')).toThrow(RunError);
  });

  it('under sequential the paused task keeps the one slot: an independent task waits for the answer', async () => {
    const first = await recordRun([step('ask', [], { ask: 'Go?' }), step('other', [], { durationMs: 5 })], 'sequential');
    const log = upTo(first.events, is('task_paused', 'ask'));
    const clock = manualClock();
    const executor = new ScriptedExecutor();
    const run = resumeWorkflow(log, executor, sharedOptions(clock));
    await new Promise((resolve) => setImmediate(resolve));
    expect(executor.calls).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
    run.resume('ask', answerFor('ask'));
    const result = await finishBy(run, clock, 10_000);
    expect(executor.calls.map((c) => c.taskId)).toEqual(['ask', 'other']);
    expect(result.tasks.ask.output).toEqual(first.result.tasks.ask.output);
  });

  it('an answer that waits for a slot of the shared pool refuses a second answer, then starts the same attempt', async () => {
    const first = await recordRun([step('ask', [], { ask: 'Go?' }), step('busy', [], { durationMs: 50 })], 'hybrid');
    const log = upTo(first.events, is('task_paused', 'ask'));
    const clock = manualClock();
    const executor = new ScriptedExecutor();
    const added: WorkflowEvent[] = [];
    const run = resumeWorkflow(log, executor, { ...sharedOptions(clock), slots: new TaskSlotPool(1).lane(), onEvent: (e) => added.push(e) });
    // `ask` paused before `busy` started: `busy` starts now and takes the pool's one slot.
    expect(added.map((e) => e.type)).toEqual(['task_start']);
    run.resume('ask', 'go');
    expect(() => run.resume('ask', 'twice')).toThrow(expect.objectContaining({ code: 'NOT_PAUSED' }));
    const result = await finishBy(run, clock, 10_000);
    expect(result.status).toBe('completed');
    expect(executor.callsOf('ask')).toEqual([{ taskId: 'ask', attempt: 1, idempotencyKey: `${first.runId}/ask/1`, answer: 'go' }]);
    const resumedAt = added.findIndex(is('task_resumed', 'ask'));
    expect(added.findIndex(is('task_complete', 'busy'))).toBeLessThan(resumedAt);
  });
});

describe('resumeWorkflow: in-flight and queued attempts', () => {
  it('re-sends in-flight attempts under their number; with a full pool they queue first, still under that number', async () => {
    const first = await recordRun([step('a', [], { durationMs: 20, failTimes: 1 }, { maxRetries: 2 }), step('b', [], { durationMs: 30 })], 'hybrid');
    // a failed its first attempt and started its second; b is still running its first.
    const log = upTo(first.events, (e) => e.type === 'task_start' && e.taskId === 'a' && e.attempt === 2);
    const resumed = await resumeToEnd(log, { slots: new TaskSlotPool(1).lane() });
    const dispatches = resumed.added.filter((e) => e.type === 'task_queued' || e.type === 'task_start');
    expect(dispatches).toEqual([
      expect.objectContaining({ type: 'task_start', taskId: 'a', attempt: 2, redispatched: true }),
      expect.objectContaining({ type: 'task_queued', taskId: 'b', attempt: 1 }),
      expect.objectContaining({ type: 'task_start', taskId: 'b', attempt: 1, redispatched: true }),
    ]);
    expect(resumed.executor.calls.map((c) => c.idempotencyKey)).toEqual([`${first.runId}/a/2`, `${first.runId}/b/1`]);
    expect(resumed.result.tasks.a).toMatchObject({ status: 'completed', attempts: 2 });
    expect(resumed.run.state.tasks.b.attempts).toBe(1);
  });

  it('a task waiting out a backoff runs at once as its next attempt, and the retries it spent count', async () => {
    const plan = [step('flaky', [], { durationMs: 5, failAlways: true }, { maxRetries: 2 })];
    const first = await recordRun(plan, 'hybrid');
    expect(first.result.tasks.flaky).toMatchObject({ status: 'failed', attempts: 3 });
    const log = upTo(first.events, (e) => e.type === 'task_retry' && e.attempt === 1);
    const resumed = await resumeToEnd(log, {}, 0);
    expect(resumed.executor.calls.map((c) => c.attempt)).toEqual([2, 3]);
    expect(resumed.result.tasks.flaky).toMatchObject({ status: 'failed', attempts: 3 });
    // No backoff waited: the retried attempt starts at the instant the log ends.
    expect(resumed.added.find(is('task_start'))?.at).toBe(log[log.length - 1].at);
  });

  it('retries after a low-quality output spend the quality budget, apart from the error budget', async () => {
    // qualityRetries is 1 (sharedOptions); the third attempt would be good, but the budget is spent.
    const plan = [step('draft', [], { lowQualityTimes: 2 }, { qualityPolicy: 'retry', maxRetries: 5 })];
    const first = await recordRun(plan, 'hybrid');
    expect(first.result.tasks.draft).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'QUALITY_BELOW_THRESHOLD' } });
    const resumed = await resumeToEnd(upTo(first.events, is('task_retry', 'draft')));
    expect(resumed.result.tasks.draft).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

describe('resumeWorkflow: parallel levels across the restart', () => {
  it('the level the log left open finishes before the next one opens; its level_complete comes then', async () => {
    const plan = [step('a', [], { durationMs: 10 }), step('b', [], { durationMs: 50 }), step('c', [], { durationMs: 10 }), step('d', ['a'], { durationMs: 5 })];
    const first = await recordRun(plan, 'parallel', { parallelThreshold: 2 });
    const log = upTo(first.events, is('task_complete', 'a'));
    const resumed = await resumeToEnd(log);
    const kinds = resumed.added.map((e) => `${e.type}${'taskId' in e ? `:${e.taskId}` : ''}${e.type.startsWith('level') ? `:${(e as { level: number }).level}` : ''}`);
    expect(kinds.indexOf('level_complete:0')).toBeGreaterThan(kinds.indexOf('task_complete:b'));
    expect(kinds.indexOf('level_complete:0')).toBeGreaterThan(kinds.indexOf('task_complete:c'));
    expect(kinds.indexOf('level_start:1')).toBe(kinds.indexOf('level_complete:0') + 1);
    expect(kinds.indexOf('task_start:d')).toBeGreaterThan(kinds.indexOf('level_start:1'));
    expect(resumed.executor.callsOf('a')).toEqual([]);
    expect(resumed.result.status).toBe('completed');
  });

  it('a log cut after the last task of a level ended but before level_complete closes that level first', async () => {
    const plan = [step('a', [], { durationMs: 10 }), step('b', ['a'], { durationMs: 10 })];
    const first = await recordRun(plan, 'parallel');
    const log = upTo(first.events, is('task_complete', 'a'));
    const resumed = await resumeToEnd(log);
    expect(resumed.added.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'level_complete', level: 0 }),
      expect.objectContaining({ type: 'level_start', level: 1, taskIds: ['b'] }),
    ]);
  });
});

describe('resumeWorkflow: the end of a run', () => {
  it('a log ending in workflow_complete gives a finished run: the logged result at once, no new event', async () => {
    const first = await recordRun([step('a'), step('b', ['a'])], 'hybrid');
    const executor = new ScriptedExecutor();
    const seen: WorkflowEvent[] = [];
    const run = resumeWorkflow(first.events, executor, { clock: manualClock(), onEvent: (e) => seen.push(e) });
    expect(run.finished).toBe(true);
    await expect(run.result).resolves.toEqual(first.result);
    expect(run.state.status).toBe('completed');
    expect(await replay(run)).toEqual(first.events);
    expect(await replay(run, 2)).toEqual(first.events.slice(2));
    expect(() => run.resume('a', 'x')).toThrow(expect.objectContaining({ code: 'RUN_FINISHED' }));
    run.cancel();
    expect(seen).toEqual([]);
    expect(executor.calls).toEqual([]);
  });

  it('a log cut during a cancel finishes it: the rest is cancelled with the same reason, no agent is called', async () => {
    const clock = new VirtualClock();
    const events: WorkflowEvent[] = [];
    const graph = WorkflowGraph.fromSpecs([step('a', [], { durationMs: 10 }), step('b', [], { durationMs: 10 }), step('c', ['a'], { durationMs: 10 })]);
    const run = runWorkflow(graph, new ScriptedExecutor(), { ...sharedOptions(clock), strategy: 'hybrid', onEvent: (e) => events.push(e) });
    clock.setTimer(5, () => run.cancel('operator stop'));
    await finishBy(run, clock, 1000);
    const log = upTo(events, is('task_cancelled'));
    const resumed = await resumeToEnd(log);
    expect(resumed.executor.calls).toEqual([]);
    expect(resumed.result.status).toBe('cancelled');
    expect(resumed.result.cancelled.sort()).toEqual(['a', 'b', 'c']);
    expect(resumed.added.filter(is('task_cancelled')).map((e) => (e as { reason?: string }).reason)).toEqual(['operator stop', 'operator stop']);
  });

  it('runTimeoutMs counts the time already run: the resumed run stops at the same run time', async () => {
    const plan = [step('a', [], { durationMs: 40 }), step('b', ['a'], { durationMs: 40 }), step('c', ['b'], { durationMs: 40 })];
    const first = await recordRun(plan, 'hybrid', { runTimeoutMs: 100 });
    expect(first.result.stopReason?.code).toBe('RUN_TIMEOUT');
    const log = upTo(first.events, is('task_complete', 'a')); // at 40
    const resumed = await resumeToEnd(log, { runTimeoutMs: 100 }, 7_000);
    expect(resumed.result).toMatchObject({ status: 'partial', makespanMs: 100, stopReason: { code: 'RUN_TIMEOUT' } });
    expect(resumed.added[resumed.added.length - 1].at).toBe(100);
    expect(resumed.result.tasks.b.status).toBe('completed');
    expect(resumed.result.tasks.c.status).toBe('cancelled');
  });

  it('a log cut during the run timer stop ends with the RUN_TIMEOUT stop reason; one past the limit stops at once', async () => {
    const plan = [step('a', [], { durationMs: 80 }), step('b', [], { durationMs: 150 }), step('c', [], { durationMs: 150 })];
    const first = await recordRun(plan, 'hybrid', { runTimeoutMs: 100 });
    const duringStop = upTo(first.events, is('task_cancelled'));
    const stopped = await resumeToEnd(duringStop, { runTimeoutMs: 100 });
    expect(stopped.result).toMatchObject({ stopReason: { code: 'RUN_TIMEOUT' }, cancelled: ['b', 'c'], successful: ['a'] });
    expect(stopped.executor.calls).toEqual([]);
    // A shorter limit than the log already ran: nothing is sent again.
    const late = await resumeToEnd(upTo(first.events, is('task_complete', 'a')), { runTimeoutMs: 50 });
    expect(late.result.stopReason?.code).toBe('RUN_TIMEOUT');
    expect(late.executor.calls).toEqual([]);
  });
});

describe('resumeWorkflow: what the log decides', () => {
  it('`at` continues from the last event whatever the new clock reads (downtime counts as zero)', async () => {
    const first = await recordRun([step('a', [], { durationMs: 30 }), step('b', ['a'], { durationMs: 20 })], 'hybrid');
    const log = upTo(first.events, is('task_complete', 'a'));
    const resumed = await resumeToEnd(log, {}, 123_456);
    expect(resumed.added[0]).toMatchObject({ type: 'task_start', taskId: 'b', at: 30, seq: log.length + 1 });
    expect(resumed.result.makespanMs).toBe(50);
    expect(resumed.result.tasks.b).toMatchObject({ startedAtMs: 30, durationMs: 20 });
  });

  it('strategy and limits come from workflow_start, also after a JSON round trip (Infinity reads back as null)', async () => {
    const plan = [step('a', [], { durationMs: 10 }), step('b', [], { durationMs: 10 }), step('c', [], { durationMs: 10 })];
    const first = await recordRun(plan, 'parallel', { parallelThreshold: 3 });
    const log = JSON.parse(JSON.stringify(first.events.slice(0, 2))) as WorkflowEvent[];
    expect((log[0] as { maxConcurrency: unknown }).maxConcurrency).toBeNull();
    const resumed = await resumeToEnd(log, { strategy: 'sequential' });
    expect(resumed.run.state.strategy).toBe('parallel');
    expect(resumed.added[0]).toMatchObject({ type: 'level_start', level: 0, concurrent: true });
    expect(resumed.executor.maxRunning).toBe(3);
    expect(resumed.result.strategy).toBe('parallel');
    const limited = await resumeToEnd(log, { maxConcurrency: 1 });
    expect(limited.executor.maxRunning).toBe(1);
  });

  it('the graph includes graph_modified nodes and edges; the added tasks run after the restart', async () => {
    const clock = new VirtualClock();
    const events: WorkflowEvent[] = [];
    const graph = ParallelWorkflowGraph.fromSpecs([step('a', [], { durationMs: 10 }), step('b', ['a'], { durationMs: 10 })]);
    const run = runWorkflow(graph, new ScriptedExecutor(), { ...sharedOptions(clock), strategy: 'hybrid', onEvent: (e) => events.push(e) });
    clock.setTimer(5, () => run.modify({ nodes: [step('late', ['a'], { durationMs: 5 })], edges: [['late', 'b']] }));
    const whole = await finishBy(run, clock, 1000);
    const log = upTo(events, is('graph_modified'));
    const resumed = await resumeToEnd(log);
    expect(resumed.run.state.order).toEqual(['a', 'b', 'late']);
    expect(resumed.run.state.tasks.b.dependencies).toEqual(['a', 'late']);
    expect(resumed.executor.calls.map((c) => c.taskId)).toEqual(['a', 'late', 'b']);
    expect(resumed.result.tasks.b.output).toEqual(whole.tasks.b.output);
    expect(fold([...log, ...resumed.added])).toEqual(resumed.run.state);
  });

  it('completes the skips a failure causes when the log ends right after the failure', async () => {
    const plan = [step('bad', [], { failAlways: true }), step('child', ['bad']), step('grandchild', ['child']), step('free', [], { durationMs: 5 })];
    const first = await recordRun(plan, 'hybrid');
    const resumed = await resumeToEnd(upTo(first.events, is('task_failed', 'bad')));
    expect(resumed.result.skipped.sort()).toEqual(['child', 'grandchild']);
    expect(resumed.run.state.tasks.grandchild.skipReason).toBe('dependency "bad" did not complete');
    expect(resumed.result.tasks.free.status).toBe('completed');
  });

  it('a sequential log ending at a failure stops the run there', async () => {
    const plan = [step('bad', [], { failAlways: true }), step('later', [], { durationMs: 5 })];
    const first = await recordRun(plan, 'sequential');
    const resumed = await resumeToEnd(upTo(first.events, is('task_failed', 'bad')));
    expect(resumed.executor.calls).toEqual([]);
    expect(resumed.added.find(is('task_skipped', 'later'))).toMatchObject({ reason: 'run_stopped', cause: 'bad' });
  });
});

describe('resumeWorkflow refuses a log it cannot continue', () => {
  let log: WorkflowEvent[];
  beforeAll(async () => {
    log = (await recordRun([step('a', [], { durationMs: 5 }), step('b', ['a'], { durationMs: 5 })], 'hybrid')).events;
  });
  const executor = new ScriptedExecutor();
  const retag = (event: WorkflowEvent, changes: Record<string, unknown>): WorkflowEvent => ({ ...event, ...changes }) as WorkflowEvent;

  it.each<[string, () => WorkflowEvent[], string, RegExp]>([
    ['an empty log', () => [], 'RESUME_EMPTY_LOG', /empty event log/],
    ['a log not starting with workflow_start', () => log.slice(1), 'RESUME_NO_START', /first engine event is "plan_ready" \(seq 2\)/],
    ['only the planning note', () => [{ type: 'planning', seq: 0, runId: log[0].runId, at: 0, message: 'm' }], 'RESUME_NO_START', /only the planning event/],
    ['a missing seq', () => [...log.slice(0, 3), ...log.slice(4)], 'RESUME_SEQ_GAP', /seq 4 is missing .*found seq 5/],
    ['events of two runs', () => [log[0], retag(log[1], { runId: 'another-run' }), ...log.slice(2)], 'RESUME_RUN_MISMATCH', /seq 2 .* belongs to run another-run/],
    ['an event about a task not in the graph', () => [...log.slice(0, 2), retag(log[2], { taskId: 'ghost' })], 'RESUME_UNKNOWN_TASK', /names task "ghost"/],
    [
      'a graph change naming a task not in the graph',
      () => [...log.slice(0, 2), { type: 'graph_modified', seq: 3, runId: log[0].runId, at: 0, addedNodes: [], addedEdges: [['ghost', 'b']] }],
      'RESUME_UNKNOWN_TASK',
      /names task "ghost"/,
    ],
    ['an event after workflow_complete', () => [...log, retag(log[2], { seq: log.length + 1 })], 'RESUME_BAD_EVENT', /follows workflow_complete/],
    ['an event about a task that had already ended', () => [...log.slice(0, 4), retag(log[2], { seq: 5 })], 'RESUME_BAD_EVENT', /task "a", which had already completed/],
  ])('%s', (_name, events, code, message) => {
    const error = refusal(() => resumeWorkflow(events(), executor, { clock: manualClock() }));
    expect(error).toBeInstanceOf(RunError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('a runId option other than the log’s', () => {
    expect(refusal(() => resumeWorkflow(log, executor, { runId: 'mine' }))).toMatchObject({ code: 'RESUME_RUN_MISMATCH' });
  });

  it('a graph change the graph refuses (a cycle) is a GraphError naming the event', () => {
    const cyclic: WorkflowEvent = { type: 'graph_modified', seq: 3, runId: log[0].runId, at: 0, addedNodes: [], addedEdges: [['b', 'a']] };
    const error = refusal(() => resumeWorkflow([...log.slice(0, 2), cyclic], executor, { clock: manualClock() }));
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe('CYCLE');
    expect(error.message).toMatch(/graph_modified \(seq 3\)/);
  });
});
