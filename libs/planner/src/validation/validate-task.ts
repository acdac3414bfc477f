import type { PriorityName } from '@a2a-mcp/core-graph';
import { PRIORITY_NAMES, QUALITY_DOMAINS, QUALITY_POLICIES, type PlanTask, type QualityDomainName } from '../plan';
import type { PlanIssue } from '../plan-issue';
import { quote } from './echo-value';
import { describeValue, isRecord, ownField } from './raw-values';
import {
  RETRY_COUNT,
  TIMER_DURATION,
  TIMER_TIMEOUT,
  UNIT_INTERVAL,
  checkTextLength,
  isChoice,
  readBoolean,
  readChoice,
  readDuration,
  readNumber,
  readPlainObject,
  readRequiredString,
} from './field-readers';
import { checkIdentifier } from './identifiers';
import { IssueScope } from './issue-scope';
import { MAX_INPUT_DEPTH, measureJson } from './json-size';
import type { AgentCatalog } from './known-agents';
import { TASK_FIELDS, type FieldSpelling } from './object-fields';
import type { PlanLimits } from './plan-limits';

/** What every task check shares: the issue list, where each id first appears, the known agents, the limits. */
export interface TaskCheckContext {
  readonly issues: PlanIssue[];
  readonly firstIndexOfId: ReadonlyMap<string, number>;
  readonly agents?: AgentCatalog;
  readonly limits: PlanLimits;
}

type TaskSpelling = FieldSpelling<keyof PlanTask>;

export interface TaskCheckResult {
  /** The normalised task, present only when this task has no issue. */
  readonly task?: PlanTask;
  /** The id, when it is a usable, unique one (the task is a node of the graph). */
  readonly nodeId?: string;
  /** Dependencies that name other known tasks, deduplicated: the edges for the cycle search. */
  readonly edges: string[];
  /** A reference to a missing task or a duplicate id: the graph is not complete enough to search for cycles. */
  readonly breaksGraph: boolean;
}

/** Checks `tasks[index]` field by field, reporting issues in field order. Never throws. */
export function checkTask(raw: unknown, index: number, ctx: TaskCheckContext): TaskCheckResult {
  const position = `tasks[${index}]`;
  const issuesBefore = ctx.issues.length;
  const anonymous = new IssueScope(ctx.issues, position, position);
  if (!isRecord(raw)) {
    anonymous.report('INVALID_TYPE', '', `a task must be an object, got ${describeValue(raw)}`);
    return { edges: [], breaksGraph: false };
  }

  const id = readTaskId(anonymous, raw, ctx.limits);
  const scope = id === undefined ? anonymous : new IssueScope(ctx.issues, `task ${quote(id)} (${position})`, position, id);
  let breaksGraph = false;
  let nodeId: string | undefined;
  if (id !== undefined) {
    const first = ctx.firstIndexOfId.get(id);
    if (first !== undefined && first !== index) {
      scope.report('DUPLICATE_ID', 'id', `duplicate id ${quote(id)}, already used by tasks[${first}]`);
      breaksGraph = true;
    } else {
      nodeId = id;
    }
  }

  const spelling: TaskSpelling = TASK_FIELDS.spellingOf(scope, raw);
  const descriptionKey = spelling.keyOf('description');
  const description = checkTextLength(scope, descriptionKey, readRequiredString(scope, raw, descriptionKey), ctx.limits);
  const agent = readAgent(scope, raw, spelling.keyOf('agent'), ctx);
  const dependencies = checkDependencies(scope, raw, id, ctx);
  breaksGraph ||= dependencies.breaksGraph;

  const input = readInput(scope, raw, ctx.limits);
  const qualityDomain = readQualityDomain(scope, raw, spelling);
  const qualityThreshold = readNumber(scope, raw, spelling.keyOf('qualityThreshold'), UNIT_INTERVAL);
  const qualityPolicy = readChoice(scope, raw, 'qualityPolicy', QUALITY_POLICIES);
  const estimatedDuration = readDuration(scope, raw, spelling, 'estimatedDuration', TIMER_DURATION);
  const parallelSafe = readBoolean(scope, raw, spelling.keyOf('parallelSafe'));
  const priority = readPriority(scope, raw);
  const timeoutMs = readDuration(scope, raw, spelling, 'timeoutMs', TIMER_TIMEOUT);
  const maxRetries = readNumber(scope, raw, spelling.keyOf('maxRetries'), RETRY_COUNT);

  const edges = dependencies.edges;
  if (ctx.issues.length > issuesBefore || id === undefined || description === undefined || agent === undefined) {
    return { nodeId, edges, breaksGraph };
  }
  // Built field by field (never spread from the input), so every key is one the plan format defines.
  const task: PlanTask = { id, description, agent, dependencies: dependencies.all };
  if (input !== undefined) task.input = input;
  if (qualityDomain !== undefined) task.qualityDomain = qualityDomain;
  if (qualityThreshold !== undefined) task.qualityThreshold = qualityThreshold;
  if (qualityPolicy !== undefined) task.qualityPolicy = qualityPolicy;
  if (estimatedDuration !== undefined) task.estimatedDuration = estimatedDuration;
  if (parallelSafe !== undefined) task.parallelSafe = parallelSafe;
  if (priority !== undefined) task.priority = priority;
  if (timeoutMs !== undefined) task.timeoutMs = timeoutMs;
  if (maxRetries !== undefined) task.maxRetries = maxRetries;
  return { task, nodeId, edges, breaksGraph };
}

interface DependencyCheck {
  /** Every string entry, in order (the normalised `dependencies`). */
  readonly all: string[];
  readonly edges: string[];
  readonly breaksGraph: boolean;
}

/** The id, when it is a non-blank, short, printable string. */
function readTaskId(scope: IssueScope, raw: Record<string, unknown>, limits: PlanLimits): string | undefined {
  const id = readRequiredString(scope, raw, 'id');
  return id !== undefined && checkIdentifier(scope, 'id', id, 'task id', limits) ? id : undefined;
}

function readAgent(scope: IssueScope, raw: Record<string, unknown>, key: string, ctx: TaskCheckContext): string | undefined {
  const agent = readRequiredString(scope, raw, key);
  if (agent === undefined || !checkIdentifier(scope, key, agent, 'agent name', ctx.limits)) return undefined;
  if (ctx.agents && !ctx.agents.has(agent)) {
    scope.report('UNKNOWN_AGENT', key, `unknown agent ${quote(agent)} (${ctx.agents.hint()})`);
  }
  return agent;
}

/** A JSON object no larger than `maxInputBytes` as JSON text, nested at most MAX_INPUT_DEPTH deep. */
function readInput(scope: IssueScope, raw: Record<string, unknown>, limits: PlanLimits): Record<string, unknown> | undefined {
  const input = readPlainObject(scope, raw, 'input');
  if (input === undefined) return undefined;
  const measure = measureJson(input, limits.maxInputBytes);
  if (measure.kind === 'too-large') {
    scope.report('INPUT_TOO_LARGE', 'input', `input is too large: more than the ${limits.maxInputBytes} bytes of JSON allowed`);
    return undefined;
  }
  if (measure.kind === 'too-deep') {
    scope.report('INPUT_TOO_DEEP', 'input', `input is nested too deep: more than the ${MAX_INPUT_DEPTH} levels allowed`);
    return undefined;
  }
  return input;
}

/** Longest quality domain name, so a huge string is never upper-cased. */
const LONGEST_DOMAIN = Math.max(...QUALITY_DOMAINS.map((name) => name.length));

/** The original framework's `quality_domain` may be written in any case ("analytical"); this format's may not. */
function readQualityDomain(scope: IssueScope, raw: Record<string, unknown>, spelling: TaskSpelling): QualityDomainName | undefined {
  const key = spelling.keyOf('qualityDomain');
  const value = ownField(raw, key);
  if (key !== 'qualityDomain' && typeof value === 'string' && value.length <= LONGEST_DOMAIN) {
    const upper = value.toUpperCase();
    if (isChoice(upper, QUALITY_DOMAINS)) return upper;
  }
  return readChoice(scope, raw, key, QUALITY_DOMAINS);
}

function checkDependencies(
  scope: IssueScope,
  raw: Record<string, unknown>,
  ownId: string | undefined,
  ctx: TaskCheckContext,
): DependencyCheck {
  const value = ownField(raw, 'dependencies');
  if (value === undefined) return { all: [], edges: [], breaksGraph: false };
  if (!Array.isArray(value)) {
    scope.report('INVALID_TYPE', 'dependencies', `dependencies must be an array of task ids, got ${describeValue(value)}`);
    return { all: [], edges: [], breaksGraph: false };
  }
  if (value.length > ctx.limits.maxTasks) {
    // More entries than a plan may have tasks: some repeat or are unknown; one issue, not one per entry.
    scope.report('TOO_MANY_TASKS', 'dependencies', `dependencies has ${value.length} entries, more than the ${ctx.limits.maxTasks} tasks a plan may have`);
    return { all: [], edges: [], breaksGraph: true };
  }
  const all: string[] = [];
  const edges: string[] = [];
  const seen = new Set<string>();
  let breaksGraph = false;
  value.forEach((dep: unknown, j) => {
    const field = `dependencies[${j}]`;
    if (typeof dep !== 'string') {
      scope.report('INVALID_TYPE', field, `${field} must be a task id (a string), got ${describeValue(dep)}`);
      return;
    }
    all.push(dep);
    if (!checkIdentifier(scope, field, dep, 'task reference', ctx.limits)) {
      breaksGraph = true;
    } else if (dep === ownId) {
      scope.report('SELF_DEPENDENCY', field, `depends on itself (${field})`);
    } else if (seen.has(dep)) {
      scope.report('DUPLICATE_DEPENDENCY', field, `lists dependency ${quote(dep)} more than once (${field})`);
    } else if (!ctx.firstIndexOfId.has(dep)) {
      scope.report('UNKNOWN_DEPENDENCY', field, `depends on unknown task ${quote(dep)} (${field})`);
      breaksGraph = true;
    } else {
      edges.push(dep);
    }
    seen.add(dep);
  });
  return { all, edges, breaksGraph };
}

function readPriority(scope: IssueScope, raw: Record<string, unknown>): number | PriorityName | undefined {
  const value = ownField(raw, 'priority');
  if (value === undefined || isChoice(value, PRIORITY_NAMES)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const code = typeof value === 'number' ? 'INVALID_NUMBER' : typeof value === 'string' ? 'INVALID_VALUE' : 'INVALID_TYPE';
  const expected = `a finite number or one of ${PRIORITY_NAMES.join(', ')}`;
  scope.report(code, 'priority', `priority must be ${expected}, got ${describeValue(value)}`);
  return undefined;
}
