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
  return applyEventFor(state, event, undefined);
}

/**
 * applyEvent for a caller that already holds the event's task (the live run does): `task` must be
 * `state.tasks[event.taskId]`, or undefined to look it up. The same fold, minus a lookup by id
 * per event, which on a run of 100 000 tasks is a cache miss or two each time.
 */
export function applyEventFor(state: RunState, event: WorkflowEvent, task: TaskState | undefined): RunState {
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
      (task ?? state.tasks[event.taskId]).status = 'queued';
      break;
    case 'task_start': {
      const started = task ?? state.tasks[event.taskId];
      started.status = 'running';
      started.attempts = event.attempt;
      started.startedAtMs ??= event.at;
      if (event.queueWaitMs > 0) started.queueWaitMs = (started.queueWaitMs ?? 0) + event.queueWaitMs;
      break;
    }
    case 'task_progress':
      (task ?? state.tasks[event.taskId]).progress = event.pct;
      break;
    case 'task_retry': {
      const retried = task ?? state.tasks[event.taskId];
      retried.status = 'ready';
      retried.error = event.error;
      break;
    }
    case 'task_paused': {
      const paused = task ?? state.tasks[event.taskId];
      paused.status = 'paused';
      paused.question = event.question;
      break;
    }
    case 'task_resumed': {
      const resumed = task ?? state.tasks[event.taskId];
      resumed.status = 'running';
      resumed.question = undefined;
      break;
    }
    case 'task_complete': {
      const completed = finish(state, task ?? state.tasks[event.taskId], 'completed', event.at, event.durationMs);
      completed.output = event.output;
      completed.qualityScore = event.qualityScore;
      completed.error = undefined;
      completed.servedBy = event.servedBy;
      for (const id of completed.dependents) {
        const dependent = state.tasks[id];
        dependent.pendingDeps--;
        if (dependent.pendingDeps === 0 && dependent.status === 'pending') dependent.status = 'ready';
      }
      break;
    }
    case 'task_failed':
      finish(state, task ?? state.tasks[event.taskId], 'failed', event.at, event.durationMs).error = event.error;
      break;
    case 'task_skipped':
      finish(state, task ?? state.tasks[event.taskId], 'skipped', event.at).skipReason =
        event.reason === 'dependency_failed' ? `dependency "${event.cause}" did not complete` : 'the run stopped';
      break;
    case 'task_cancelled':
      finish(state, task ?? state.tasks[event.taskId], 'cancelled', event.at);
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
  // Every new task first (dependencies may point forward in the batch), then the edges.
  const added = new Array<TaskState>(specs.length);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    // Every key a task will get, in the order a completed task gets them: the object keeps one
    // shape all run long (no property store reallocated as events arrive). Unset keys read as
    // undefined, as before, and JSON leaves them out.
    const task: TaskState = {
      id: spec.id,
      description: spec.description,
      agent: spec.agent,
      // A repeated dependency is one edge; the copy has its exact size (push would reserve 17).
      dependencies: spec.dependencies == null || spec.dependencies.length === 0 ? [] : withoutRepeats(spec.dependencies),
      dependents: [],
      pendingDeps: 0,
      status: 'pending',
      attempts: 0,
      startedAtMs: undefined,
      queueWaitMs: undefined,
      progress: undefined,
      question: undefined,
      durationMs: undefined,
      finishedAtMs: undefined,
      output: undefined,
      qualityScore: undefined,
      error: undefined,
      servedBy: undefined,
      skipReason: undefined,
    };
    state.tasks[spec.id] = task;
    state.order.push(spec.id);
    added[i] = task;
  }
  if (specs.length < BATCH_INDEX_FROM) {
    for (const task of added) {
      for (const dep of task.dependencies) {
        const from = state.tasks[dep];
        from.dependents.push(task.id);
        if (from.status !== 'completed') task.pendingDeps++;
      }
      if (task.pendingDeps === 0) task.status = 'ready';
    }
    return;
  }
  addEdgesOfBatch(state, added);
}

/** Batches this big build their dependents lists at their exact size (see addEdgesOfBatch). */
const BATCH_INDEX_FROM = 64;

/**
 * The edges of a big batch (a run's whole plan). A list grown by push reserves room for 17 ids,
 * most of it unused; here each new task's dependents are counted first and copied out of one flat
 * array at their exact size, in the order push would have given them. A dependency on an older task
 * is appended to its list as usual.
 */
function addEdgesOfBatch(state: RunState, added: readonly TaskState[]): void {
  const positionInBatch = new Map<string, number>();
  for (let i = 0; i < added.length; i++) positionInBatch.set(added[i].id, i);
  const counts = new Int32Array(added.length + 1);
  let edges = 0;
  for (const task of added) edges += task.dependencies.length;
  // Per edge (in task, then dependency order): the batch position of its dependency, or -1.
  const fromPosition = new Int32Array(edges);
  let e = 0;
  for (const task of added) {
    for (const dep of task.dependencies) {
      const at = positionInBatch.get(dep) ?? -1;
      fromPosition[e++] = at;
      if (at >= 0) {
        counts[at + 1]++;
        task.pendingDeps++; // a task of this batch has not completed
      } else {
        const from = state.tasks[dep];
        from.dependents.push(task.id);
        if (from.status !== 'completed') task.pendingDeps++;
      }
    }
    if (task.pendingDeps === 0) task.status = 'ready';
  }
  for (let i = 0; i < added.length; i++) counts[i + 1] += counts[i];
  // Filled with placeholders first so it (and every slice) stays a packed array.
  const flat: string[] = [];
  for (let k = counts[added.length]; k > 0; k--) flat.push('');
  const fill = counts.slice(0, added.length);
  e = 0;
  for (const task of added) {
    for (let k = 0; k < task.dependencies.length; k++, e++) {
      const at = fromPosition[e];
      if (at >= 0) flat[fill[at]++] = task.id;
    }
  }
  for (let i = 0; i < added.length; i++) if (counts[i + 1] > counts[i]) added[i].dependents = flat.slice(counts[i], counts[i + 1]);
}

/** Lists up to this long are checked for repeats by scanning, longer ones with a Set. */
const SCAN_LIMIT = 16;

/** A copy of `ids` keeping each id's first occurrence. */
function withoutRepeats(ids: readonly string[]): string[] {
  if (ids.length > SCAN_LIMIT) return [...new Set(ids)];
  for (let i = 1; i < ids.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ids[j] === ids[i]) return [...new Set(ids)];
    }
  }
  return ids.slice();
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
function finish(state: RunState, task: TaskState, status: TaskStatus, at: number, durationMs?: number): TaskState {
  task.status = status;
  task.progress = undefined;
  task.question = undefined;
  state.finishedCount++;
  if (task.startedAtMs !== undefined) {
    task.durationMs = durationMs ?? at - task.startedAtMs;
    task.finishedAtMs = task.startedAtMs + task.durationMs;
    state.endedOrder.push(task.id);
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
    const status = task.status;
    if (status === 'completed') successful.push(id);
    else if (status === 'failed') failed.push(id);
    else if (status === 'skipped') skipped.push(id);
    else if (status === 'cancelled') cancelledIds.push(id);
    totalTaskMs += task.durationMs ?? 0;
    totalQueueWaitMs += task.queueWaitMs ?? 0;
    tasks[id] = taskSummary(task);
  }
  const cp = endedCriticalPath(state);
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

/** A task's line of the result; keys in the same order whichever are present (queueWaitMs and error only when set). */
function taskSummary(task: TaskState): TaskSummary {
  const error =
    task.status === 'skipped' && task.skipReason
      ? { code: 'SKIPPED', message: task.skipReason }
      : task.error && task.status !== 'completed'
        ? task.error
        : undefined;
  const summary: TaskSummary = {
    status: task.status,
    agent: task.agent,
    attempts: task.attempts,
    startedAtMs: task.startedAtMs,
    finishedAtMs: task.finishedAtMs,
    durationMs: task.durationMs,
  };
  if (task.queueWaitMs !== undefined) summary.queueWaitMs = task.queueWaitMs;
  summary.qualityScore = task.qualityScore;
  if (error !== undefined) summary.error = error;
  if (task.servedBy !== undefined) summary.servedBy = task.servedBy;
  summary.output = task.output;
  return summary;
}

/**
 * Longest chain of measured durations among the tasks that ran. They are listed in the order they
 * ended, which is already topological: one pass over positions in that list, no sort.
 */
function endedCriticalPath(state: RunState): { path: string[]; length: number } {
  const ended = state.endedOrder;
  const positionOf = new Map<string, number>();
  for (let i = 0; i < ended.length; i++) if (!positionOf.has(ended[i])) positionOf.set(ended[i], i);
  const finish = new Float64Array(ended.length);
  const via = new Int32Array(ended.length);
  let end = -1;
  for (let i = 0; i < ended.length; i++) {
    const task = state.tasks[ended[i]];
    let best = 0;
    let from = -1;
    for (const dep of task.dependencies) {
      const at = positionOf.get(dep);
      if (at === undefined || at >= i) continue; // did not run, or has not ended yet at this point
      if (from === -1 || finish[at] > best) {
        best = finish[at];
        from = at;
      }
    }
    finish[i] = best + (task.durationMs ?? 0);
    via[i] = from;
    if (end === -1 || finish[i] > finish[end]) end = i;
  }
  const path: string[] = [];
  for (let i = end; i !== -1; i = via[i]) path.push(ended[i]);
  return { path: path.reverse(), length: end === -1 ? 0 : finish[end] };
}
