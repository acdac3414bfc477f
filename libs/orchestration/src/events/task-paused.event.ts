import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task paused to ask for input (engine event `task_paused`). */
export class TaskPausedEvent extends RunDomainEvent<EngineEvent<'task_paused'>> {}
