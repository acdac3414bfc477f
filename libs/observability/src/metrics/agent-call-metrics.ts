import { performance } from 'node:perf_hooks';
import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import type { RunObserver, TransportOf } from '../observer';
import type { FrameworkMetrics } from './framework-metrics';
import type { CounterSeries, SeriesCounter } from './series/series-counter';
import type { HistogramSeries, SeriesHistogram } from './series/series-histogram';

export type AgentCallOutcome = 'success' | 'error' | 'timeout' | 'cancelled';

type CallLabels = 'transport' | 'agent';

interface CallMeters {
  calls: SeriesCounter<CallLabels | 'outcome'>;
  duration: SeriesHistogram<CallLabels>;
  /** Counted for a call that ended with AGENT_LOST (the remote went silent). */
  lost?: SeriesCounter<CallLabels>;
}

/** One agent's call series over one transport, resolved once. */
interface CallSeries {
  outcomes: Record<AgentCallOutcome, CounterSeries>;
  duration: HistogramSeries;
  lost: CounterSeries | undefined;
}

/** Agent calls made by the host, by transport, agent and outcome, with their latency; a silent remote (AGENT_LOST) also counts as a heartbeat loss. */
export class AgentCallMetrics implements RunObserver {
  constructor(
    private readonly metrics: FrameworkMetrics,
    private readonly transportOf: TransportOf,
  ) {}

  wrapExecutor(executor: TaskExecutor): TaskExecutor {
    const { agentRequests, agentRequestDuration, heartbeatLosses } = this.metrics;
    return meteredExecutor(executor, { calls: agentRequests, duration: agentRequestDuration, lost: heartbeatLosses }, this.transportOf);
  }
}

/** Attempts an agent service serves over `transport`, by agent and outcome, with their duration. */
export function meterServedAttempts(executor: TaskExecutor, metrics: FrameworkMetrics, transport: string): TaskExecutor {
  return meteredExecutor(executor, { calls: metrics.servedAttempts, duration: metrics.servedAttemptDuration }, () => transport);
}

function meteredExecutor(executor: TaskExecutor, meters: CallMeters, transportOf: TransportOf): TaskExecutor {
  const byAgent = new Map<string, CallSeries>();
  const seriesOf = (agent: string): CallSeries => {
    const transport = transportOf(agent);
    const key = `${transport} ${agent}`;
    let series = byAgent.get(key);
    if (series === undefined) {
      const labels = { transport, agent };
      const outcome = (name: AgentCallOutcome): CounterSeries => meters.calls.series({ ...labels, outcome: name });
      series = {
        outcomes: { success: outcome('success'), error: outcome('error'), timeout: outcome('timeout'), cancelled: outcome('cancelled') },
        duration: meters.duration.series(labels),
        lost: meters.lost?.series(labels),
      };
      byAgent.set(key, series);
    }
    return series;
  };
  return {
    async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
      const series = seriesOf(task.agent);
      const started = performance.now();
      try {
        const output = await executor.execute(task, ctx);
        series.outcomes.success.inc();
        return output;
      } catch (error) {
        const code = codeOf(error);
        series.outcomes[outcomeOf(code, ctx)].inc();
        if (code === 'AGENT_LOST') series.lost?.inc();
        throw error;
      } finally {
        series.duration.observe((performance.now() - started) / 1000);
      }
    },
  };
}

/** The engine aborts a timed-out attempt with TASK_TIMEOUT as the reason, a cancelled one with another. */
function outcomeOf(code: string | undefined, ctx: TaskContext): AgentCallOutcome {
  if (code === 'TASK_TIMEOUT' || (ctx.signal.aborted && codeOf(ctx.signal.reason) === 'TASK_TIMEOUT')) return 'timeout';
  if (ctx.signal.aborted) return 'cancelled';
  return 'error';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
