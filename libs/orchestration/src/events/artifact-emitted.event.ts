import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** An agent streamed an artifact before completing (engine event `artifact`). */
export class ArtifactEmittedEvent extends RunDomainEvent<EngineEvent<'artifact'>> {}
