import { ArtifactPart } from '../engine/task-executor';
import { TaskStatus, WorkflowNodeSpec } from '../graph/workflow-node';

export type StrategyName = 'sequential' | 'parallel' | 'hybrid';
export type RunStatus = 'running' | 'completed' | 'partial' | 'failed' | 'cancelled';

/** A failure as it travels in events and results: a stable code and a readable message. */
export interface TaskErrorInfo {
  code: string;
  message: string;
}

/** Quality verdict attached to a completed task (filled by a scorer; see RunOptions.scoreOutput). */
export interface QualityVerdict {
  /** Overall score in [0, 1]. */
  score: number;
  approved: boolean;
  /** Issue codes such as `completeness_not_met` or `service_reliability_missing`. */
  issues?: string[];
  /** The quality domain the output was judged in (GENERIC, SERVICE, ...). */
  domain?: string;
  /** Per-metric values, e.g. `{completeness: 1, accuracy: 0.92}`. */
  metrics?: Record<string, number>;
}

export type QualityPolicy = 'warn' | 'retry' | 'fail';

interface EventBase {
  /** Run-scoped sequence number, from 1, without gaps: a client resumes a stream from it. */
  seq: number;
  runId: string;
  /** Milliseconds since the run started, on the run's clock. */
  at: number;
}

export interface WorkflowStartEvent extends EventBase {
  type: 'workflow_start';
  strategy: StrategyName;
  /**
   * Most tasks running at once. No limit is Infinity, which JSON (the stream, a stored log) carries as null.
   * @nullable
   */
  maxConcurrency: number;
  /**
   * Fewest tasks a parallel level needs to run concurrently; Infinity (never) is null in JSON.
   * @nullable
   */
  parallelThreshold: number;
  tasks: WorkflowNodeSpec[];
}
export interface PlanningEvent extends EventBase {
  type: 'planning';
  message: string;
}
export interface PlanReadyEvent extends EventBase {
  type: 'plan_ready';
  strategy: StrategyName;
  reason: string;
  levels: string[][];
  estimatedCriticalPath: string[];
  estimatedCriticalPathMs: number;
}
export interface LevelStartEvent extends EventBase {
  type: 'level_start';
  level: number;
  taskIds: string[];
  concurrent: boolean;
}
export interface LevelCompleteEvent extends EventBase {
  type: 'level_complete';
  level: number;
  durationMs: number;
}
/** A task was dispatched but waits for a slot of the shared pool; it has not started. */
export interface TaskQueuedEvent extends EventBase {
  type: 'task_queued';
  taskId: string;
  /** The attempt that will start once a slot is free. */
  attempt: number;
}
export interface TaskStartEvent extends EventBase {
  type: 'task_start';
  taskId: string;
  agent: string;
  attempt: number;
  /** Time this attempt waited for a slot (0 when one was free). */
  queueWaitMs: number;
  /**
   * Set on a run resumed from its log (resumeWorkflow): this attempt was in flight (or queued, or
   * paused) when the previous process stopped and is sent again under the same attempt number, so
   * its `ctx.idempotencyKey` is the one the agent may already have seen. The fold treats it as any
   * start: the task runs, `attempts` stays that number, `startedAtMs` keeps the first start.
   */
  redispatched?: true;
}
export interface TaskProgressEvent extends EventBase {
  type: 'task_progress';
  taskId: string;
  pct: number;
  message?: string;
}
export interface TaskRetryEvent extends EventBase {
  type: 'task_retry';
  taskId: string;
  /** The attempt that failed. */
  attempt: number;
  delayMs: number;
  error: TaskErrorInfo;
}
export interface TaskPausedEvent extends EventBase {
  type: 'task_paused';
  taskId: string;
  question: string;
}
export interface TaskResumedEvent extends EventBase {
  type: 'task_resumed';
  taskId: string;
}
export interface TaskCompleteEvent extends EventBase {
  type: 'task_complete';
  taskId: string;
  agent: string;
  attempt: number;
  durationMs: number;
  qualityScore?: number;
  quality?: QualityVerdict;
  /** Time spent scoring the output; not part of `durationMs`, which ends when the agent returned. */
  qualityMs?: number;
  /** Where the attempt ran, when a transport named it (TaskContext.servedBy): a remote replica's id. */
  servedBy?: string;
  output: unknown;
}
export interface TaskFailedEvent extends EventBase {
  type: 'task_failed';
  taskId: string;
  attempt: number;
  durationMs: number;
  error: TaskErrorInfo;
}
export interface TaskSkippedEvent extends EventBase {
  type: 'task_skipped';
  taskId: string;
  reason: 'dependency_failed' | 'run_stopped';
  /** The failed task that caused the skip. */
  cause?: string;
}
export interface TaskCancelledEvent extends EventBase {
  type: 'task_cancelled';
  taskId: string;
  /** Why: the cancel request's reason, or the run's time limit. */
  reason?: string;
}
export interface ArtifactEvent extends EventBase {
  type: 'artifact';
  taskId: string;
  artifact: ArtifactPart;
}
export interface GraphModifiedEvent extends EventBase {
  type: 'graph_modified';
  addedNodes: WorkflowNodeSpec[];
  addedEdges: [from: string, to: string][];
}
export interface WorkflowCompleteEvent extends EventBase {
  type: 'workflow_complete';
  result: RunResult;
}

export type WorkflowEvent =
  | WorkflowStartEvent
  | PlanningEvent
  | PlanReadyEvent
  | LevelStartEvent
  | LevelCompleteEvent
  | TaskQueuedEvent
  | TaskStartEvent
  | TaskProgressEvent
  | TaskRetryEvent
  | TaskPausedEvent
  | TaskResumedEvent
  | TaskCompleteEvent
  | TaskFailedEvent
  | TaskSkippedEvent
  | TaskCancelledEvent
  | ArtifactEvent
  | GraphModifiedEvent
  | WorkflowCompleteEvent;

export type WorkflowEventType = WorkflowEvent['type'];

/** An event before the run stamps it with `seq`, `runId` and `at`. */
export type DistributiveOmit<T, K extends keyof WorkflowEvent> = T extends unknown ? Omit<T, K> : never;
export type WorkflowEventInput = DistributiveOmit<WorkflowEvent, 'seq' | 'runId' | 'at'>;

/** Per-task line of the run result (times in ms since the run started). */
export interface TaskSummary {
  status: TaskStatus;
  agent: string;
  attempts: number;
  startedAtMs?: number;
  finishedAtMs?: number;
  /** From the first attempt's start to the end of the last; queue waits before the first start excluded. */
  durationMs?: number;
  /** Time spent waiting for a slot of the shared pool, over all attempts. */
  queueWaitMs?: number;
  qualityScore?: number;
  error?: TaskErrorInfo;
  /** Where the completing attempt ran, when a transport named it (a remote replica's id). */
  servedBy?: string;
  output?: unknown;
}

/** The result of a run: the CLI's `--json` object and the payload of `workflow_complete`. */
export interface RunResult {
  runId: string;
  status: RunStatus;
  strategy: StrategyName;
  /** Why this strategy: `requested`, or the optimizer's reason. */
  strategyReason: string;
  /** Run start to run end, on the run's clock. */
  makespanMs: number;
  /** Longest dependency chain by measured task durations. */
  criticalPath: string[];
  criticalPathMs: number;
  /** Sum of all task durations (what a sequential run would take). */
  totalTaskMs: number;
  /** Share of the sequential time saved: 1 − makespan ÷ totalTaskMs (0 when run sequentially). */
  parallelEfficiency: number;
  successful: string[];
  failed: string[];
  skipped: string[];
  cancelled: string[];
  partialCompletion: boolean;
  /** Time tasks waited for slots of the shared pool, summed. */
  totalQueueWaitMs: number;
  /** Set when the run was stopped other than by a cancel request (RUN_TIMEOUT). */
  stopReason?: TaskErrorInfo;
  /** Null-prototype: any task id, even `__proto__`, is an ordinary key. */
  tasks: Record<string, TaskSummary>;
}
