import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task failed for good (no retry left) (engine event `task_failed`). */
export class TaskFailedEvent extends RunDomainEvent<EngineEvent<'task_failed'>> {}
