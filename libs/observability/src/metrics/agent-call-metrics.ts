import { performance } from 'node:perf_hooks';
import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import type { RunObserver, TransportOf } from '../observer';
import type { FrameworkMetrics } from './framework-metrics';

export type AgentCallOutcome = 'success' | 'error' | 'timeout' | 'cancelled';

/** Agent calls by transport, agent and outcome, with their latency; a silent remote (AGENT_LOST) also counts as a heartbeat loss. */
export class AgentCallMetrics implements RunObserver {
  constructor(
    private readonly metrics: FrameworkMetrics,
    private readonly transportOf: TransportOf,
  ) {}

  wrapExecutor(executor: TaskExecutor): TaskExecutor {
    const { metrics, transportOf } = this;
    return {
      async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
        const started = performance.now();
        const transport = transportOf(task.agent);
        const labels = { transport, agent: task.agent };
        try {
          const output = await executor.execute(task, ctx);
          metrics.agentRequests.inc({ ...labels, outcome: 'success' });
          return output;
        } catch (error) {
          const code = codeOf(error);
          metrics.agentRequests.inc({ ...labels, outcome: outcomeOf(code, ctx) });
          if (code === 'AGENT_LOST') metrics.heartbeatLosses.inc(labels);
          throw error;
        } finally {
          metrics.agentRequestDuration.observe(labels, (performance.now() - started) / 1000);
        }
      },
    };
  }
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
