import type { IEvent } from '@nestjs/cqrs';

/**
 * An agent's circuit opened: it failed `failures` times in a row (agent faults), so its calls fail at
 * once with AGENT_CIRCUIT_OPEN until a probe may go through in `probeInMs`. Not a run's event: every
 * run calling the agent is concerned.
 */
export class AgentCircuitOpenedEvent implements IEvent {
  constructor(
    readonly agent: string,
    readonly failures: number,
    readonly probeInMs: number,
    /** The fault that opened it (code and message), when known. */
    readonly lastError?: { code: string; message: string },
  ) {}
}
