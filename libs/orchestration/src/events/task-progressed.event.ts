import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** An agent reported progress (engine event `task_progress`). */
export class TaskProgressedEvent extends RunDomainEvent<EngineEvent<'task_progress'>> {}
