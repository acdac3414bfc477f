import { readFileSync } from 'node:fs';
import {
  closestName,
  PlanConfigError,
  PlanValidationError,
  parsePlanText,
  planLimitsFromEnv,
  validatePlan,
  type KnownAgents,
  type Plan,
  type PlanIssue,
  type PlanLimits,
} from '@a2a-mcp/planner';
import { CliInputError, messageOf } from './cli-error';

export type PlanCheck = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Reads and validates a plan file; throws CliInputError with one line naming the first problem. */
export function loadPlan(planPath: string, knownAgents: KnownAgents, env: Readonly<Record<string, string | undefined>>): Plan {
  const check = checkPlanFile(planPath, knownAgents, env);
  if (!check.ok) throw new CliInputError(describeIssues(planPath, check.issues));
  return check.plan;
}

/**
 * Every issue of a readable plan file (JSON syntax or content), under the PLAN_MAX_* limits of `env`.
 * An unreadable file or a bad limit throws CliInputError.
 */
export function checkPlanFile(planPath: string, knownAgents: KnownAgents, env: Readonly<Record<string, string | undefined>>): PlanCheck {
  const limits = planLimitsOf(env);
  const text = readPlanText(planPath);
  let parsed: unknown;
  try {
    parsed = parsePlanText(text, planLabel(planPath));
  } catch (error) {
    if (error instanceof PlanValidationError) return { ok: false, issues: error.issues };
    throw error;
  }
  const result = validatePlan(parsed, { knownAgents, limits });
  return result.ok ? { ok: true, plan: result.plan } : { ok: false, issues: result.issues.map((issue) => withAgentSuggestion(issue, parsed, knownAgents)) };
}

/**
 * An unknown agent's issue with the closest known name, when one is close: `unknown agent "shiping_agent"
 * (did you mean "shipping_agent"? known agents: …)`. The issue keeps its task id and path.
 */
function withAgentSuggestion(issue: PlanIssue, parsed: unknown, knownAgents: KnownAgents): PlanIssue {
  if (issue.code !== 'UNKNOWN_AGENT' || typeof knownAgents === 'function') return issue;
  const index = /^tasks\[(\d+)\]\.agent$/.exec(issue.path)?.[1];
  const tasks = (parsed as { tasks?: unknown } | null)?.tasks;
  const agent = index !== undefined && Array.isArray(tasks) ? (tasks[Number(index)] as { agent?: unknown } | null)?.agent : undefined;
  const names = typeof knownAgents === 'string' ? [knownAgents] : knownAgents;
  const suggestion = typeof agent === 'string' ? closestName(agent, names) : undefined;
  if (suggestion === undefined) return issue;
  const hint = `did you mean ${JSON.stringify(suggestion)}?`;
  const message = issue.message.includes('(known agents:') ? issue.message.replace('(known agents:', `(${hint} known agents:`) : `${issue.message}; ${hint}`;
  return { ...issue, message };
}

/** PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES, PLAN_MAX_DESCRIPTION_LENGTH: a bad one is bad input. */
function planLimitsOf(env: Readonly<Record<string, string | undefined>>): PlanLimits {
  try {
    return planLimitsFromEnv(env);
  } catch (error) {
    if (error instanceof PlanConfigError) throw new CliInputError(error.message);
    throw error;
  }
}

export function readPlanText(planPath: string): string {
  try {
    return readFileSync(planPath, 'utf8');
  } catch (error) {
    throw new CliInputError(`cannot read ${planLabel(planPath)}: ${readFailure(error)}`);
  }
}

/**
 * One line for the whole list: the first issue (which names the task and field) and how many follow.
 * JSON syntax issues already start with the plan's label (it is their `source`).
 */
export function describeIssues(planPath: string, issues: readonly PlanIssue[]): string {
  const label = planLabel(planPath);
  if (issues.length === 0) return `${label}: invalid plan`;
  const [first] = issues;
  const text = first.code === 'INVALID_JSON' ? first.message : `${label}: ${withLocation(first)}`;
  const more = issues.length - 1;
  return more === 0 ? text : `${text} (${more} more ${more === 1 ? 'issue' : 'issues'})`;
}

function planLabel(planPath: string): string {
  return `plan "${planPath}"`;
}

/** Adds the task and field when the message does not say them (e.g. a cycle's "a -> b -> a"). */
function withLocation(issue: PlanIssue): string {
  // Plan-level messages start with the scope label "plan: ", which our own label replaces.
  const message = issue.message.replace(/^plan: /, '');
  const where: string[] = [];
  if (issue.taskId !== undefined && !message.includes(`"${issue.taskId}"`)) where.push(`task "${issue.taskId}"`);
  if (issue.path !== '' && !message.includes(fieldOf(issue.path))) where.push(issue.path);
  return where.length === 0 ? message : `${message} (${where.join(', ')})`;
}

/** `tasks[0].dependencies` → `dependencies`; `parallelGroups[1].tasks[2]` → `tasks`. */
function fieldOf(path: string): string {
  return (path.split('.').pop() ?? path).replace(/\[\d+\]$/, '');
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return messageOf(error);
}
