import { COORDINATION_STRATEGIES, QUALITY_POLICIES, RISK_SEVERITIES, type Plan, type PlanRisk, type ResourceBreakdown } from '../plan';
import { describeValue, isRecord, ownField } from './raw-values';
import {
  NON_NEGATIVE,
  NON_NEGATIVE_INTEGER,
  POSITIVE_INTEGER,
  readArray,
  readChoice,
  readNumber,
  readOptionalString,
  readPlainObject,
  readRequiredNumber,
  readRequiredString,
} from './field-readers';
import type { IssueScope } from './issue-scope';

/** The plan-level fields other than `tasks`, as they are copied into the normalised plan. */
export type PlanFields = Omit<Plan, 'tasks'>;

/** Name and run options: checked before the tasks, since they do not refer to any. */
export function checkRunOptions(scope: IssueScope, raw: Record<string, unknown>, into: PlanFields): void {
  assignDefined(into, 'name', readOptionalString(scope, raw, 'name'));
  assignDefined(into, 'description', readOptionalString(scope, raw, 'description'));
  assignDefined(into, 'request', readOptionalString(scope, raw, 'request'));
  assignDefined(into, 'coordinationStrategy', readChoice(scope, raw, 'coordinationStrategy', COORDINATION_STRATEGIES));
  assignDefined(into, 'parallelThreshold', readNumber(scope, raw, 'parallelThreshold', POSITIVE_INTEGER));
  assignDefined(into, 'maxConcurrency', readNumber(scope, raw, 'maxConcurrency', POSITIVE_INTEGER));
  assignDefined(into, 'qualityPolicy', readChoice(scope, raw, 'qualityPolicy', QUALITY_POLICIES));
}

/**
 * The fields a planner adds. Task references are checked against `taskIds` (skipped when the task list
 * itself is unusable, to avoid reporting every reference as unknown).
 */
export function checkPlannerFields(
  scope: IssueScope,
  raw: Record<string, unknown>,
  taskIds: ReadonlySet<string> | undefined,
  into: PlanFields,
): void {
  assignDefined(into, 'criticalPath', readTaskIdList(scope, raw, 'criticalPath', taskIds));
  assignDefined(into, 'estimatedTotalTime', readNumber(scope, raw, 'estimatedTotalTime', NON_NEGATIVE));
  assignDefined(into, 'estimatedParallelTime', readNumber(scope, raw, 'estimatedParallelTime', NON_NEGATIVE));
  assignDefined(into, 'parallelGroups', readParallelGroups(scope, raw, taskIds));
  assignDefined(into, 'qualityValidationPlan', readPlainObject(scope, raw, 'qualityValidationPlan'));
  assignDefined(into, 'resourceBreakdown', readResourceBreakdown(scope, raw));
  assignDefined(into, 'risks', readRisks(scope, raw, taskIds));
}

function assignDefined<K extends keyof PlanFields>(into: PlanFields, key: K, value: PlanFields[K] | undefined): void {
  if (value !== undefined) into[key] = value;
}

function readTaskIdList(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
  taskIds: ReadonlySet<string> | undefined,
): string[] | undefined {
  const list = readArray(scope, record, field);
  if (list === undefined) return undefined;
  const ids: string[] = [];
  list.forEach((entry: unknown, j) => {
    const at = `${field}[${j}]`;
    if (typeof entry !== 'string') {
      scope.report('INVALID_TYPE', at, `${at} must be a task id (a string), got ${describeValue(entry)}`);
    } else if (taskIds !== undefined && !taskIds.has(entry)) {
      scope.report('UNKNOWN_TASK', at, `${at} refers to unknown task "${entry}"`);
    } else {
      ids.push(entry);
    }
  });
  return ids.length === list.length ? ids : undefined;
}

function readParallelGroups(
  scope: IssueScope,
  raw: Record<string, unknown>,
  taskIds: ReadonlySet<string> | undefined,
): Plan['parallelGroups'] {
  const list = readArray(scope, raw, 'parallelGroups');
  if (list === undefined) return undefined;
  const groups: NonNullable<Plan['parallelGroups']> = [];
  list.forEach((entry: unknown, j) => {
    const group = scope.nested(`parallelGroups[${j}]`);
    if (!isRecord(entry)) {
      group.report('INVALID_TYPE', '', `a parallel group must be an object with a tasks array, got ${describeValue(entry)}`);
      return;
    }
    const name = readOptionalString(group, entry, 'name');
    if (ownField(entry, 'tasks') === undefined) {
      group.report('MISSING_FIELD', 'tasks', 'tasks is required (an array of task ids)');
      return;
    }
    const tasks = readTaskIdList(group, entry, 'tasks', taskIds);
    if (tasks !== undefined) groups.push(name === undefined ? { tasks } : { name, tasks });
  });
  return groups;
}

function readResourceBreakdown(scope: IssueScope, raw: Record<string, unknown>): ResourceBreakdown | undefined {
  const breakdown = readPlainObject(scope, raw, 'resourceBreakdown');
  if (breakdown === undefined) return undefined;
  // Built with fromEntries so that any agent name, even "__proto__", stays an own key.
  const entries: [string, ResourceBreakdown[string]][] = [];
  for (const [agent, entry] of Object.entries(breakdown)) {
    const at = scope.nested(`resourceBreakdown[${JSON.stringify(agent)}]`);
    if (!isRecord(entry)) {
      at.report('INVALID_TYPE', '', `must be an object {tasks, estimatedMs}, got ${describeValue(entry)}`);
      continue;
    }
    const tasks = readRequiredNumber(at, entry, 'tasks', NON_NEGATIVE_INTEGER);
    const estimatedMs = readRequiredNumber(at, entry, 'estimatedMs', NON_NEGATIVE);
    if (tasks !== undefined && estimatedMs !== undefined) entries.push([agent, { tasks, estimatedMs }]);
  }
  return Object.fromEntries(entries);
}

function readRisks(
  scope: IssueScope,
  raw: Record<string, unknown>,
  taskIds: ReadonlySet<string> | undefined,
): PlanRisk[] | undefined {
  const list = readArray(scope, raw, 'risks');
  if (list === undefined) return undefined;
  const risks: PlanRisk[] = [];
  list.forEach((entry: unknown, j) => {
    const at = scope.nested(`risks[${j}]`);
    if (!isRecord(entry)) {
      at.report('INVALID_TYPE', '', `a risk must be an object with a description, got ${describeValue(entry)}`);
      return;
    }
    const description = readRequiredString(at, entry, 'description');
    const severity = readChoice(at, entry, 'severity', RISK_SEVERITIES);
    const taskId = readOptionalString(at, entry, 'taskId');
    const mitigation = readOptionalString(at, entry, 'mitigation');
    if (taskId !== undefined && taskIds !== undefined && !taskIds.has(taskId)) {
      at.report('UNKNOWN_TASK', 'taskId', `taskId refers to unknown task "${taskId}"`);
    }
    if (description === undefined) return;
    const risk: PlanRisk = { description };
    if (severity !== undefined) risk.severity = severity;
    if (taskId !== undefined) risk.taskId = taskId;
    if (mitigation !== undefined) risk.mitigation = mitigation;
    risks.push(risk);
  });
  return risks;
}
