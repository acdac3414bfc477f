import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A run started with its tasks and strategy (engine event `workflow_start`). */
export class RunStartedEvent extends RunDomainEvent<EngineEvent<'workflow_start'>> {}
