import { TaskError } from '@a2a-mcp/core-graph';

/**
 * Whether a failed call counts against the agent's circuit. The agent or its transport failed
 * (AGENT_ERROR, AGENT_LOST, AGENT_UNAVAILABLE, a thrown bug, a timeout): yes. The run took the attempt
 * back (cancelled, run time limit: the signal aborted for another reason than TASK_TIMEOUT), or the
 * agent refused the task on purpose (a TaskError that is not retryable: bad input, declined): no.
 * Quality verdicts never get here: the engine scores an output after the call returned.
 */
export function isAgentFault(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return codeOf(signal.reason) === 'TASK_TIMEOUT';
  return !(error instanceof TaskError && !error.retryable);
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
