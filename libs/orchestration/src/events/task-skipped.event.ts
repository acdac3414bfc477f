import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task was skipped (a dependency failed or the run stopped) (engine event `task_skipped`). */
export class TaskSkippedEvent extends RunDomainEvent<EngineEvent<'task_skipped'>> {}
