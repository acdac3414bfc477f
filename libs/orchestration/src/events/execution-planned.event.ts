import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** The engine fixed the strategy, levels and estimated critical path (engine event `plan_ready`). */
export class ExecutionPlannedEvent extends RunDomainEvent<EngineEvent<'plan_ready'>> {}
