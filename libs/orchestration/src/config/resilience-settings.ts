import { MAX_TIMER_MS } from '@a2a-mcp/core-graph';
import type { EnvReader } from './env-reader';

/** How the host protects itself and its agents at the agent boundary (see libs/orchestration/src/resilience). */
export interface ResilienceSettings {
  /** Agent faults in a row that open an agent's circuit (AGENT_CIRCUIT_FAILURES; 0: no circuit breaker). */
  circuitFailures: number;
  /** How long an open circuit refuses calls before one probe may go through (AGENT_CIRCUIT_HALF_OPEN_MS). */
  circuitHalfOpenMs: number;
  /** Calls one agent may run at once, across every run (AGENT_MAX_CONCURRENT_CALLS; 0: no limit). */
  maxConcurrentCalls: number;
  /** Calls that may wait for one of those; past it a call is refused with AGENT_BULKHEAD_FULL (AGENT_QUEUE_LIMIT). */
  queueLimit: number;
  /** Largest agent output, as UTF-8 JSON; larger fails the attempt with OUTPUT_TOO_LARGE (MAX_OUTPUT_BYTES). */
  maxOutputBytes: number;
}

export const DEFAULT_RESILIENCE_SETTINGS: Readonly<ResilienceSettings> = Object.freeze({
  circuitFailures: 5,
  circuitHalfOpenMs: 30_000,
  maxConcurrentCalls: 0,
  queueLimit: 1000,
  maxOutputBytes: 10 * 1024 * 1024,
});

/**
 * AGENT_CIRCUIT_FAILURES (integer ≥ 0, default 5, 0 = off), AGENT_CIRCUIT_HALF_OPEN_MS (1 to 2^31 − 1,
 * default 30000), AGENT_MAX_CONCURRENT_CALLS (integer ≥ 0, default 0 = unlimited), AGENT_QUEUE_LIMIT
 * (integer ≥ 0, default 1000), MAX_OUTPUT_BYTES (integer ≥ 1, default 10 MiB).
 */
export function readResilienceSettings(read: EnvReader): ResilienceSettings {
  const defaults = DEFAULT_RESILIENCE_SETTINGS;
  return {
    circuitFailures: read.integer('AGENT_CIRCUIT_FAILURES', defaults.circuitFailures, 0),
    circuitHalfOpenMs: read.integer('AGENT_CIRCUIT_HALF_OPEN_MS', defaults.circuitHalfOpenMs, 1, MAX_TIMER_MS),
    maxConcurrentCalls: read.integer('AGENT_MAX_CONCURRENT_CALLS', defaults.maxConcurrentCalls, 0),
    queueLimit: read.integer('AGENT_QUEUE_LIMIT', defaults.queueLimit, 0),
    maxOutputBytes: read.integer('MAX_OUTPUT_BYTES', defaults.maxOutputBytes, 1),
  };
}
