import { RunState, applyEvent, createRunState } from '../events/run-state';
import { WorkflowEvent, WorkflowStartEvent } from '../events/workflow-event';
import { GraphError } from '../graph/graph-errors';
import { WorkflowGraph } from '../graph/workflow-graph';
import { WorkflowNodeSpec } from '../graph/workflow-node';
import { TERMINAL_STATUSES } from '../graph/workflow-node';
import { RunError } from './run-errors';

/** The level a parallel run had opened and not yet closed where its log ends. */
export interface OpenLevel {
  level: number;
  taskIds: readonly string[];
  /** The level_start's `at`. */
  at: number;
  concurrent: boolean;
}

/** Retries a task has spent so far, per budget (errors, and low-quality outputs under `retry`). */
export interface SpentRetries {
  errors: number;
  quality: number;
}

/** Where a run's log stops, checked and folded: everything resumeWorkflow needs to go on from there. */
export interface ResumePoint {
  runId: string;
  start: WorkflowStartEvent;
  /** The engine's events (seq 1 … n, the seq-0 planning note left out), in a new array. */
  events: WorkflowEvent[];
  /** workflow_start's tasks plus every graph_modified. */
  graph: WorkflowGraph;
  /** The events folded with applyEvent. */
  state: RunState;
  lastSeq: number;
  lastAt: number;
  /** plan_ready is in the log. */
  planned: boolean;
  /** The log ends with workflow_complete. */
  finished: boolean;
  /** Set when the log holds a task_cancelled but no workflow_complete: the run was stopping. */
  haltReason: string | undefined;
  /** The last level_start's level, -1 when none. */
  lastLevel: number;
  openLevel: OpenLevel | undefined;
  spentRetries: Map<string, SpentRetries>;
  /** For skipped tasks: the failed task their skip traces back to. */
  skipCauses: Map<string, string>;
}

/** The retry code of a low-quality output; its retries spend the quality budget. */
const LOW_QUALITY_CODE = 'QUALITY_BELOW_THRESHOLD';

/**
 * Checks a run's durable log and folds it. Throws RunError (RESUME_*) naming the first problem: an
 * empty log, no workflow_start first, a seq gap, events of another run, an event about a task the
 * graph does not have, an event that cannot follow the ones before it; GraphError when a plan or
 * graph change in the log is itself invalid.
 */
export function readResumeLog(log: readonly WorkflowEvent[]): ResumePoint {
  if (log.length === 0) throw new RunError('RESUME_EMPTY_LOG', 'cannot resume a run from an empty event log');
  // A host's planning note (seq 0) may precede the engine's events; the engine never emitted it.
  const from = log[0].type === 'planning' && log[0].seq === 0 ? 1 : 0;
  const start = log[from];
  if (start === undefined || start.type !== 'workflow_start') {
    const found = start === undefined ? 'the log holds only the planning event' : `the first engine event is "${start.type}" (seq ${start.seq})`;
    throw new RunError('RESUME_NO_START', `cannot resume: ${found}; a run's log starts with workflow_start`);
  }
  const runId = start.runId;
  if (from === 1 && log[0].runId !== runId) throw mismatch(log[0], runId);
  const graph = new WorkflowGraph();
  const state = createRunState(runId);
  const point: ResumePoint = {
    runId,
    start,
    events: new Array<WorkflowEvent>(log.length - from),
    graph,
    state,
    lastSeq: 0,
    lastAt: 0,
    planned: false,
    finished: false,
    haltReason: undefined,
    lastLevel: -1,
    openLevel: undefined,
    spentRetries: new Map(),
    skipCauses: new Map(),
  };
  for (let i = from; i < log.length; i++) {
    const event = log[i];
    const expected = i - from + 1;
    if (event.runId !== runId) throw mismatch(event, runId);
    if (event.seq !== expected) {
      throw new RunError('RESUME_SEQ_GAP', `cannot resume: seq ${expected} is missing from the log (found seq ${event.seq}, "${event.type}", after seq ${expected - 1})`);
    }
    if (point.finished) throw badEvent(event, 'follows workflow_complete');
    note(point, event);
    applyEvent(state, event);
    point.events[i - from] = event;
  }
  const last = log[log.length - 1];
  point.lastSeq = last.seq;
  point.lastAt = last.at;
  return point;
}

/** Checks one event against the log before it and takes what resuming needs from it. */
function note(point: ResumePoint, event: WorkflowEvent): void {
  if ('taskId' in event) {
    const task = point.state.tasks[event.taskId];
    if (task === undefined) throw unknownTask(event, event.taskId);
    if (TERMINAL_STATUSES.has(task.status)) throw badEvent(event, `is about task "${event.taskId}", which had already ${task.status}`, event.taskId);
  }
  switch (event.type) {
    case 'workflow_start':
      if (event.seq !== 1) throw badEvent(event, 'is a second workflow_start');
      grow(point.graph, event, event.tasks, []);
      break;
    case 'graph_modified':
      grow(point.graph, event, event.addedNodes, event.addedEdges);
      break;
    case 'plan_ready':
      point.planned = true;
      break;
    case 'level_start':
      for (const id of event.taskIds) if (point.state.tasks[id] === undefined) throw unknownTask(event, id);
      point.lastLevel = event.level;
      point.openLevel = { level: event.level, taskIds: event.taskIds, at: event.at, concurrent: event.concurrent };
      break;
    case 'level_complete':
      if (point.openLevel?.level === event.level) point.openLevel = undefined;
      break;
    case 'task_retry': {
      let spent = point.spentRetries.get(event.taskId);
      if (!spent) point.spentRetries.set(event.taskId, (spent = { errors: 0, quality: 0 }));
      if (event.error?.code === LOW_QUALITY_CODE) spent.quality++;
      else spent.errors++;
      break;
    }
    case 'task_skipped':
      if (event.cause !== undefined) point.skipCauses.set(event.taskId, event.cause);
      break;
    case 'task_cancelled':
      point.haltReason ??= event.reason ?? 'cancelled';
      break;
    case 'workflow_complete':
      point.finished = true;
      break;
    default:
      break;
  }
}

/** Applies a plan or graph change of the log to the graph being rebuilt, naming the event if it is refused. */
function grow(graph: WorkflowGraph, event: WorkflowEvent, nodes: readonly WorkflowNodeSpec[], edges: readonly (readonly [string, string])[]): void {
  try {
    graph.applyChange(nodes, edges);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    if (error.code === 'UNKNOWN_NODE') throw unknownTask(event, error.nodeId ?? '?');
    throw new GraphError(error.code, `cannot resume: ${event.type} (seq ${event.seq}) is refused: ${error.message}`, error.nodeId, error.cycle);
  }
}

function mismatch(event: WorkflowEvent, runId: string): RunError {
  return new RunError('RESUME_RUN_MISMATCH', `cannot resume: event seq ${event.seq} ("${event.type}") belongs to run ${event.runId}, the log's workflow_start to run ${runId}`);
}

function unknownTask(event: WorkflowEvent, taskId: string): RunError {
  return new RunError('RESUME_UNKNOWN_TASK', `cannot resume: event seq ${event.seq} ("${event.type}") names task "${taskId}", which is not in the run's graph`, taskId);
}

function badEvent(event: WorkflowEvent, what: string, taskId?: string): RunError {
  return new RunError('RESUME_BAD_EVENT', `cannot resume: event seq ${event.seq} ("${event.type}") ${what}`, taskId);
}
