import type { RunResult, RunStatus, StrategyName, TaskErrorInfo, TaskStatus, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { StoredRun } from '@a2a-mcp/persistence';
import type { RunHandle } from '../runs/run-handle';

/**
 * What queries return: plain snapshots of a run, copied when asked for, so a reader can neither
 * cancel a run nor change its state. Task outputs are the agents' values, shared, not deep-copied
 * (a 100 000-task run would double its memory); treat them as read-only.
 */
export interface TaskView {
  id: string;
  status: TaskStatus;
  agent: string;
  description: string;
  dependencies: string[];
  attempts: number;
  startedAtMs?: number;
  finishedAtMs?: number;
  durationMs?: number;
  queueWaitMs?: number;
  qualityScore?: number;
  progress?: number;
  /** The question a paused task asked (answer with POST /v1/runs/:id/input). */
  question?: string;
  /** Why the task failed, was skipped or cancelled (not kept once it completed on a retry). */
  error?: TaskErrorInfo;
  /** Where the completing attempt ran: the remote replica's id (absent for in-process agents). */
  servedBy?: string;
  /** A completed task's output. */
  output?: unknown;
}

export interface RunView {
  runId: string;
  status: RunStatus;
  strategy: StrategyName;
  strategyReason: string;
  createdAt: string;
  /** In the order the tasks were added. */
  tasks: TaskView[];
  /** Once the run ended. */
  result?: RunResult;
}

export interface RunSummaryView {
  runId: string;
  status: RunStatus;
  strategy: StrategyName;
  createdAt: string;
  taskCount: number;
  successful: number;
  failed: number;
  skipped: number;
}

export interface RunSummaryPage {
  items: RunSummaryView[];
  nextCursor?: string;
}

/** A run's event stream for one client: replay then live; nothing else of the run is reachable. */
export interface RunEventFeed {
  runId: string;
  /** From the start, or after `afterSeq`; `return()` stops following. */
  events(afterSeq?: number): AsyncIterableIterator<WorkflowEvent>;
  /** Whether an event goes to stream clients (ORCHESTRATION_MODE=basic leaves out progress and artifacts). */
  streams(event: WorkflowEvent): boolean;
}

export function toRunView(managed: RunHandle): RunView {
  const state = managed.state;
  const tasks = state.order.map((id): TaskView => {
    const task = state.tasks[id];
    const view: TaskView = {
      id,
      status: task.status,
      agent: task.agent,
      description: task.description,
      dependencies: [...task.dependencies],
      attempts: task.attempts,
    };
    if (task.startedAtMs !== undefined) view.startedAtMs = task.startedAtMs;
    if (task.finishedAtMs !== undefined) view.finishedAtMs = task.finishedAtMs;
    if (task.durationMs !== undefined) view.durationMs = task.durationMs;
    if (task.queueWaitMs !== undefined) view.queueWaitMs = task.queueWaitMs;
    if (task.qualityScore !== undefined) view.qualityScore = task.qualityScore;
    if (task.progress !== undefined) view.progress = task.progress;
    if (task.question !== undefined) view.question = task.question;
    if (task.error !== undefined && task.status !== 'completed') view.error = { ...task.error };
    if (task.servedBy !== undefined) view.servedBy = task.servedBy;
    if (task.status === 'completed') view.output = task.output;
    return view;
  });
  const view: RunView = {
    runId: managed.runId,
    status: state.status,
    strategy: managed.strategy,
    strategyReason: managed.strategyReason,
    createdAt: managed.createdAt,
    tasks,
  };
  if (state.result) view.result = { ...state.result };
  return view;
}

/**
 * A run of the list, as the store summarises it (counts as of its last stored batch), or as it stands
 * when it runs on this replica (`live`): a run just started already shows its tasks.
 */
export function toRunSummaryView(stored: StoredRun, live?: RunHandle): RunSummaryView {
  if (live !== undefined) {
    return {
      runId: stored.runId,
      status: live.status,
      strategy: stored.strategy,
      createdAt: stored.createdAt,
      taskCount: Math.max(live.state.order.length, stored.taskCount),
      ...live.counts,
    };
  }
  return {
    runId: stored.runId,
    status: stored.status === 'paused' ? 'running' : stored.status,
    strategy: stored.strategy,
    createdAt: stored.createdAt,
    taskCount: stored.taskCount,
    successful: stored.successful,
    failed: stored.failed,
    skipped: stored.skipped,
  };
}

export function toRunEventFeed(managed: RunHandle): RunEventFeed {
  return {
    runId: managed.runId,
    events: (afterSeq) => managed.events(afterSeq),
    streams: (event) => managed.streams(event),
  };
}
