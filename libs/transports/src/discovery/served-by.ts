import type { ArtifactPart, TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';

/** Name of the artifact a replica streams just before its result: which replica served the attempt. */
export const SERVED_BY_ARTIFACT = 'a2a-served-by';

export interface ServedBy {
  replicaId: string;
}

/**
 * The agent side: wraps a replica's executor so each successful attempt first streams a
 * SERVED_BY_ARTIFACT naming the replica (the output stays the agent's own), then calls
 * `onCompleted(key)` — the replica's record of completions per idempotency key.
 */
export function reportingReplica(executor: TaskExecutor, replicaId: string, onCompleted?: (idempotencyKey: string, task: TaskRequest) => void): TaskExecutor {
  return {
    async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
      const output = await executor.execute(task, ctx);
      ctx.artifact({ name: SERVED_BY_ARTIFACT, mimeType: 'application/json', data: { replicaId } satisfies ServedBy });
      onCompleted?.(ctx.idempotencyKey, task);
      return output;
    },
  };
}

/** The host side: the replica a SERVED_BY_ARTIFACT names, undefined for any other artifact. */
export function servedByOf(part: ArtifactPart): string | undefined {
  if (part.name !== SERVED_BY_ARTIFACT) return undefined;
  const data = part.data as Partial<ServedBy> | null;
  return typeof data === 'object' && data !== null && typeof data.replicaId === 'string' ? data.replicaId : undefined;
}
