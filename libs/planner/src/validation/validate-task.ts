import type { PriorityName } from '@a2a-mcp/core-graph';
import { PRIORITY_NAMES, QUALITY_DOMAINS, QUALITY_POLICIES, type PlanTask } from '../plan';
import type { PlanIssue } from '../plan-issue';
import { describeValue, isRecord, ownField } from './raw-values';
import {
  NON_NEGATIVE,
  NON_NEGATIVE_INTEGER,
  POSITIVE,
  UNIT_INTERVAL,
  isChoice,
  readBoolean,
  readChoice,
  readNumber,
  readPlainObject,
  readRequiredString,
} from './field-readers';
import { IssueScope } from './issue-scope';
import type { AgentCatalog } from './known-agents';

/** What every task check shares: the issue list, where each id first appears, the known agents. */
export interface TaskCheckContext {
  readonly issues: PlanIssue[];
  readonly firstIndexOfId: ReadonlyMap<string, number>;
  readonly agents?: AgentCatalog;
}

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

  const id = readRequiredString(anonymous, raw, 'id');
  const scope = id === undefined ? anonymous : new IssueScope(ctx.issues, `task "${id}" (${position})`, position, id);
  let breaksGraph = false;
  let nodeId: string | undefined;
  if (id !== undefined) {
    const first = ctx.firstIndexOfId.get(id);
    if (first !== undefined && first !== index) {
      scope.report('DUPLICATE_ID', 'id', `duplicate id "${id}", already used by tasks[${first}]`);
      breaksGraph = true;
    } else {
      nodeId = id;
    }
  }

  const description = readRequiredString(scope, raw, 'description');
  const agent = readRequiredString(scope, raw, 'agent');
  if (agent !== undefined && ctx.agents && !ctx.agents.has(agent)) {
    scope.report('UNKNOWN_AGENT', 'agent', `unknown agent "${agent}" (${ctx.agents.hint()})`);
  }
  const dependencies = checkDependencies(scope, raw, id, ctx.firstIndexOfId);
  breaksGraph ||= dependencies.breaksGraph;

  const input = readPlainObject(scope, raw, 'input');
  const qualityDomain = readChoice(scope, raw, 'qualityDomain', QUALITY_DOMAINS);
  const qualityThreshold = readNumber(scope, raw, 'qualityThreshold', UNIT_INTERVAL);
  const qualityPolicy = readChoice(scope, raw, 'qualityPolicy', QUALITY_POLICIES);
  const estimatedDuration = readNumber(scope, raw, 'estimatedDuration', NON_NEGATIVE);
  const parallelSafe = readBoolean(scope, raw, 'parallelSafe');
  const priority = readPriority(scope, raw);
  const timeoutMs = readNumber(scope, raw, 'timeoutMs', POSITIVE);
  const maxRetries = readNumber(scope, raw, 'maxRetries', NON_NEGATIVE_INTEGER);

  const edges = dependencies.edges;
  if (ctx.issues.length > issuesBefore || id === undefined || description === undefined || agent === undefined) {
    return { nodeId, edges, breaksGraph };
  }
  // Only fields the plan JSON defines are copied; anything else on the task is dropped.
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

function checkDependencies(
  scope: IssueScope,
  raw: Record<string, unknown>,
  ownId: string | undefined,
  firstIndexOfId: ReadonlyMap<string, number>,
): DependencyCheck {
  const value = ownField(raw, 'dependencies');
  if (value === undefined) return { all: [], edges: [], breaksGraph: false };
  if (!Array.isArray(value)) {
    scope.report('INVALID_TYPE', 'dependencies', `dependencies must be an array of task ids, got ${describeValue(value)}`);
    return { all: [], edges: [], breaksGraph: false };
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
    if (dep === ownId) {
      scope.report('SELF_DEPENDENCY', field, `depends on itself (${field})`);
    } else if (seen.has(dep)) {
      scope.report('DUPLICATE_DEPENDENCY', field, `lists dependency "${dep}" more than once (${field})`);
    } else if (!firstIndexOfId.has(dep)) {
      scope.report('UNKNOWN_DEPENDENCY', field, `depends on unknown task "${dep}" (${field})`);
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
