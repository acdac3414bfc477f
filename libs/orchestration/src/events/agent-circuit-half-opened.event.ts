import type { IEvent } from '@nestjs/cqrs';

/** An open circuit let one probe call through to the agent; the others wait for its outcome. */
export class AgentCircuitHalfOpenedEvent implements IEvent {
  constructor(readonly agent: string) {}
}
