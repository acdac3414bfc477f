import type { ErrorCodes } from './error-response';

/** What planning a request can refuse with (422), by the planner's stable codes. */
export const PLANNING_REFUSALS: ErrorCodes = {
  EMPTY_REQUEST: 'the request is blank',
  NO_AGENTS: 'no agent is registered to plan over',
  NO_MATCHING_AGENT: 'no registered agent has a skill for a step of the request',
  INVALID_PLAN: 'the plan (given, or planned) breaks a plan rule or limit; `details` lists each issue with its code, path (such as plan.tasks[2].agent), taskId and message',
  LLM_NOT_CONFIGURED: 'the LLM planner was asked for, but PLANNER_LLM_URL is not set',
  ABORTED: 'planning was stopped before it ended',
};

/** The LLM planner upstream failed (502). */
export const PLANNING_UPSTREAM_FAILURES: ErrorCodes = {
  LLM_HTTP_ERROR: 'the LLM endpoint answered an HTTP error (`details.status`)',
  LLM_TIMEOUT: 'the LLM endpoint did not answer in time',
  LLM_BAD_RESPONSE: 'the LLM endpoint answered something that is not a completion',
  LLM_INVALID_PLAN: 'the LLM planned a plan that breaks the plan rules, even after a repair round',
};

/** Starting a run: everything but the body and the plan. */
export const RUN_START_REFUSALS: Readonly<Record<number, ErrorCodes>> = {
  413: { RUN_TOO_LARGE: 'the run would need more memory than the whole RUN_MEMORY_BUDGET_BYTES: split the plan or raise the budget' },
  429: { RATE_LIMITED: 'more runs this minute than RATE_LIMIT_RUNS_PER_MINUTE for this caller (Retry-After)' },
  503: { SHUTTING_DOWN: 'the host is stopping and takes no new run', HOST_BUSY: 'running runs hold the RUN_MEMORY_BUDGET_BYTES this run needs (Retry-After)' },
};

export const RUN_NOT_FOUND: ErrorCodes = { RUN_NOT_FOUND: "no run with this id (another tenant's run is not found either)" };

/** A command sent to a run that runs on another replica (several hosts on one PostgreSQL). */
export const RUN_ELSEWHERE: ErrorCodes = { RUN_ELSEWHERE: 'the run is running on another replica: send the command there, or retry once its lease (LEASE_TTL_MS) moves' };
