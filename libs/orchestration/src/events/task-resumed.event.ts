import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A paused task got its answer and resumed (engine event `task_resumed`). */
export class TaskResumedEvent extends RunDomainEvent<EngineEvent<'task_resumed'>> {}
