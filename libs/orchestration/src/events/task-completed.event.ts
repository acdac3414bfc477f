import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task completed, with its output and quality score (engine event `task_complete`). */
export class TaskCompletedEvent extends RunDomainEvent<EngineEvent<'task_complete'>> {}
