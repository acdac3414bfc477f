import type { PlanIssue, PlanValidationError } from '@a2a-mcp/planner';
import type { ApiErrorBody } from './api-error';
import { MAX_ERROR_DETAILS, clip } from './echo';

/** Longest message of an issue: the planner already cuts the values it quotes; this bounds the rest. */
const MAX_MESSAGE_LENGTH = 500;

/** One entry of INVALID_PLAN's `details`. */
export interface PlanIssueDetail {
  code: PlanIssue['code'];
  /** Where in the request body: `plan.tasks[3].agent`, `nodes[0].dependencies[1]`. */
  path: string;
  taskId?: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * 422 INVALID_PLAN: the planner's issues with their paths made relative to the request body (`under`
 * is the body field that held the plan, e.g. `plan`; '' when the paths already start at the body).
 * At most MAX_ERROR_DETAILS are listed; the message counts them all.
 */
export function invalidPlanBody(error: PlanValidationError, under: string): ApiErrorBody {
  const details = error.issues.slice(0, MAX_ERROR_DETAILS).map((issue) => detailOf(issue, under));
  return { statusCode: 422, code: error.code, message: clip(error.message, MAX_MESSAGE_LENGTH), details };
}

function detailOf(issue: PlanIssue, under: string): PlanIssueDetail {
  const detail: PlanIssueDetail = { code: issue.code, path: joinPath(under, issue.path), message: clip(issue.message, MAX_MESSAGE_LENGTH) };
  if (issue.taskId !== undefined) detail.taskId = clip(issue.taskId);
  if (issue.line !== undefined) detail.line = issue.line;
  if (issue.column !== undefined) detail.column = issue.column;
  return detail;
}

function joinPath(under: string, path: string): string {
  if (under === '') return path;
  if (path === '') return under;
  return path.startsWith('[') ? `${under}${path}` : `${under}.${path}`;
}
