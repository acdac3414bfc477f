import type { IEvent } from '@nestjs/cqrs';

/** An agent's circuit closed again (its probe came back): calls go through as usual. */
export class AgentCircuitClosedEvent implements IEvent {
  constructor(readonly agent: string) {}
}
