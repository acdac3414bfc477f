import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphError, RunError } from '@a2a-mcp/core-graph';
import { AgentCatalogError, OrchestrationError, OrchestratorConfigError } from '@a2a-mcp/orchestration';
import { PlanValidationError, PlanningError, type PlanningErrorCode } from '@a2a-mcp/planner';
import type { ApiErrorBody } from './api-error';

/** Planning failures caused by the LLM upstream (not by the request): 502 Bad Gateway. */
const UPSTREAM_PLANNING_CODES: ReadonlySet<PlanningErrorCode> = new Set(['LLM_HTTP_ERROR', 'LLM_TIMEOUT', 'LLM_BAD_RESPONSE', 'LLM_INVALID_PLAN']);

const ORCHESTRATION_STATUS: Record<OrchestrationError['code'], number> = {
  RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  SHUTTING_DOWN: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Maps anything thrown while serving a request to the API's error body. Unknown errors are 500 INTERNAL_ERROR. */
export function toApiError(error: unknown): ApiErrorBody {
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof PlanValidationError) return body(422, error.code, error.message, error.issues);
  if (error instanceof PlanningError) {
    const status = UPSTREAM_PLANNING_CODES.has(error.code) ? HttpStatus.BAD_GATEWAY : HttpStatus.UNPROCESSABLE_ENTITY;
    return body(status, error.code, error.message, error.issues);
  }
  if (error instanceof GraphError) {
    const details = { ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }), ...(error.cycle ? { cycle: error.cycle } : {}) };
    return body(HttpStatus.CONFLICT, error.code, error.message, Object.keys(details).length > 0 ? details : undefined);
  }
  if (error instanceof RunError) {
    return body(HttpStatus.CONFLICT, error.code, error.message, error.taskId === undefined ? undefined : { taskId: error.taskId });
  }
  if (error instanceof OrchestrationError) return body(ORCHESTRATION_STATUS[error.code], error.code, error.message);
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
