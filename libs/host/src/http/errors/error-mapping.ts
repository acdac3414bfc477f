import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphError, RunError } from '@a2a-mcp/core-graph';
import { AgentCatalogError, ExternalAgentError, OrchestrationError, OrchestratorConfigError, type ExternalAgentErrorCode } from '@a2a-mcp/orchestration';
import { PlanValidationError, PlanningError, type PlanningErrorCode } from '@a2a-mcp/planner';
import type { ApiErrorBody } from './api-error';
import { MAX_ERROR_DETAILS, clip } from './echo';
import { invalidPlanBody } from './plan-issues';

/** Planning failures caused by the LLM upstream (not by the request): 502 Bad Gateway. */
const UPSTREAM_PLANNING_CODES: ReadonlySet<PlanningErrorCode> = new Set(['LLM_HTTP_ERROR', 'LLM_TIMEOUT', 'LLM_BAD_RESPONSE', 'LLM_INVALID_PLAN']);

const ORCHESTRATION_STATUS: Record<OrchestrationError['code'], number> = {
  RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  SHUTTING_DOWN: HttpStatus.SERVICE_UNAVAILABLE,
  HOST_BUSY: HttpStatus.SERVICE_UNAVAILABLE,
  RUN_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  RUN_ELSEWHERE: HttpStatus.CONFLICT,
};

const EXTERNAL_AGENT_STATUS: Record<ExternalAgentErrorCode, number> = {
  UNTRUSTED_URL: HttpStatus.BAD_REQUEST,
  INVALID_AGENT_NAME: HttpStatus.BAD_REQUEST,
  DUPLICATE_AGENT: HttpStatus.CONFLICT,
  BAD_AGENT_CARD: HttpStatus.BAD_GATEWAY,
  AGENT_UNREACHABLE: HttpStatus.BAD_GATEWAY,
};

/** Longest message of an engine error: they quote node and task ids that came with the request. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * Maps anything thrown while serving a request to the API's error body. Unknown errors are 500
 * INTERNAL_ERROR. A plan's issues are paths under the body's `plan` field (see invalidPlanBody).
 */
export function toApiError(error: unknown): ApiErrorBody {
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof PlanValidationError) return invalidPlanBody(error, 'plan');
  if (error instanceof PlanningError) {
    const status = UPSTREAM_PLANNING_CODES.has(error.code) ? HttpStatus.BAD_GATEWAY : HttpStatus.UNPROCESSABLE_ENTITY;
    return body(status, error.code, error.message, error.issues);
  }
  if (error instanceof GraphError) {
    const details = {
      ...(error.nodeId === undefined ? {} : { nodeId: clip(error.nodeId) }),
      ...(error.cycle ? { cycle: error.cycle.slice(0, MAX_ERROR_DETAILS).map((id) => clip(id)) } : {}),
    };
    return body(HttpStatus.CONFLICT, error.code, clip(error.message, MAX_MESSAGE_LENGTH), Object.keys(details).length > 0 ? details : undefined);
  }
  if (error instanceof RunError) {
    const details = error.taskId === undefined ? undefined : { taskId: clip(error.taskId) };
    return body(HttpStatus.CONFLICT, error.code, clip(error.message, MAX_MESSAGE_LENGTH), details);
  }
  if (error instanceof ExternalAgentError) {
    const field = { UNTRUSTED_URL: 'cardUrl', INVALID_AGENT_NAME: 'name' }[error.code as string];
    const details = field === undefined ? undefined : { field };
    return body(EXTERNAL_AGENT_STATUS[error.code], error.code, clip(error.message, MAX_MESSAGE_LENGTH), details);
  }
  if (error instanceof OrchestrationError) return body(ORCHESTRATION_STATUS[error.code], error.code, clip(error.message, MAX_MESSAGE_LENGTH));
  if (error instanceof OrchestratorConfigError || error instanceof AgentCatalogError) {
    return body(HttpStatus.INTERNAL_SERVER_ERROR, error.code, error.message);
  }
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'internal server error');
}

function fromHttpException(error: HttpException): ApiErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  if (isApiErrorBody(response)) return response;
  const message = typeof response === 'string' ? response : messageOf(response) ?? error.message;
  const details = typeof response === 'object' && response !== null && !('message' in response) ? response : undefined;
  return body(status, codeOfStatus(status), message, details);
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorBody).code === 'string' && typeof (value as ApiErrorBody).statusCode === 'number';
}

function messageOf(response: object): string | undefined {
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return undefined;
}

/** 404 → NOT_FOUND, 405 → METHOD_NOT_ALLOWED, ... (Nest's own exceptions: unknown route, health down). */
export function codeOfStatus(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

function body(statusCode: number, code: string, message: string, details?: unknown): ApiErrorBody {
  return details === undefined ? { statusCode, code, message } : { statusCode, code, message, details };
}
