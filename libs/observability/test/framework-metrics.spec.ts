import { FrameworkMetrics, METRIC_PREFIX, type PoolFigures } from '../src';
import { MetricSamples } from './support/metric-samples';

const P = METRIC_PREFIX;

describe('FrameworkMetrics', () => {
  describe('live gauges read from their sources at scrape time', () => {
    it('reads active runs, active tasks, SSE subscribers and agents per transport as they are at each scrape', async () => {
      const metrics = new FrameworkMetrics({ defaultMetrics: false });
      const live = { runs: 3, tasks: 5, subscribers: 2, agents: { local: 11, nats: 4 } as Record<string, number> };
      metrics.readFrom({
        activeRuns: () => live.runs,
        activeTasks: () => live.tasks,
        sseSubscribers: () => live.subscribers,
        agentsByTransport: () => live.agents,
      });
      let samples = await MetricSamples.of(metrics.registry);
      expect(samples.value(`${P}active_runs`)).toBe(3);
      expect(samples.value(`${P}active_tasks`)).toBe(5);
      expect(samples.value(`${P}sse_subscribers`)).toBe(2);
      expect(samples.table(`${P}agents_available`, ['transport'])).toEqual({ local: 11, nats: 4 });

      // Nothing is counted between scrapes: the next scrape sees the figures of its own moment.
      Object.assign(live, { runs: 0, tasks: 1, subscribers: 0, agents: { local: 11, grpc: 2 } });
      samples = await MetricSamples.of(metrics.registry);
      expect(samples.value(`${P}active_runs`)).toBe(0);
      expect(samples.value(`${P}active_tasks`)).toBe(1);
      expect(samples.value(`${P}sse_subscribers`)).toBe(0);
      // A transport with no agents left disappears instead of keeping its last count.
      expect(samples.table(`${P}agents_available`, ['transport'])).toEqual({ local: 11, grpc: 2 });
    });

    it('later readFrom calls add sources and replace the ones they name', async () => {
      const metrics = new FrameworkMetrics({ defaultMetrics: false });
      metrics.readFrom({ activeRuns: () => 7, sseSubscribers: () => 1 });
      metrics.readFrom({ sseSubscribers: () => 9 });
      const samples = await MetricSamples.of(metrics.registry);
      expect(samples.value(`${P}active_runs`)).toBe(7);
      expect(samples.value(`${P}sse_subscribers`)).toBe(9);
      // No source: the gauge stays at zero, and no pool series exist.
      expect(samples.value(`${P}active_tasks`)).toBe(0);
      expect(samples.table(`${P}connection_pool_size`, ['transport'])).toEqual({});
    });
  });

  describe('connection pools, aggregated per transport', () => {
    const pool = (transport: string, size: number, inUse: number, created: number, reused: number): PoolFigures => ({ transport, size, inUse, created, reused });

    it('sums pools of one transport, reports reused ÷ (reused + created), and grows the counters by deltas that never go down', async () => {
      const metrics = new FrameworkMetrics({ defaultMetrics: false });
      let pools: PoolFigures[] = [pool('nats', 2, 1, 2, 8), pool('nats', 3, 0, 3, 7), pool('grpc', 1, 1, 1, 0)];
      metrics.readFrom({ pools: () => pools });
      const scrape = async () => {
        const samples = await MetricSamples.of(metrics.registry);
        return {
          size: samples.table(`${P}connection_pool_size`, ['transport']),
          inUse: samples.table(`${P}connection_pool_in_use`, ['transport']),
          created: samples.counts(`${P}connections_created_total`, ['transport']),
          reused: samples.counts(`${P}connections_reused_total`, ['transport']),
          ratio: samples.table(`${P}connection_reuse_ratio`, ['transport']),
        };
      };

      expect(await scrape()).toEqual({
        size: { nats: 5, grpc: 1 },
        inUse: { nats: 1, grpc: 1 },
        created: { nats: 5, grpc: 1 },
        // gRPC has reused nothing yet.
        reused: { nats: 15 },
        ratio: { nats: 15 / 20, grpc: 0 },
      });
      // A scrape without change counts nothing again.
      expect((await scrape()).created).toEqual({ nats: 5, grpc: 1 });

      // The first nats pool opens 2 more connections and carries 12 more calls.
      pools = [pool('nats', 4, 2, 4, 20), pool('nats', 3, 0, 3, 7), pool('grpc', 1, 0, 1, 4)];
      let seen = await scrape();
      expect(seen.created).toEqual({ nats: 7, grpc: 1 });
      expect(seen.reused).toEqual({ nats: 27, grpc: 4 });
      expect(seen.ratio.nats).toBeCloseTo(27 / 34, 12);
      expect(seen.ratio.grpc).toBeCloseTo(4 / 5, 12);

      // The second nats pool closes and the gRPC one goes away: totals shrink, the counters keep theirs.
      pools = [pool('nats', 4, 0, 4, 20)];
      seen = await scrape();
      expect(seen.created).toEqual({ nats: 7, grpc: 1 });
      expect(seen.reused).toEqual({ nats: 27, grpc: 4 });
      expect(seen.size).toEqual({ nats: 4 });
      expect(seen.ratio).toEqual({ nats: 20 / 24 });

      // From there they grow again by what the remaining pool adds.
      pools = [pool('nats', 6, 1, 6, 25)];
      seen = await scrape();
      expect(seen.created).toEqual({ nats: 9, grpc: 1 });
      expect(seen.reused).toEqual({ nats: 32, grpc: 4 });
      expect(seen.ratio).toEqual({ nats: 25 / 31 });
    });

    it('shows each pool metric in the exposition text with its transport label', async () => {
      const metrics = new FrameworkMetrics({ defaultMetrics: false });
      metrics.readFrom({ pools: () => [pool('a2a', 2, 0, 2, 6)] });
      const text = await metrics.exposition();
      expect(text).toContain(`${P}connection_pool_size{transport="a2a"} 2`);
      expect(text).toContain(`${P}connection_pool_in_use{transport="a2a"} 0`);
      expect(text).toContain(`${P}connections_created_total{transport="a2a"} 2`);
      expect(text).toContain(`${P}connections_reused_total{transport="a2a"} 6`);
      expect(text).toContain(`${P}connection_reuse_ratio{transport="a2a"} 0.75`);
    });
  });

  describe('the registry', () => {
    it("includes Node's default metrics unless turned off", async () => {
      const withDefaults = new FrameworkMetrics();
      const withoutDefaults = new FrameworkMetrics({ defaultMetrics: false });
      const on = await withDefaults.exposition();
      const off = await withoutDefaults.exposition();
      expect(on).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(on).toMatch(/^nodejs_heap_size_used_bytes \d/m);
      expect(off).not.toContain('process_cpu_user_seconds_total');
      expect(off).not.toContain('nodejs_');
      // The custom metrics are there either way.
      for (const text of [on, off]) expect(text).toContain(`# TYPE ${P}tasks_total counter`);
    });

    it('names every custom metric with the a2a_mcp_framework_ prefix, and has the whole catalog', async () => {
      const metrics = new FrameworkMetrics({ defaultMetrics: false });
      const names = (await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name);
      expect(P).toBe('a2a_mcp_framework_');
      expect(names.filter((name) => !name.startsWith(P))).toEqual([]);
      const expected = [
        'runs_started_total',
        'runs_finished_total',
        'active_runs',
        'run_makespan_seconds',
        'run_critical_path_seconds',
        'run_parallel_efficiency',
        'strategy_decisions_total',
        'tasks_total',
        'active_tasks',
        'task_duration_seconds',
        'task_queue_wait_seconds',
        'task_retries_total',
        'quality_score',
        'quality_checks_total',
        'quality_issues_total',
        'agent_requests_total',
        'agent_request_duration_seconds',
        'heartbeat_losses_total',
        'agents_available',
        'connection_pool_size',
        'connection_pool_in_use',
        'connections_created_total',
        'connections_reused_total',
        'connection_reuse_ratio',
        'sse_subscribers',
        'agent_circuit_state',
        'agent_circuit_transitions_total',
        'agent_bulkhead_rejected_total',
        'served_attempts_total',
        'served_attempt_duration_seconds',
      ].map((suffix) => P + suffix);
      expect([...names].sort()).toEqual([...expected].sort());
    });

    it('two instances keep separate registries (a host and an agent service in one test process)', async () => {
      const one = new FrameworkMetrics({ defaultMetrics: false });
      const two = new FrameworkMetrics({ defaultMetrics: false });
      one.runsStarted.inc({ strategy: 'parallel' });
      expect((await MetricSamples.of(one.registry)).counts(`${P}runs_started_total`, ['strategy'])).toEqual({ parallel: 1 });
      expect((await MetricSamples.of(two.registry)).counts(`${P}runs_started_total`, ['strategy'])).toEqual({});
    });

    it('answers in the Prometheus text format', () => {
      expect(new FrameworkMetrics({ defaultMetrics: false }).contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    });
  });
});
