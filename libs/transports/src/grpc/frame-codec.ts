import type { TaskRequest } from '@a2a-mcp/core-graph';
import { BadAgentReplyError, type AttemptFrame } from '../wire/attempt-frame';
import type { AttemptRequest } from '../wire/attempt-request';
import type { AttemptFrameMessage, ExecuteRequestMessage } from './agent-proto';

/** JSON text for a value that may be undefined ('' stands for undefined, which JSON cannot spell). */
export function toJsonText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

export function fromJsonText(text: string): unknown {
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Agent side: one frame as the proto message of proto/agent.proto. */
export function frameToMessage(frame: AttemptFrame): AttemptFrameMessage {
  const { key } = frame;
  switch (frame.kind) {
    case 'progress':
      return { key, progress: frame.message === undefined ? { pct: frame.pct } : { pct: frame.pct, message: frame.message } };
    case 'artifact':
      return { key, artifact: { partJson: toJsonText(frame.part) } };
    case 'input-required':
      return { key, inputRequired: { inputId: frame.inputId, question: frame.question } };
    case 'heartbeat':
      return { key, heartbeat: { replicaId: frame.replicaId } };
    case 'result':
      return { key, result: { replicaId: frame.replicaId, outputJson: toJsonText(frame.output) } };
    case 'error':
      return { key, error: { replicaId: frame.replicaId, code: frame.code, message: frame.message, retryable: frame.retryable } };
  }
}

/**
 * Host side: a decoded message back into the frame shape parseAttemptFrame checks. JSON that does not
 * parse, or a message with no frame set, is a BAD_AGENT_REPLY naming the field.
 */
export function messageToFrame(message: AttemptFrameMessage, agent: string): unknown {
  const json = (field: string, text: string): unknown => {
    try {
      return fromJsonText(text);
    } catch (error) {
      throw new BadAgentReplyError(agent, `${field} is not valid JSON (${(error as Error).message})`);
    }
  };
  const { key } = message;
  switch (message.frame) {
    case 'progress':
      return { kind: 'progress', key, pct: message.progress?.pct, message: message.progress?.message };
    case 'artifact':
      return { kind: 'artifact', key, part: json('artifact.part_json', message.artifact?.partJson ?? '') };
    case 'inputRequired':
      return { kind: 'input-required', key, inputId: message.inputRequired?.inputId, question: message.inputRequired?.question };
    case 'heartbeat':
      return { kind: 'heartbeat', key, replicaId: message.heartbeat?.replicaId };
    case 'result':
      return { kind: 'result', key, replicaId: message.result?.replicaId, output: json('result.output_json', message.result?.outputJson ?? '') };
    case 'error':
      return { kind: 'error', key, ...message.error };
    default:
      throw new BadAgentReplyError(agent, `an AttemptFrameMessage for attempt "${String(key).slice(0, 200)}" has no frame set`);
  }
}

/** Host side: the attempt as an ExecuteRequest (deadline 0 = none, traceparent '' = none). */
export function attemptToMessage(request: AttemptRequest): ExecuteRequestMessage {
  return {
    taskJson: JSON.stringify(request.task),
    attempt: request.attempt,
    idempotencyKey: request.idempotencyKey,
    deadlineAtMs: request.deadlineAtMs ?? 0,
    traceparent: request.traceparent ?? '',
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Agent side: checks an ExecuteRequest from the wire. Throws an Error naming the bad field — the
 * server turns it into an error frame, so the caller learns why instead of seeing a dropped call.
 */
export function messageToAttempt(message: ExecuteRequestMessage): AttemptRequest {
  if (typeof message.idempotencyKey !== 'string' || message.idempotencyKey === '') throw new Error('idempotency_key is missing');
  let task: unknown;
  try {
    task = JSON.parse(message.taskJson);
  } catch (error) {
    throw new Error(`task_json is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(task)) throw new Error('task_json must hold a JSON object (the TaskRequest)');
  for (const field of ['runId', 'taskId', 'agent'] as const) {
    if (typeof task[field] !== 'string') throw new Error(`task_json.${field} must be a string`);
  }
  if (!isRecord(task.input)) task.input = {};
  if (!isRecord(task.dependencyOutputs)) task.dependencyOutputs = {};
  if (!isRecord(task.metadata)) task.metadata = {};
  if (typeof task.description !== 'string') task.description = '';
  return {
    task: task as unknown as TaskRequest,
    attempt: message.attempt > 0 ? message.attempt : 1,
    idempotencyKey: message.idempotencyKey,
    deadlineAtMs: message.deadlineAtMs > 0 ? message.deadlineAtMs : undefined,
    traceparent: message.traceparent === '' ? undefined : message.traceparent,
  };
}
