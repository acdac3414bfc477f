import { criticalPath } from '../graph/dag';
import { uniqueIds } from '../graph/workflow-graph';
import { TaskStatus, WorkflowNodeSpec } from '../graph/workflow-node';
import { RunResult, RunStatus, StrategyName, TaskSummary, WorkflowEvent } from './workflow-event';

export interface TaskState extends TaskSummary {
  id: string;
  description: string;
  dependencies: string[];
  dependents: string[];
  /** Dependencies not yet completed; the task is `ready` when it reaches 0. */
  pendingDeps: number;
  progress?: number;
  /** The question of a paused task. */
  question?: string;
  skipReason?: string;
}

export interface RunState {
  runId: string;
  status: RunStatus;
  strategy?: StrategyName;
  /** Why the strategy was chosen (from `plan_ready`). */
  strategyReason?: string;
  lastSeq: number;
  /** Task ids in the order they were added. */
  order: string[];
  tasks: Record<string, TaskState>;
  /** Tasks in a terminal state (completed, failed, skipped, cancelled). */
  finishedCount: number;
  /** Tasks that ran, in the order they ended: a topological order of what ran. */
  endedOrder: string[];
  result?: RunResult;
}

export function createRunState(runId: string): RunState {
  // Null prototype: a task id such as "__proto__" must stay an ordinary key.
  const tasks = Object.create(null) as Record<string, TaskState>;
  return { runId, status: 'running', lastSeq: 0, order: [], tasks, finishedCount: 0, endedOrder: [] };
}

/**
 * Folds one event into the run state. It is the only writer of RunState: the live run, replay from
 * a store and every view go through it, so they cannot disagree. It updates `state` in place
 * (no copy per event: runs have tens of thousands of events) and returns it.
 */
export function applyEvent(state: RunState, event: WorkflowEvent): RunState {
  state.lastSeq = event.seq;
  switch (event.type) {
    case 'workflow_start':
      state.strategy = event.strategy;
      state.status = 'running';
      addTasks(state, event.tasks);
      break;
    case 'plan_ready':
      state.strategyReason = event.reason;
      break;
    case 'graph_modified':
      addTasks(state, event.addedNodes);
      for (const [from, to] of event.addedEdges) addEdge(state, from, to);
      break;
    case 'task_queued':
      state.tasks[event.taskId].status = 'queued';
      break;
    case 'task_start': {
      const task = state.tasks[event.taskId];
      task.status = 'running';
      task.attempts = event.attempt;
      task.startedAtMs ??= event.at;
      if (event.queueWaitMs > 0) task.queueWaitMs = (task.queueWaitMs ?? 0) + event.queueWaitMs;
      break;
    }
    case 'task_progress':
      state.tasks[event.taskId].progress = event.pct;
      break;
    case 'task_retry': {
      const task = state.tasks[event.taskId];
      task.status = 'ready';
      task.error = event.error;
      break;
    }
    case 'task_paused': {
      const task = state.tasks[event.taskId];
      task.status = 'paused';
      task.question = event.question;
      break;
    }
    case 'task_resumed': {
      const task = state.tasks[event.taskId];
      task.status = 'running';
      task.question = undefined;
      break;
    }
    case 'task_complete': {
      const task = finish(state, event.taskId, 'completed', event.at, event.durationMs);
      task.output = event.output;
      task.qualityScore = event.qualityScore;
      task.error = undefined;
      for (const id of task.dependents) {
        const dependent = state.tasks[id];
        dependent.pendingDeps--;
        if (dependent.pendingDeps === 0 && dependent.status === 'pending') dependent.status = 'ready';
      }
      break;
    }
    case 'task_failed':
      finish(state, event.taskId, 'failed', event.at, event.durationMs).error = event.error;
      break;
    case 'task_skipped':
      finish(state, event.taskId, 'skipped', event.at).skipReason =
        event.reason === 'dependency_failed' ? `dependency "${event.cause}" did not complete` : 'the run stopped';
      break;
    case 'task_cancelled':
      finish(state, event.taskId, 'cancelled', event.at);
      break;
    case 'workflow_complete':
      state.status = event.result.status;
      state.result = event.result;
      break;
    default:
      // planning, level_*, artifact: informative, no state change.
      break;
  }
  return state;
}

function addTasks(state: RunState, specs: readonly WorkflowNodeSpec[]): void {
  for (const spec of specs) {
    state.tasks[spec.id] = {
      id: spec.id,
      description: spec.description,
      agent: spec.agent,
      dependencies: [],
      dependents: [],
      pendingDeps: 0,
      status: 'pending',
      attempts: 0,
    };
    state.order.push(spec.id);
  }
  for (const spec of specs) {
    const task = state.tasks[spec.id];
    for (const dep of uniqueIds(spec.dependencies ?? [])) {
      const from = state.tasks[dep];
      task.dependencies.push(dep);
      from.dependents.push(spec.id);
      if (from.status !== 'completed') task.pendingDeps++;
    }
  }
  for (const spec of specs) {
    const task = state.tasks[spec.id];
    if (task.pendingDeps === 0) task.status = 'ready';
  }
}

function addEdge(state: RunState, from: string, to: string): void {
  const target = state.tasks[to];
  if (target.dependencies.includes(from)) return;
  target.dependencies.push(from);
  state.tasks[from].dependents.push(to);
  if (state.tasks[from].status !== 'completed') {
    target.pendingDeps++;
    if (target.status === 'ready' && target.attempts === 0) target.status = 'pending';
  }
}

/** `durationMs`, when the event carries it, ends where the agent returned (before scoring). */
function finish(state: RunState, taskId: string, status: TaskStatus, at: number, durationMs?: number): TaskState {
  const task = state.tasks[taskId];
  task.status = status;
  task.progress = undefined;
  task.question = undefined;
  state.finishedCount++;
  if (task.startedAtMs !== undefined) {
    task.durationMs = durationMs ?? at - task.startedAtMs;
    task.finishedAtMs = task.startedAtMs + task.durationMs;
    state.endedOrder.push(taskId);
  }
  return task;
}

/** The run result as the state stands; `endAt` is the completion time in ms since the start. */
export function summarizeRun(state: RunState, endAt: number, cancelled: boolean): RunResult {
  const successful: string[] = [];
  const failed: string[] = [];
  const skipped: string[] = [];
  const cancelledIds: string[] = [];
  const tasks = Object.create(null) as Record<string, TaskSummary>;
  let totalTaskMs = 0;
  let totalQueueWaitMs = 0;
  for (const id of state.order) {
    const task = state.tasks[id];
    if (task.status === 'completed') successful.push(id);
    else if (task.status === 'failed') failed.push(id);
    else if (task.status === 'skipped') skipped.push(id);
    else if (task.status === 'cancelled') cancelledIds.push(id);
    totalTaskMs += task.durationMs ?? 0;
    totalQueueWaitMs += task.queueWaitMs ?? 0;
    tasks[id] = {
      status: task.status,
      agent: task.agent,
      attempts: task.attempts,
      startedAtMs: task.startedAtMs,
      finishedAtMs: task.finishedAtMs,
      durationMs: task.durationMs,
      ...(task.queueWaitMs === undefined ? {} : { queueWaitMs: task.queueWaitMs }),
      qualityScore: task.qualityScore,
      ...(task.error && task.status !== 'completed' ? { error: task.error } : {}),
      ...(task.status === 'skipped' && task.skipReason ? { error: { code: 'SKIPPED', message: task.skipReason } } : {}),
      output: task.output,
    };
  }
  // What ran, in the order it ended, is already topological: no sort needed.
  const cp = criticalPath(
    { ids: state.endedOrder, dependenciesOf: (id) => state.tasks[id].dependencies },
    (id) => state.tasks[id].durationMs ?? 0,
    state.endedOrder,
  );
  const total = state.order.length;
  const status: RunStatus = cancelled
    ? 'cancelled'
    : successful.length === total
      ? 'completed'
      : successful.length === 0
        ? 'failed'
        : 'partial';
  return {
    runId: state.runId,
    status,
    strategy: state.strategy ?? 'sequential',
    strategyReason: state.strategyReason ?? 'requested',
    makespanMs: endAt,
    criticalPath: cp.path,
    criticalPathMs: cp.length,
    totalTaskMs,
    parallelEfficiency: totalTaskMs > 0 ? Math.max(0, Math.min(1, 1 - endAt / totalTaskMs)) : 0,
    successful,
    failed,
    skipped,
    cancelled: cancelledIds,
    partialCompletion: successful.length > 0 && successful.length < total,
    totalQueueWaitMs,
    tasks,
  };
}
