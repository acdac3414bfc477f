import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task was cancelled with its run (engine event `task_cancelled`). */
export class TaskCancelledEvent extends RunDomainEvent<EngineEvent<'task_cancelled'>> {}
