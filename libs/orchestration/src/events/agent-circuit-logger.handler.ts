import { Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AgentCircuitClosedEvent } from './agent-circuit-closed.event';
import { AgentCircuitHalfOpenedEvent } from './agent-circuit-half-opened.event';
import { AgentCircuitOpenedEvent } from './agent-circuit-opened.event';

type CircuitEvent = AgentCircuitOpenedEvent | AgentCircuitHalfOpenedEvent | AgentCircuitClosedEvent;

/**
 * One log line per circuit change: opened at warn (an agent keeps failing and its tasks now fail at
 * once), half-opened and closed at info. Logged whatever ENABLE_OBSERVABILITY says: they are rare and
 * they explain failed tasks.
 */
@EventsHandler(AgentCircuitOpenedEvent, AgentCircuitHalfOpenedEvent, AgentCircuitClosedEvent)
export class AgentCircuitLoggerHandler implements IEventHandler<CircuitEvent> {
  private readonly logger = new Logger('Agents');

  handle(event: CircuitEvent): void {
    if (event instanceof AgentCircuitOpenedEvent) {
      const cause = event.lastError === undefined ? '' : ` (last: ${event.lastError.code}: ${event.lastError.message})`;
      this.logger.warn({
        msg: `agent ${event.agent}: circuit opened after ${event.failures} failures in a row${cause}; a probe goes through in ${event.probeInMs} ms`,
        agent: event.agent,
        circuit: 'open',
        failures: event.failures,
        probeInMs: event.probeInMs,
        errorCode: event.lastError?.code,
      });
    } else if (event instanceof AgentCircuitHalfOpenedEvent) {
      this.logger.log({ msg: `agent ${event.agent}: circuit half-open, one probe call goes through`, agent: event.agent, circuit: 'half-open' });
    } else {
      this.logger.log({ msg: `agent ${event.agent}: circuit closed, calls go through again`, agent: event.agent, circuit: 'closed' });
    }
  }
}
