import type { AgentCard } from '@a2a-mcp/agents';
import type { Plan } from './plan';
import type { PlanIssue } from './plan-issue';

/**
 * The original framework's `CUSTOM_DEPENDENCIES`, configurable per deployment: each key's tasks also depend on
 * the tasks of the keys it lists. A key is an agent name, a skill id or a task id, e.g.
 * `{reporting_agent: ['analytics_specialist', 'data_processor'], archival_agent: ['reporting_agent']}`.
 */
export type CustomDependencyRules = Readonly<Record<string, readonly string[]>>;

export interface PlanningContext {
  /** The cards of the agents a plan may use. */
  agents: readonly AgentCard[];
  customDependencies?: CustomDependencyRules;
  /** Aborts planning (an LLM call in flight is cancelled). */
  signal?: AbortSignal;
}

/** Turns a request into an enriched plan that passes `validatePlan` with the context's agent names. */
export interface Planner {
  readonly name: string;
  plan(request: string, context: PlanningContext): Promise<Plan>;
}

/** Stable codes: callers (CLI exit codes, HTTP statuses) branch on these, so never rename one. */
export const PLANNING_ERROR_CODES = [
  'EMPTY_REQUEST',
  'NO_AGENTS',
  'NO_MATCHING_AGENT',
  'ABORTED',
  'INVALID_PLAN',
  'LLM_NOT_CONFIGURED',
  'LLM_HTTP_ERROR',
  'LLM_TIMEOUT',
  'LLM_BAD_RESPONSE',
  'LLM_INVALID_PLAN',
] as const;
export type PlanningErrorCode = (typeof PLANNING_ERROR_CODES)[number];

export interface PlanningErrorDetails {
  /** The plan's issues (INVALID_PLAN, LLM_INVALID_PLAN). */
  issues?: PlanIssue[];
  /** The HTTP status of the failed call (LLM_HTTP_ERROR). */
  status?: number;
}

/** Why a request could not become a plan. */
export class PlanningError extends Error {
  readonly issues?: PlanIssue[];
  readonly status?: number;

  constructor(
    readonly code: PlanningErrorCode,
    message: string,
    details: PlanningErrorDetails = {},
  ) {
    super(message);
    this.name = 'PlanningError';
    if (details.issues !== undefined) this.issues = details.issues;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** Throws ABORTED when the caller gave up; planners call it between stages. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PlanningError('ABORTED', 'planning was aborted');
}

/** Error messages quote the request; a long one is cut so the message stays readable. */
export function quoteRequest(request: string, max = 80): string {
  const flat = request.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
