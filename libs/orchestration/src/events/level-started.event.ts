import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A level of the parallel strategy started (engine event `level_start`). */
export class LevelStartedEvent extends RunDomainEvent<EngineEvent<'level_start'>> {}
