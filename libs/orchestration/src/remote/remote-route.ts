import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import type { AgentRoute } from '@a2a-mcp/transports';

/**
 * The route of a remote agent: the transport's client, with the replica that served each attempt
 * (named by the result frame, see TaskContext.servedBy) counted in the catalog. The engine records
 * it as the task's `servedBy`, so the run shows where each task ran without the output changing.
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
          artifact: (part) => ctx.artifact(part),
          requestInput: (question) => ctx.requestInput(question),
          sleep: (ms) => ctx.sleep(ms),
          now: () => ctx.now(),
          servedBy: (replicaId) => {
            onServed(agent, replicaId);
            ctx.servedBy?.(replicaId);
          },
        };
        return client.execute(task, watched);
      },
    },
  };
}
