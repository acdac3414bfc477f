import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** An attempt failed and a retry was scheduled after a backoff (engine event `task_retry`). */
export class TaskRetryScheduledEvent extends RunDomainEvent<EngineEvent<'task_retry'>> {}
