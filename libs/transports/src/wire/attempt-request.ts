import type { TaskRequest } from '@a2a-mcp/core-graph';

/**
 * One attempt of a task as it crosses the wire (NATS message body, gRPC ExecuteRequest). The same
 * keys also travel as NATS headers / gRPC metadata (see WIRE_HEADERS) so a broker, a proxy or a
 * tracer can read them without parsing the body.
 */
export interface AttemptRequest {
  task: TaskRequest;
  /** 1 for the first attempt. */
  attempt: number;
  /** `runId/taskId/attempt`: the agent side de-duplicates on it (a re-dispatch of the same attempt runs once). */
  idempotencyKey: string;
  /** Epoch ms after which the caller has given up (the task's timeout); absent: none. */
  deadlineAtMs?: number;
  /** W3C trace context of the calling span, if any. */
  traceparent?: string;
}

/** Header / metadata names; lower-case so they are valid gRPC metadata keys as well. */
export const WIRE_HEADERS = {
  idempotencyKey: 'a2a-idempotency-key',
  deadline: 'a2a-deadline-ms',
  traceparent: 'traceparent',
  /** On replies: the replica that answered. */
  replica: 'a2a-replica-id',
} as const;

export function idempotencyKeyOf(runId: string, taskId: string, attempt: number): string {
  return `${runId}/${taskId}/${attempt}`;
}
