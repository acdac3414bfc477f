import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** Nodes or edges were added to a running graph (engine event `graph_modified`). */
export class GraphModifiedEvent extends RunDomainEvent<EngineEvent<'graph_modified'>> {}
