import type { Provider } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { systemClock, type Clock } from '@a2a-mcp/core-graph';
import type { FrameworkMetrics } from '@a2a-mcp/observability';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { AgentCircuitClosedEvent } from '../events/agent-circuit-closed.event';
import { AgentCircuitHalfOpenedEvent } from '../events/agent-circuit-half-opened.event';
import { AgentCircuitOpenedEvent } from '../events/agent-circuit-opened.event';
import { FRAMEWORK_METRICS } from '../observability/observability.tokens';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import { OutputSchemaCatalog } from '../quality/output-schema-catalog.service';
import type { AgentGuardEvents, CircuitChange } from './agent-guard';
import { AgentResilience } from './agent-resilience';

/** Circuit changes become domain events on the EventBus and metrics; bulkhead refusals a counter. */
class ResilienceReporter implements AgentGuardEvents {
  constructor(
    private readonly events: EventBus,
    private readonly metrics: FrameworkMetrics | null,
  ) {}

  circuitChanged(change: CircuitChange): void {
    this.metrics?.agentResilience.circuitTransitions.inc({ agent: change.agent, to: change.to });
    this.events.publish(eventOf(change));
  }

  bulkheadRejected(agent: string): void {
    this.metrics?.agentResilience.bulkheadRejected.inc({ agent });
  }
}

function eventOf(change: CircuitChange): AgentCircuitOpenedEvent | AgentCircuitHalfOpenedEvent | AgentCircuitClosedEvent {
  switch (change.to) {
    case 'open':
      return new AgentCircuitOpenedEvent(change.agent, change.failures, change.probeInMs ?? 0, change.lastError);
    case 'half-open':
      return new AgentCircuitHalfOpenedEvent(change.agent);
    case 'closed':
      return new AgentCircuitClosedEvent(change.agent);
  }
}

/**
 * The host's AgentResilience: the settings read at boot (config.resilience), the output schemas the
 * catalog compiles as agents register (only with ENABLE_QUALITY_VALIDATION, as for scoring), events on
 * the EventBus and, with ENABLE_OBSERVABILITY, metrics. `clock` times the open circuits (tests).
 */
export function createAgentResilience(
  config: OrchestratorConfig,
  schemas: OutputSchemaCatalog,
  events: EventBus,
  metrics: FrameworkMetrics | null,
  clock: Clock = systemClock,
): AgentResilience {
  return new AgentResilience({ settings: config.resilience, outputSchemas: schemas.schemas, events: new ResilienceReporter(events, metrics), clock });
}

/** What createAgentResilience takes, as Nest injects it. */
export const AGENT_RESILIENCE_DEPENDENCIES = [ORCHESTRATOR_CONFIG, OutputSchemaCatalog, EventBus, FRAMEWORK_METRICS];

/** RUN_OBSERVERS puts it first. */
export const AGENT_RESILIENCE_PROVIDER: Provider = {
  provide: AgentResilience,
  useFactory: (config: OrchestratorConfig, schemas: OutputSchemaCatalog, events: EventBus, metrics: FrameworkMetrics | null): AgentResilience =>
    createAgentResilience(config, schemas, events, metrics),
  inject: AGENT_RESILIENCE_DEPENDENCIES,
};
