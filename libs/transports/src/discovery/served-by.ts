import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';

/**
 * The agent side: wraps a replica's executor so each successful attempt calls
 * `onCompleted(key, task)` — the replica's record of completions per idempotency key (the e2e tests
 * count them: no task completes twice). Which replica served an attempt travels in its result frame.
 */
export function reportingReplica(executor: TaskExecutor, onCompleted?: (idempotencyKey: string, task: TaskRequest) => void): TaskExecutor {
  if (onCompleted === undefined) return executor;
  return {
    async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
      const output = await executor.execute(task, ctx);
      onCompleted(ctx.idempotencyKey, task);
      return output;
    },
  };
}
