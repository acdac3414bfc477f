import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A run ended (completed, partial, failed or cancelled), with its result (engine event `workflow_complete`). */
export class RunCompletedEvent extends RunDomainEvent<EngineEvent<'workflow_complete'>> {}
