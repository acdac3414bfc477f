import type { WorkflowEvent, WorkflowEventType } from '@a2a-mcp/core-graph';
import { ArtifactEmittedEvent } from './artifact-emitted.event';
import { ExecutionPlannedEvent } from './execution-planned.event';
import { GraphModifiedEvent } from './graph-modified.event';
import { LevelCompletedEvent } from './level-completed.event';
import { LevelStartedEvent } from './level-started.event';
import { RequestPlannedEvent } from './request-planned.event';
import { RunCompletedEvent } from './run-completed.event';
import type { EngineEvent, RunDomainEvent } from './run-domain-event';
import { RunStartedEvent } from './run-started.event';
import { TaskCancelledEvent } from './task-cancelled.event';
import { TaskCompletedEvent } from './task-completed.event';
import { TaskFailedEvent } from './task-failed.event';
import { TaskPausedEvent } from './task-paused.event';
import { TaskProgressedEvent } from './task-progressed.event';
import { TaskQueuedEvent } from './task-queued.event';
import { TaskResumedEvent } from './task-resumed.event';
import { TaskRetryScheduledEvent } from './task-retry-scheduled.event';
import { TaskSkippedEvent } from './task-skipped.event';
import { TaskStartedEvent } from './task-started.event';

type DomainEventClasses = { [T in WorkflowEventType]: new (event: EngineEvent<T>) => RunDomainEvent<EngineEvent<T>> };

/** The domain event class of every engine event type (a missing type is a compile error). */
export const DOMAIN_EVENT_CLASSES: DomainEventClasses = {
  planning: RequestPlannedEvent,
  workflow_start: RunStartedEvent,
  plan_ready: ExecutionPlannedEvent,
  level_start: LevelStartedEvent,
  level_complete: LevelCompletedEvent,
  task_queued: TaskQueuedEvent,
  task_start: TaskStartedEvent,
  task_progress: TaskProgressedEvent,
  task_retry: TaskRetryScheduledEvent,
  task_paused: TaskPausedEvent,
  task_resumed: TaskResumedEvent,
  task_complete: TaskCompletedEvent,
  task_failed: TaskFailedEvent,
  task_skipped: TaskSkippedEvent,
  task_cancelled: TaskCancelledEvent,
  artifact: ArtifactEmittedEvent,
  graph_modified: GraphModifiedEvent,
  workflow_complete: RunCompletedEvent,
};

export function toDomainEvent(event: WorkflowEvent): RunDomainEvent {
  const EventClass = DOMAIN_EVENT_CLASSES[event.type] as new (event: WorkflowEvent) => RunDomainEvent;
  return new EventClass(event);
}
