import { TaskError, type TaskRequest } from '@a2a-mcp/core-graph';
import type { AttemptRequest } from '../wire/attempt-request';

/** A request the agent side cannot run: not retryable, the same bytes would fail again. */
export class BadAttemptRequestError extends TaskError {
  constructor(detail: string) {
    super('BAD_REQUEST', `malformed attempt request: ${detail}`, false);
    this.name = 'BadAttemptRequestError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a decoded AttemptRequest from the wire, naming the first field that is wrong. */
export function parseAttemptRequest(raw: unknown): AttemptRequest {
  if (!isRecord(raw)) throw new BadAttemptRequestError(`expected an object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  const need = (field: string, ok: boolean): void => {
    if (!ok) throw new BadAttemptRequestError(`${field} is missing or has the wrong type`);
  };
  const { task, attempt, idempotencyKey, deadlineAtMs, traceparent } = raw;
  need('task (an object)', isRecord(task));
  const t = task as Record<string, unknown>;
  for (const field of ['runId', 'taskId', 'description', 'agent'] as const) need(`task.${field} (a string)`, typeof t[field] === 'string');
  for (const field of ['input', 'dependencyOutputs', 'metadata'] as const) need(`task.${field} (an object)`, isRecord(t[field]));
  need('attempt (an integer ≥ 1)', Number.isSafeInteger(attempt) && (attempt as number) >= 1);
  need('idempotencyKey (a non-empty string)', typeof idempotencyKey === 'string' && idempotencyKey !== '');
  need('deadlineAtMs (a number)', deadlineAtMs === undefined || (typeof deadlineAtMs === 'number' && Number.isFinite(deadlineAtMs)));
  need('traceparent (a string)', traceparent === undefined || typeof traceparent === 'string');
  const request: AttemptRequest = { task: t as unknown as TaskRequest, attempt: attempt as number, idempotencyKey: idempotencyKey as string };
  if (deadlineAtMs !== undefined) request.deadlineAtMs = deadlineAtMs as number;
  if (traceparent !== undefined) request.traceparent = traceparent as string;
  return request;
}
