import { TaskError } from '@a2a-mcp/core-graph';

/** The codes of the attempt failures the agent boundary raises (the engine records them like any agent error). */
export const RESILIENCE_ERROR_CODES = ['AGENT_CIRCUIT_OPEN', 'AGENT_BULKHEAD_FULL', 'OUTPUT_NOT_SERIALIZABLE', 'OUTPUT_TOO_LARGE', 'OUTPUT_SCHEMA_INVALID'] as const;
export type ResilienceErrorCode = (typeof RESILIENCE_ERROR_CODES)[number];

/** Not retryable: a retry would meet the open circuit again, so it must not eat the task's retry budget. */
export function circuitOpenError(agent: string, failures: number, probeInMs: number, lastErrorCode: string | undefined): TaskError {
  const last = lastErrorCode === undefined ? '' : ` (last error: ${lastErrorCode})`;
  return new TaskError('AGENT_CIRCUIT_OPEN', `agent "${agent}" failed ${failures} times in a row${last}; calls resume after a probe in ${probeInMs} ms`, false);
}

/** Retryable: the agent's calls were only all busy, a later attempt may find room. */
export function bulkheadFullError(agent: string, taskId: string, maxConcurrent: number, queueLimit: number): TaskError {
  return new TaskError(
    'AGENT_BULKHEAD_FULL',
    `task "${taskId}": agent "${agent}" already runs ${maxConcurrent} calls (AGENT_MAX_CONCURRENT_CALLS) with ${queueLimit} waiting (AGENT_QUEUE_LIMIT)`,
    true,
  );
}

/** Not retryable: the same agent code would build the same value again. */
export function outputNotSerializableError(agent: string, taskId: string, why: string): TaskError {
  return new TaskError('OUTPUT_NOT_SERIALIZABLE', `task "${taskId}" (agent "${agent}"): the output cannot be written as JSON (${why})`, false);
}

export function outputTooLargeError(agent: string, taskId: string, bytes: number, limit: number): TaskError {
  return new TaskError('OUTPUT_TOO_LARGE', `task "${taskId}" (agent "${agent}"): the output is ${bytes} bytes as JSON, over the ${limit}-byte limit (MAX_OUTPUT_BYTES)`, false);
}

/** Retryable: a model-backed agent may well answer in shape the next time. */
export function outputSchemaInvalidError(agent: string, taskId: string, path: string, reason: string): TaskError {
  return new TaskError('OUTPUT_SCHEMA_INVALID', `task "${taskId}" (agent "${agent}"): the output does not match the agent's output schema at ${path}: ${reason}`, true);
}
