import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import { servedByOf, type AgentRoute } from '@a2a-mcp/transports';

/**
 * The route of a remote agent: the transport's client, with the replica that served each attempt
 * (its served-by artifact) recorded in the catalog and reported on the task's stream as a progress
 * message — "served by replica r-1 over nats" — so the run shows where each task ran without the
 * agent's output changing. Other artifacts pass through.
 */
export function remoteRoute(
  agent: string,
  transport: 'nats' | 'grpc',
  address: string,
  client: TaskExecutor,
  onServed: (agent: string, replicaId: string) => void,
): AgentRoute {
  return {
    agent,
    transport,
    address,
    executor: {
      execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
        const watched: TaskContext = {
          runId: ctx.runId,
          taskId: ctx.taskId,
          attempt: ctx.attempt,
          idempotencyKey: ctx.idempotencyKey,
          signal: ctx.signal,
          progress: (pct, message) => ctx.progress(pct, message),
          artifact: (part) => {
            const replicaId = servedByOf(part);
            if (replicaId === undefined) return ctx.artifact(part);
            onServed(agent, replicaId);
            ctx.progress(100, `served by replica ${replicaId} over ${transport}`);
          },
          requestInput: (question) => ctx.requestInput(question),
          sleep: (ms) => ctx.sleep(ms),
          now: () => ctx.now(),
        };
        return client.execute(task, watched);
      },
    },
  };
}
