import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** An attempt of a task started on its agent (engine event `task_start`). */
export class TaskStartedEvent extends RunDomainEvent<EngineEvent<'task_start'>> {}
