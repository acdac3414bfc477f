import type { IEvent } from '@nestjs/cqrs';
import type { WorkflowEvent, WorkflowEventType } from '@a2a-mcp/core-graph';

/** The engine event of one type (`EngineEvent<'task_complete'>`). */
export type EngineEvent<T extends WorkflowEventType> = Extract<WorkflowEvent, { type: T }>;

/**
 * A domain event on the CQRS EventBus: one class per engine event type, named in the past tense,
 * carrying the engine event as it was appended to the run's log (`event`, with its `seq`).
 */
export abstract class RunDomainEvent<E extends WorkflowEvent = WorkflowEvent> implements IEvent {
  readonly runId: string;
  readonly seq: number;

  constructor(readonly event: E) {
    this.runId = event.runId;
    this.seq = event.seq;
  }
}
