import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { SeriesCounter } from './series/series-counter';
import { SeriesHistogram } from './series/series-histogram';
import type { MetricSources, PoolFigures } from './metric-sources';
import { AgentResilienceMetrics } from './agent-resilience-metrics';

/** The original framework's metric prefix: dashboards written for it read ours with few changes. */
export const METRIC_PREFIX = 'a2a_mcp_framework_';

/** Seconds, from a fast in-process agent (100 µs) to a slow remote one (2 min). */
const DURATION_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Run makespans and critical paths are longer than one task. */
const RUN_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Parallel efficiency = 1 − makespan ÷ Σ task time: the share of the sequential time saved. */
const EFFICIENCY_BUCKETS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

/**
 * Every metric the services export, on one registry. No label takes an unbounded value: no run or
 * task ids; agents are the registered ones, strategies, outcomes, transports and reasons are closed sets.
 */
export class FrameworkMetrics {
  readonly registry: Registry;

  readonly runsStarted: SeriesCounter<'strategy'>;
  readonly runsFinished: SeriesCounter<'strategy' | 'status'>;
  readonly activeRuns: Gauge;
  readonly runMakespan: SeriesHistogram<'strategy'>;
  readonly runCriticalPath: SeriesHistogram<'strategy'>;
  readonly runParallelEfficiency: SeriesHistogram<'strategy'>;
  readonly strategyDecisions: SeriesCounter<'strategy' | 'reason'>;

  readonly tasks: SeriesCounter<'agent' | 'outcome'>;
  readonly activeTasks: Gauge;
  readonly taskDuration: SeriesHistogram<'agent'>;
  readonly taskQueueWait: SeriesHistogram;
  readonly taskRetries: SeriesCounter<'agent'>;

  readonly qualityScore: SeriesHistogram<'domain'>;
  readonly qualityChecks: SeriesCounter<'domain' | 'result'>;
  readonly qualityIssues: SeriesCounter<'domain' | 'issue'>;

  readonly agentRequests: SeriesCounter<'transport' | 'agent' | 'outcome'>;
  readonly agentRequestDuration: SeriesHistogram<'transport' | 'agent'>;
  readonly heartbeatLosses: SeriesCounter<'transport' | 'agent'>;
  readonly agentsAvailable: Gauge<'transport'>;

  readonly poolConnections: Gauge<'transport'>;
  readonly poolInUse: Gauge<'transport'>;
  readonly poolCreated: SeriesCounter<'transport'>;
  readonly poolReused: SeriesCounter<'transport'>;
  readonly poolReuseRatio: Gauge<'transport'>;

  readonly sseSubscribers: Gauge;

  /** Circuit breaker and bulkhead per agent (agent_circuit_state, agent_circuit_transitions_total, agent_bulkhead_rejected_total). */
  readonly agentResilience: AgentResilienceMetrics;

  readonly servedAttempts: SeriesCounter<'transport' | 'agent' | 'outcome'>;
  readonly servedAttemptDuration: SeriesHistogram<'transport' | 'agent'>;

  private sources: Partial<MetricSources> = {};
  /** The last created/reused totals read from the pools, per transport: the counters grow by the difference. */
  private readonly poolTotals = new Map<string, { created: number; reused: number }>();

  constructor(options: { registry?: Registry; defaultMetrics?: boolean } = {}) {
    const registry = options.registry ?? new Registry();
    this.registry = registry;
    const registers = [registry];
    const name = (suffix: string): string => METRIC_PREFIX + suffix;

    this.runsStarted = new SeriesCounter({ name: name('runs_started_total'), help: 'Runs started, by strategy.', labelNames: ['strategy'], registers });
    this.runsFinished = new SeriesCounter({
      name: name('runs_finished_total'),
      help: 'Runs finished, by strategy and final status (completed, partial, failed, cancelled).',
      labelNames: ['strategy', 'status'],
      registers,
    });
    // Inside `collect`, `this` is the metric: the sources are reached through these.
    const read = (): Partial<MetricSources> => this.sources;
    const readPools = (): void => this.readPools();
    this.activeRuns = new Gauge({
      name: name('active_runs'),
      help: 'Runs running now.',
      registers,
      collect() {
        const value = read().activeRuns?.();
        if (value !== undefined) this.set(value);
      },
    });
    this.runMakespan = new SeriesHistogram({
      name: name('run_makespan_seconds'),
      help: 'Wall time of a finished run, from its start to its last task.',
      labelNames: ['strategy'],
      buckets: RUN_BUCKETS,
      registers,
    });
    this.runCriticalPath = new SeriesHistogram({
      name: name('run_critical_path_seconds'),
      help: "A finished run's critical path: the longest chain of dependent tasks, by their measured times.",
      labelNames: ['strategy'],
      buckets: RUN_BUCKETS,
      registers,
    });
    this.runParallelEfficiency = new SeriesHistogram({
      name: name('run_parallel_efficiency'),
      help: 'Of a finished run: the share of the sequential time saved, 1 − makespan ÷ sum of task times (0 when run sequentially).',
      labelNames: ['strategy'],
      buckets: EFFICIENCY_BUCKETS,
      registers,
    });
    this.strategyDecisions = new SeriesCounter({
      name: name('strategy_decisions_total'),
      help: 'The strategy each run ran with and why: the auto optimizer\'s reason code, or plan / requested / default when it was named.',
      labelNames: ['strategy', 'reason'],
      registers,
    });

    this.tasks = new SeriesCounter({
      name: name('tasks_total'),
      help: 'Tasks that reached a final state, by agent and outcome (completed, failed, skipped, cancelled).',
      labelNames: ['agent', 'outcome'],
      registers,
    });
    this.activeTasks = new Gauge({
      name: name('active_tasks'),
      help: 'Task attempts holding a slot of the global concurrency limit (running on an agent) now.',
      registers,
      collect() {
        const value = read().activeTasks?.();
        if (value !== undefined) this.set(value);
      },
    });
    this.taskDuration = new SeriesHistogram({
      name: name('task_duration_seconds'),
      help: 'Duration of a completed task, from the start of its first attempt to the agent returning its output.',
      labelNames: ['agent'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.taskQueueWait = new SeriesHistogram({
      name: name('task_queue_wait_seconds'),
      help: 'Time a ready task attempt waited for a slot of the global concurrency limit (MAX_CONCURRENT_TASKS).',
      buckets: [0, ...DURATION_BUCKETS],
      registers,
    });
    this.taskRetries = new SeriesCounter({ name: name('task_retries_total'), help: 'Failed attempts that were retried, by agent.', labelNames: ['agent'], registers });

    this.qualityScore = new SeriesHistogram({
      name: name('quality_score'),
      help: 'Quality score of each scored task output, by quality domain.',
      labelNames: ['domain'],
      buckets: SCORE_BUCKETS,
      registers,
    });
    this.qualityChecks = new SeriesCounter({
      name: name('quality_checks_total'),
      help: 'Quality verdicts by domain and result (pass, fail).',
      labelNames: ['domain', 'result'],
      registers,
    });
    this.qualityIssues = new SeriesCounter({
      name: name('quality_issues_total'),
      help: 'Quality issues found, by domain and issue code (completeness_not_met, ...).',
      labelNames: ['domain', 'issue'],
      registers,
    });

    this.agentRequests = new SeriesCounter({
      name: name('agent_requests_total'),
      help: 'Calls to agents by transport (local, nats, grpc, a2a, mcp, llm), agent and outcome (success, error, timeout, cancelled).',
      labelNames: ['transport', 'agent', 'outcome'],
      registers,
    });
    this.agentRequestDuration = new SeriesHistogram({
      name: name('agent_request_duration_seconds'),
      help: 'Latency of agent calls, by transport and agent.',
      labelNames: ['transport', 'agent'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.heartbeatLosses = new SeriesCounter({
      name: name('heartbeat_losses_total'),
      help: 'Remote agent attempts that went silent (AGENT_LOST), by transport and agent.',
      labelNames: ['transport', 'agent'],
      registers,
    });
    this.agentsAvailable = new Gauge({
      name: name('agents_available'),
      help: 'Agents the host can dispatch to now, by transport.',
      labelNames: ['transport'],
      registers,
      collect() {
        const counts = read().agentsByTransport?.();
        if (!counts) return;
        this.reset();
        for (const [transport, count] of Object.entries(counts)) this.set({ transport }, count);
      },
    });

    // The pools are read once per scrape, by the first pool metric collected; the others reuse that reading.
    this.poolConnections = new Gauge({
      name: name('connection_pool_size'),
      help: 'Connections or channels the pools hold, by transport.',
      labelNames: ['transport'],
      registers,
      collect() {
        readPools();
      },
    });
    this.poolInUse = new Gauge({ name: name('connection_pool_in_use'), help: 'Pooled connections carrying a call now, by transport.', labelNames: ['transport'], registers });
    this.poolCreated = new SeriesCounter({
      name: name('connections_created_total'),
      help: 'Connections opened since start, by transport.',
      labelNames: ['transport'],
      registers,
    });
    this.poolReused = new SeriesCounter({
      name: name('connections_reused_total'),
      help: 'Calls that went over an already-open connection since start, by transport.',
      labelNames: ['transport'],
      registers,
    });
    this.poolReuseRatio = new Gauge({
      name: name('connection_reuse_ratio'),
      help: "reused ÷ (reused + created), by transport: the original framework's connection reuse ratio.",
      labelNames: ['transport'],
      registers,
    });

    this.sseSubscribers = new Gauge({
      name: name('sse_subscribers'),
      help: 'Clients following a run event stream now.',
      registers,
      collect() {
        const value = read().sseSubscribers?.();
        if (value !== undefined) this.set(value);
      },
    });

    this.agentResilience = new AgentResilienceMetrics(registers, name, () => read().agentCircuits?.());

    // The agent side (a demo-agents replica): attempts it served for hosts, over NATS or gRPC.
    this.servedAttempts = new SeriesCounter({
      name: name('served_attempts_total'),
      help: 'Task attempts an agent service served for hosts, by transport (nats, grpc), agent and outcome.',
      labelNames: ['transport', 'agent', 'outcome'],
      registers,
    });
    this.servedAttemptDuration = new SeriesHistogram({
      name: name('served_attempt_duration_seconds'),
      help: 'Time an agent service spent on an attempt, by transport and agent.',
      labelNames: ['transport', 'agent'],
      buckets: DURATION_BUCKETS,
      registers,
    });

    // Node's process and runtime metrics keep their standard names, so stock Node.js dashboards work.
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  }

  /** Where the live gauges are read from at scrape time; later calls add to or replace earlier sources. */
  readFrom(sources: Partial<MetricSources>): void {
    this.sources = { ...this.sources, ...sources };
  }

  private readPools(): void {
    const pools = this.sources.pools?.();
    if (!pools) return;
    const byTransport = new Map<string, PoolFigures>();
    for (const pool of pools) {
      const sum = byTransport.get(pool.transport) ?? { transport: pool.transport, size: 0, inUse: 0, created: 0, reused: 0 };
      sum.size += pool.size;
      sum.inUse += pool.inUse;
      sum.created += pool.created;
      sum.reused += pool.reused;
      byTransport.set(pool.transport, sum);
    }
    this.poolConnections.reset();
    this.poolInUse.reset();
    this.poolReuseRatio.reset();
    for (const [transport, sum] of byTransport) {
      this.poolConnections.set({ transport }, sum.size);
      this.poolInUse.set({ transport }, sum.inUse);
      const calls = sum.created + sum.reused;
      this.poolReuseRatio.set({ transport }, calls === 0 ? 0 : sum.reused / calls);
      const last = this.poolTotals.get(transport) ?? { created: 0, reused: 0 };
      // A closed pool takes its totals with it: the counters keep what they counted, and grow again from the new total.
      if (sum.created > last.created) this.poolCreated.inc({ transport }, sum.created - last.created);
      if (sum.reused > last.reused) this.poolReused.inc({ transport }, sum.reused - last.reused);
      this.poolTotals.set(transport, { created: sum.created, reused: sum.reused });
    }
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
