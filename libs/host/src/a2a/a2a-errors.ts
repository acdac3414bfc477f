import { RequestMalformedError, TaskNotFoundError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import { RunError } from '@a2a-mcp/core-graph';
import { OrchestrationError } from '@a2a-mcp/orchestration';
import { PlanValidationError, PlanningError, type PlanningErrorCode } from '@a2a-mcp/planner';
import { invalidPlanBody } from '../http/errors/plan-issues';

/** Planning failures caused by the LLM upstream, not by the message: a server-side error. */
const UPSTREAM_PLANNING_CODES: ReadonlySet<PlanningErrorCode> = new Set(['LLM_HTTP_ERROR', 'LLM_TIMEOUT', 'LLM_BAD_RESPONSE', 'LLM_INVALID_PLAN']);

/**
 * An error of the orchestration layer as the A2A error a JSON-RPC client gets:
 * - a bad plan: RequestMalformedError (-32602 invalid params) whose message names the field, e.g.
 *   `invalid plan at message.parts[0].data.tasks[1].agent: task "ship" ...`; its error info carries
 *   `code` INVALID_PLAN, `field` and every `issues` entry (as JSON);
 * - a request the planner cannot plan: RequestMalformedError `[NO_MATCHING_AGENT] ...`;
 *   the LLM upstream failing: an internal error `[LLM_TIMEOUT] ...`;
 * - an unknown run: TaskNotFoundError (-32001); a run that cannot take the message: UnsupportedOperationError.
 * `planPath` is where the plan sat in the message. Anything else is returned as it is.
 */
export function toA2aError(error: unknown, planPath = 'message.parts[0].data'): unknown {
  if (error instanceof PlanValidationError) {
    const refusal = invalidPlanBody(error, planPath);
    const details = refusal.details as { path: string }[];
    const field = details[0]?.path ?? planPath;
    return new RequestMalformedError({
      message: `invalid plan at ${field}: ${refusal.message}`,
      metadata: { code: error.code, field, issues: JSON.stringify(details) },
    });
  }
  if (error instanceof PlanningError) {
    const message = `[${error.code}] ${error.message}`;
    if (UPSTREAM_PLANNING_CODES.has(error.code)) return new Error(message);
    return new RequestMalformedError({ message, metadata: { code: error.code } });
  }
  if (error instanceof OrchestrationError) {
    if (error.code === 'RUN_NOT_FOUND') return new TaskNotFoundError({ message: `Task not found: ${error.message}`, metadata: { code: error.code } });
    return new Error(`[${error.code}] ${error.message}`);
  }
  if (error instanceof RunError) return new UnsupportedOperationError({ message: `[${error.code}] ${error.message}`, metadata: { code: error.code } });
  return error;
}
