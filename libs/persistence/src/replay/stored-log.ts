import { applyEvent, createRunState, type RunState, type TaskState, type WorkflowEvent } from '@a2a-mcp/core-graph';
import type { LoadedRun, StoredRun } from '../run-store';

/** An event as a store reads it back: its seq column and its JSON text. */
export interface EventRow {
  seq: number;
  json: string;
}

/** A stored snapshot: the folded state at `seq`, as JSON text. */
export interface SnapshotRow {
  seq: number;
  json: string;
}

/** The row's event, or undefined when its text is not the event of `runId` at its seq (a damaged row). */
export function parseEventRow(runId: string, row: EventRow): WorkflowEvent | undefined {
  let event: unknown;
  try {
    event = JSON.parse(row.json);
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const { seq, runId: owner, type } = event as Partial<WorkflowEvent>;
  if (seq !== row.seq || owner !== runId || typeof type !== 'string') return undefined;
  const parsed = event as WorkflowEvent;
  // The engine's result keeps its tasks in a null-prototype map (a task id such as `__proto__` is an ordinary key); so does the stored one.
  if (parsed.type === 'workflow_complete' && typeof parsed.result === 'object' && parsed.result !== null) {
    parsed.result.tasks = Object.assign(Object.create(null), parsed.result.tasks);
  }
  return parsed;
}

/** Whether `seq` may follow `previous` in a log (-1: nothing yet; seq 0 may be left out). */
export function continues(previous: number, seq: number): boolean {
  return seq === previous + 1 || (previous === -1 && seq === 1);
}

/** The events of `rows` (ascending) that continue the log after `afterSeq`, up to the first gap or damaged row. */
export function readableEvents(runId: string, rows: readonly EventRow[], afterSeq: number): WorkflowEvent[] {
  const events: WorkflowEvent[] = [];
  let previous = Math.max(-1, Math.floor(afterSeq));
  for (const row of rows) {
    if (!continues(previous, row.seq)) break;
    const event = parseEventRow(runId, row);
    if (event === undefined) break;
    events.push(event);
    previous = row.seq;
  }
  return events;
}

/**
 * The state a load starts from: the snapshot when it is readable and the log already reaches it
 * (`recordLastSeq`, -1 for an empty log; a snapshot can be written before the events it covers), else
 * an empty state. `afterSeq` is where the fold goes on.
 */
export function startingPoint(runId: string, snapshot: SnapshotRow | undefined, recordLastSeq: number): { state: RunState; afterSeq: number } {
  if (snapshot !== undefined && snapshot.seq <= recordLastSeq) {
    const state = restoreState(runId, snapshot);
    if (state !== undefined) return { state, afterSeq: snapshot.seq };
  }
  return { state: createRunState(runId), afterSeq: -1 };
}

/**
 * Folds `rows` (ascending, seq > afterSeq) into `state` until a gap or a damaged row. `truncatedAt`
 * is set when the fold stopped early or before `recordLastSeq`: the state is then the log's up to
 * that seq, which is the last good one.
 */
export function foldForward(run: StoredRun, start: { state: RunState; afterSeq: number }, rows: readonly EventRow[], recordLastSeq: number): LoadedRun {
  const { state } = start;
  let previous = start.afterSeq;
  let stopped = false;
  for (const row of rows) {
    const event = continues(previous, row.seq) ? parseEventRow(run.runId, row) : undefined;
    if (event === undefined || !folds(state, event)) {
      stopped = true;
      break;
    }
    previous = row.seq;
  }
  const loaded: LoadedRun = { run, state };
  if (stopped || previous < recordLastSeq) loaded.truncatedAt = state.lastSeq;
  return loaded;
}

/** Folds one event; false (the state as before, but for its lastSeq put back) when it names what the state lacks. */
function folds(state: RunState, event: WorkflowEvent): boolean {
  const lastSeq = state.lastSeq;
  try {
    applyEvent(state, event);
    return true;
  } catch {
    // applyEvent sets lastSeq first and throws on a missing task before changing anything else.
    state.lastSeq = lastSeq;
    return false;
  }
}

/** A snapshot's state with null-prototype maps (a task id such as `__proto__` stays an ordinary key), or undefined when unreadable. */
export function restoreState(runId: string, snapshot: SnapshotRow): RunState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(snapshot.json);
  } catch {
    return undefined;
  }
  if (!isStateOf(runId, snapshot.seq, parsed)) return undefined;
  const tasks = Object.create(null) as Record<string, TaskState>;
  for (const id of parsed.order) {
    const task = parsed.tasks[id];
    if (typeof task !== 'object' || task === null) return undefined;
    tasks[id] = task;
  }
  parsed.tasks = tasks;
  if (parsed.result !== undefined) parsed.result.tasks = Object.assign(Object.create(null), parsed.result.tasks);
  return parsed;
}

function isStateOf(runId: string, seq: number, value: unknown): value is RunState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<RunState>;
  return (
    state.runId === runId &&
    state.lastSeq === seq &&
    typeof state.status === 'string' &&
    Array.isArray(state.order) &&
    Array.isArray(state.endedOrder) &&
    typeof state.finishedCount === 'number' &&
    typeof state.tasks === 'object' &&
    state.tasks !== null
  );
}
