import type { CircuitStateLabel } from './agent-resilience-metrics';

/** A connection pool's figures as the transports report them (their PoolStats). */
export interface PoolFigures {
  transport: string;
  size: number;
  inUse: number;
  created: number;
  reused: number;
}

/**
 * Live figures read at scrape time rather than counted per event: they are exact whatever happened
 * between scrapes, and cost nothing while nobody scrapes.
 */
export interface MetricSources {
  activeRuns(): number;
  /** Agent calls holding a slot of the global concurrency limit. */
  activeTasks(): number;
  sseSubscribers(): number;
  /** Agents the host can dispatch to, by transport. */
  agentsByTransport(): Record<string, number>;
  pools(): readonly PoolFigures[];
  /** Every registered agent's circuit breaker state. */
  agentCircuits(): Record<string, CircuitStateLabel>;
}
