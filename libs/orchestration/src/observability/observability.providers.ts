import { Inject, Injectable, type OnModuleInit, type Provider } from '@nestjs/common';
import { AgentCallMetrics, FrameworkMetrics, OrchestrationStats, RunMetrics, RunTracer, isTracingActive, type PoolFigures, type RunObserver } from '@a2a-mcp/observability';
import { AgentCatalog } from '../agents/agent-catalog.service';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import type { CircuitStateName } from '../resilience/agent-guard';
import { AgentResilience } from '../resilience/agent-resilience';
import { AGENT_RESILIENCE_PROVIDER } from '../resilience/resilience.provider';
import { RunManager } from '../runs/run-manager.service';
import { FRAMEWORK_METRICS, RUN_OBSERVERS } from './observability.tokens';
import { StreamAudience } from './stream-audience';

/**
 * Points the live gauges and statistics at the services that know the figures. A separate step
 * because RunManager itself takes the observers: they cannot take it in their constructors.
 */
@Injectable()
export class ObservabilityBinding implements OnModuleInit {
  constructor(
    @Inject(FRAMEWORK_METRICS) private readonly metrics: FrameworkMetrics | null,
    private readonly stats: OrchestrationStats,
    private readonly runs: RunManager,
    private readonly catalog: AgentCatalog,
    private readonly audience: StreamAudience,
    private readonly resilience: AgentResilience,
  ) {}

  onModuleInit(): void {
    const live = { activeRuns: () => this.runs.runsInFlight, activeTasks: () => this.runs.slots.inUse };
    this.stats.readFrom(live);
    this.metrics?.readFrom({
      ...live,
      sseSubscribers: () => this.audience.size,
      agentsByTransport: () => this.agentsByTransport(),
      pools: () => this.pools(),
      agentCircuits: () => this.agentCircuits(),
    });
  }

  private agentsByTransport(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const status of this.catalog.statuses()) {
      counts[status.transport] ??= 0;
      if (status.healthy) counts[status.transport]++;
    }
    return counts;
  }

  /** Every registered agent, closed until its calls open the circuit. */
  private agentCircuits(): Record<string, CircuitStateName> {
    const circuits: Record<string, CircuitStateName> = {};
    for (const name of this.catalog.names()) circuits[name] = this.resilience.circuitOf(name);
    return circuits;
  }

  /** Agents share pools (one NATS connection set, one gRPC pool per address): each pool counts once. */
  private pools(): PoolFigures[] {
    const seen = new Map<string, PoolFigures>();
    for (const status of this.catalog.statuses()) {
      const pool = status.pool;
      if (pool !== undefined) seen.set(`${pool.transport} ${pool.address}`, pool);
    }
    return [...seen.values()];
  }
}

export const OBSERVABILITY_PROVIDERS: Provider[] = [
  StreamAudience,
  AGENT_RESILIENCE_PROVIDER,
  {
    provide: FRAMEWORK_METRICS,
    useFactory: (config: OrchestratorConfig): FrameworkMetrics | null => (config.observability ? new FrameworkMetrics() : null),
    inject: [ORCHESTRATOR_CONFIG],
  },
  // Live figures are bound by ObservabilityBinding once RunManager exists.
  { provide: OrchestrationStats, useFactory: () => new OrchestrationStats() },
  {
    provide: RUN_OBSERVERS,
    useFactory: (
      resilience: AgentResilience,
      metrics: FrameworkMetrics | null,
      stats: OrchestrationStats,
      catalog: AgentCatalog,
      config: OrchestratorConfig,
    ): RunObserver[] => {
      const transportOf = (agent: string): string => catalog.executor.routeOf(agent)?.transport ?? 'local';
      // First, so it wraps the catalog's executor itself: the metrics and traces see the errors it raises.
      const observers: RunObserver[] = [resilience, stats];
      if (metrics) observers.push(new RunMetrics(metrics), new AgentCallMetrics(metrics, transportOf));
      // Spans only when the process started the OpenTelemetry SDK (before Nest loaded) and observability is on.
      if (config.observability && isTracingActive()) observers.push(new RunTracer({ transportOf }));
      return observers;
    },
    inject: [AgentResilience, FRAMEWORK_METRICS, OrchestrationStats, AgentCatalog, ORCHESTRATOR_CONFIG],
  },
  ObservabilityBinding,
];
