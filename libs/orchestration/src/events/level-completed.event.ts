import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A level of the parallel strategy completed (engine event `level_complete`). */
export class LevelCompletedEvent extends RunDomainEvent<EngineEvent<'level_complete'>> {}
