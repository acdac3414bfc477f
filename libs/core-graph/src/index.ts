// The engine's public contract: what other projects use, named one by one so a new export is a decision.
// Test helpers live in `@a2a-mcp/core-graph/testing` (src/testing/index.ts).
export { type Clock, MAX_TIMER_MS, type TimerHandle } from './clock/clock';
export { systemClock, SystemClock } from './clock/system-clock';
export { VirtualClock } from './clock/virtual-clock';
export {
  SLOT_POLICIES,
  type SlotPermit,
  type SlotPolicy,
  type SlotPoolStats,
  TaskSlotPool,
  type TaskSlots,
} from './concurrency/task-slot-pool';
export {
  type JsonValue,
  type NodeMetadata,
  type PriorityName,
  TASK_STATUSES,
  type TaskStatus,
  TERMINAL_STATUSES,
  WorkflowNode,
  type WorkflowNodeSpec,
} from './graph/workflow-node';
export { criticalPath, CycleError, dagOf, type DagView, findCycle, topologicalLevels, topologicalOrder, upwardRanks } from './graph/dag';
export { type ArtifactPart, type TaskContext, TaskError, type TaskExecutor, type TaskRequest } from './engine/task-executor';
export type { RetryOptions, RunOptions } from './engine/run-options';
export type {
  ArtifactEvent,
  GraphModifiedEvent,
  LevelCompleteEvent,
  LevelStartEvent,
  PlanningEvent,
  PlanReadyEvent,
  QualityPolicy,
  QualityVerdict,
  RunResult,
  RunStatus,
  StrategyName,
  TaskCancelledEvent,
  TaskCompleteEvent,
  TaskErrorInfo,
  TaskFailedEvent,
  TaskPausedEvent,
  TaskProgressEvent,
  TaskQueuedEvent,
  TaskResumedEvent,
  TaskRetryEvent,
  TaskSkippedEvent,
  TaskStartEvent,
  TaskSummary,
  WorkflowCompleteEvent,
  WorkflowEvent,
  WorkflowEventInput,
  WorkflowEventType,
  WorkflowStartEvent,
} from './events/workflow-event';
export { WORKFLOW_EVENT_JSON_SCHEMA, WORKFLOW_EVENT_TYPES } from './events/workflow-event.schema';
export { applyEvent, applyEventFor, createRunState, type RunState, summarizeRun, type TaskState } from './events/run-state';
export { GraphError, type GraphErrorCode } from './graph/graph-errors';
export { WorkflowGraph } from './graph/workflow-graph';
export { DynamicWorkflowGraph, subgraphSpecs } from './graph/dynamic-workflow-graph';
export { DEFAULT_PARALLEL_THRESHOLD, ParallelWorkflowGraph } from './graph/parallel-workflow-graph';
export { RunError, type RunErrorCode } from './engine/run-errors';
export type { GraphChange, WorkflowRun } from './engine/workflow-run';
export { DEFAULT_QUALITY_RETRIES, DEFAULT_TASK_TIMEOUT_MS, resumeWorkflow, runWorkflow } from './engine/workflow-runner';
