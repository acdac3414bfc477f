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
import { checkIdentifier, isUsableIdentifier } from './identifiers';
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
  /** The same edges as positions (each dependency's index in the task list), for the cycle check. */
  readonly edgePositions?: number[];
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

  const { edges, edgePositions } = dependencies;
  if (ctx.issues.length > issuesBefore || id === undefined || description === undefined || agent === undefined) {
    return { nodeId, edges, edgePositions, breaksGraph };
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
  return { task, nodeId, edges, edgePositions, breaksGraph };
}

interface DependencyCheck {
  /** Every string entry, in order (the normalised `dependencies`). */
  readonly all: string[];
  readonly edges: string[];
  readonly edgePositions?: number[];
  readonly breaksGraph: boolean;
}

/** Up to this many dependencies, a repeat is found by scanning the list: no Set per task. */
const SCAN_FOR_REPEATS_UP_TO = 16;

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
  const edgePositions: number[] = [];
  // Large lists only: a Set per task would be most of the cost of a 100 000-task plan.
  const seen = value.length > SCAN_FOR_REPEATS_UP_TO ? new Set<string>() : undefined;
  let breaksGraph = false;
  for (let j = 0; j < value.length; j++) {
    const dep: unknown = value[j];
    if (typeof dep !== 'string') {
      scope.report('INVALID_TYPE', `dependencies[${j}]`, `dependencies[${j}] must be a task id (a string), got ${describeValue(dep)}`);
      continue;
    }
    const repeated = seen ? seen.has(dep) : all.includes(dep);
    all.push(dep);
    seen?.add(dep);
    const position = ctx.firstIndexOfId.get(dep);
    // The field name is built only for a report: most references are fine.
    if (!isUsableIdentifier(dep, ctx.limits)) {
      checkIdentifier(scope, `dependencies[${j}]`, dep, 'task reference', ctx.limits);
      breaksGraph = true;
    } else if (dep === ownId) {
      scope.report('SELF_DEPENDENCY', `dependencies[${j}]`, `depends on itself (dependencies[${j}])`);
    } else if (repeated) {
      scope.report('DUPLICATE_DEPENDENCY', `dependencies[${j}]`, `lists dependency ${quote(dep)} more than once (dependencies[${j}])`);
    } else if (position === undefined) {
      scope.report('UNKNOWN_DEPENDENCY', `dependencies[${j}]`, `depends on unknown task ${quote(dep)} (dependencies[${j}])`);
      breaksGraph = true;
    } else {
      edges.push(dep);
      edgePositions.push(position);
    }
  }
  return { all, edges, edgePositions, breaksGraph };
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
