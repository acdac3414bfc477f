import { performance } from 'node:perf_hooks';
import type { Counter, Histogram } from 'prom-client';
import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import type { RunObserver, TransportOf } from '../observer';
import type { FrameworkMetrics } from './framework-metrics';

export type AgentCallOutcome = 'success' | 'error' | 'timeout' | 'cancelled';

type CallLabels = 'transport' | 'agent';

interface CallMeters {
  calls: Counter<CallLabels | 'outcome'>;
  duration: Histogram<CallLabels>;
  /** Counted for a call that ended with AGENT_LOST (the remote went silent). */
  lost?: Counter<CallLabels>;
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
  return {
    async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
      const started = performance.now();
      const labels = { transport: transportOf(task.agent), agent: task.agent };
      try {
        const output = await executor.execute(task, ctx);
        meters.calls.inc({ ...labels, outcome: 'success' });
        return output;
      } catch (error) {
        const code = codeOf(error);
        meters.calls.inc({ ...labels, outcome: outcomeOf(code, ctx) });
        if (code === 'AGENT_LOST') meters.lost?.inc(labels);
        throw error;
      } finally {
        meters.duration.observe(labels, (performance.now() - started) / 1000);
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
