import { Logger } from '@nestjs/common';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PlanValidationError } from '@a2a-mcp/planner';
import { toApiError } from '../../http/errors/error-mapping';
import { invalidPlanBody, type PlanIssueDetail } from '../../http/errors/plan-issues';
import { RunIdError } from '../runs/resolve-run-id';

const logger = new Logger('McpTools');

/**
 * A tool's answer: a summary for the model to read, the same data as JSON text (for clients that only
 * show `content`), and the data as `structuredContent`, checked against the tool's output schema.
 */
export function structuredResult(summary: string, data: object): CallToolResult {
  return {
    content: [
      { type: 'text', text: summary },
      { type: 'text', text: JSON.stringify(data) },
    ],
    structuredContent: data as Record<string, unknown>,
  };
}

/** A text-only answer that is no error (find_agent without a match). */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/**
 * A tool error (isError: true) in the REST API's terms: `CODE: message`, then for an invalid plan one
 * line per issue with its path (`plan.tasks[2].estimatedDuration`) and message naming the task and field.
 * `planField` is the tool argument that held the plan. Unexpected errors are logged, not shown.
 */
export function toolError(error: unknown, planField = 'plan'): CallToolResult {
  if (error instanceof RunIdError) return errorText(`${error.code}: ${error.message}`);
  if (error instanceof PlanValidationError) {
    const body = invalidPlanBody(error, planField);
    const issues = (body.details as PlanIssueDetail[]).map((issue) => `- ${issue.path || planField}: ${issue.message}`);
    const more = error.issues.length - issues.length;
    return errorText([`${body.code}: the plan has ${error.issues.length} issue(s)`, ...issues, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n'));
  }
  const body = toApiError(error);
  if (body.statusCode >= 500 && body.code === 'INTERNAL_ERROR') {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return errorText('INTERNAL_ERROR: the tool failed on the host (see its log)');
  }
  const lines = [`${body.code}: ${body.message}`];
  if (Array.isArray(body.details)) {
    for (const detail of body.details as { path?: string; message?: string }[]) lines.push(`- ${detail.path ?? ''}: ${detail.message ?? ''}`);
  }
  return errorText(lines.join('\n'));
}

/** Arguments that pass the input schema but not together: the REST API's VALIDATION_FAILED. */
export function invalidArguments(message: string): CallToolResult {
  return errorText(`VALIDATION_FAILED: ${message}`);
}

function errorText(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
