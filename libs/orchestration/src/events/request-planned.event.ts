import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A request was turned into a plan before its run started (engine event `planning`). */
export class RequestPlannedEvent extends RunDomainEvent<EngineEvent<'planning'>> {}
