import { Gauge, type Registry } from 'prom-client';
import { SeriesCounter } from './series/series-counter';

/** An agent's circuit as the gauge reports it. */
export const CIRCUIT_STATE_VALUES = Object.freeze({ closed: 0, 'half-open': 1, open: 2 } as const);
export type CircuitStateLabel = keyof typeof CIRCUIT_STATE_VALUES;

/**
 * The agent boundary's protection (the host's circuit breaker and bulkhead per agent): the circuit
 * state of every agent, read at scrape time, and what changed or was refused, counted as it happens.
 */
export class AgentResilienceMetrics {
  readonly circuitState: Gauge<'agent'>;
  readonly circuitTransitions: SeriesCounter<'agent' | 'to'>;
  readonly bulkheadRejected: SeriesCounter<'agent'>;

  constructor(registers: Registry[], name: (suffix: string) => string, readCircuits: () => Record<string, CircuitStateLabel> | undefined) {
    this.circuitState = new Gauge({
      name: name('agent_circuit_state'),
      help: "Each agent's circuit breaker: 0 closed (calls go through), 1 half-open (one probe call), 2 open (calls fail at once with AGENT_CIRCUIT_OPEN).",
      labelNames: ['agent'],
      registers,
      collect() {
        const circuits = readCircuits();
        if (!circuits) return;
        // An agent that left the catalog leaves the gauge too.
        this.reset();
        for (const [agent, state] of Object.entries(circuits)) this.set({ agent }, CIRCUIT_STATE_VALUES[state]);
      },
    });
    this.circuitTransitions = new SeriesCounter({
      name: name('agent_circuit_transitions_total'),
      help: 'Circuit breaker state changes, by agent and the state entered (open, half-open, closed).',
      labelNames: ['agent', 'to'],
      registers,
    });
    this.bulkheadRejected = new SeriesCounter({
      name: name('agent_bulkhead_rejected_total'),
      help: 'Agent calls refused with AGENT_BULKHEAD_FULL: AGENT_MAX_CONCURRENT_CALLS running and AGENT_QUEUE_LIMIT waiting, by agent.',
      labelNames: ['agent'],
      registers,
    });
  }
}
