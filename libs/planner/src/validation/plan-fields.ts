import { COORDINATION_STRATEGIES, QUALITY_POLICIES, RISK_SEVERITIES, type Plan, type PlanRisk, type ResourceBreakdown } from '../plan';
import { quote } from './echo-value';
import { describeValue, isRecord, ownField } from './raw-values';
import {
  ESTIMATE,
  NON_NEGATIVE,
  NON_NEGATIVE_INTEGER,
  POSITIVE_INTEGER,
  checkTextLength,
  readArray,
  readChoice,
  readDuration,
  readNumber,
  readOptionalString,
  readPlainObject,
  readRequiredNumber,
  readRequiredString,
} from './field-readers';
import { checkIdentifier } from './identifiers';
import type { IssueScope } from './issue-scope';
import { PARALLEL_GROUP_FIELDS, RESOURCE_ENTRY_FIELDS, RISK_FIELDS, type FieldSpelling } from './object-fields';
import type { PlanLimits } from './plan-limits';

/** The plan-level fields other than `tasks`, as they are copied into the normalised plan. */
export type PlanFields = Omit<Plan, 'tasks'>;

/** The raw plan, how it spells its fields, and the limits: what every plan-level check reads. */
export interface PlanSource {
  readonly scope: IssueScope;
  readonly raw: Record<string, unknown>;
  readonly spelling: FieldSpelling<keyof Plan>;
  readonly limits: PlanLimits;
}

/** Name and run options: checked before the tasks, since they do not refer to any. */
export function checkRunOptions(source: PlanSource, into: PlanFields): void {
  const { scope, raw, spelling } = source;
  assignDefined(into, 'name', readText(source, 'name'));
  assignDefined(into, 'description', readText(source, 'description'));
  // The request is what the planner was asked, as long as the host accepts it: not limited here.
  assignDefined(into, 'request', readOptionalString(scope, raw, 'request'));
  assignDefined(into, 'coordinationStrategy', readChoice(scope, raw, spelling.keyOf('coordinationStrategy'), COORDINATION_STRATEGIES));
  assignDefined(into, 'parallelThreshold', readNumber(scope, raw, spelling.keyOf('parallelThreshold'), POSITIVE_INTEGER));
  assignDefined(into, 'maxConcurrency', readNumber(scope, raw, 'maxConcurrency', POSITIVE_INTEGER));
  assignDefined(into, 'qualityPolicy', readChoice(scope, raw, 'qualityPolicy', QUALITY_POLICIES));
}

/**
 * The fields a planner adds. Task references are checked against `taskIds` (skipped when the task list
 * itself is unusable, to avoid reporting every reference as unknown).
 */
export function checkPlannerFields(source: PlanSource, taskIds: ReadonlySet<string> | undefined, into: PlanFields): void {
  const { scope, raw, spelling, limits } = source;
  assignDefined(into, 'criticalPath', readTaskIdList(scope, raw, spelling.keyOf('criticalPath'), taskIds, limits));
  assignDefined(into, 'estimatedTotalTime', readDuration(scope, raw, spelling, 'estimatedTotalTime', ESTIMATE));
  assignDefined(into, 'estimatedParallelTime', readDuration(scope, raw, spelling, 'estimatedParallelTime', ESTIMATE));
  assignDefined(into, 'estimatedTimeSaved', readDuration(scope, raw, spelling, 'estimatedTimeSaved', ESTIMATE));
  assignDefined(into, 'parallelGroups', readParallelGroups(source, taskIds));
  assignDefined(into, 'qualityValidationPlan', readPlainObject(scope, raw, spelling.keyOf('qualityValidationPlan')));
  assignDefined(into, 'resourceBreakdown', readResourceBreakdown(source));
  assignDefined(into, 'risks', readRisks(source, taskIds));
}

function assignDefined<K extends keyof PlanFields>(into: PlanFields, key: K, value: PlanFields[K] | undefined): void {
  if (value !== undefined) into[key] = value;
}

function readText(source: PlanSource, field: 'name' | 'description'): string | undefined {
  return checkTextLength(source.scope, field, readOptionalString(source.scope, source.raw, field), source.limits);
}

/** A list of task ids (`criticalPath`, a group's `tasks`): no longer than a plan may have tasks. */
function readTaskIdList(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
  taskIds: ReadonlySet<string> | undefined,
  limits: PlanLimits,
): string[] | undefined {
  const list = readArray(scope, record, field);
  if (list === undefined) return undefined;
  if (list.length > limits.maxTasks) {
    scope.report('TOO_MANY_TASKS', field, `${field} has ${list.length} entries, more than the ${limits.maxTasks} tasks a plan may have`);
    return undefined;
  }
  const ids: string[] = [];
  list.forEach((entry: unknown, j) => {
    const at = `${field}[${j}]`;
    if (typeof entry !== 'string') {
      scope.report('INVALID_TYPE', at, `${at} must be a task id (a string), got ${describeValue(entry)}`);
    } else if (!checkIdentifier(scope, at, entry, 'task reference', limits)) {
      return;
    } else if (taskIds !== undefined && !taskIds.has(entry)) {
      scope.report('UNKNOWN_TASK', at, `${at} refers to unknown task ${quote(entry)}`);
    } else {
      ids.push(entry);
    }
  });
  return ids.length === list.length ? ids : undefined;
}

function readParallelGroups(source: PlanSource, taskIds: ReadonlySet<string> | undefined): Plan['parallelGroups'] {
  const { scope, raw, spelling, limits } = source;
  const list = readArray(scope, raw, spelling.keyOf('parallelGroups'));
  if (list === undefined) return undefined;
  const groups: NonNullable<Plan['parallelGroups']> = [];
  list.forEach((entry: unknown, j) => {
    const group = scope.nested(`${spelling.keyOf('parallelGroups')}[${j}]`);
    if (!isRecord(entry)) {
      group.report('INVALID_TYPE', '', `a parallel group must be an object with a tasks array, got ${describeValue(entry)}`);
      return;
    }
    PARALLEL_GROUP_FIELDS.spellingOf(group, entry);
    const name = checkTextLength(group, 'name', readOptionalString(group, entry, 'name'), limits);
    if (ownField(entry, 'tasks') === undefined) {
      group.report('MISSING_FIELD', 'tasks', 'tasks is required (an array of task ids)');
      return;
    }
    const tasks = readTaskIdList(group, entry, 'tasks', taskIds, limits);
    if (tasks !== undefined) groups.push(name === undefined ? { tasks } : { name, tasks });
  });
  return groups;
}

function readResourceBreakdown(source: PlanSource): ResourceBreakdown | undefined {
  const { scope, raw, spelling, limits } = source;
  const field = spelling.keyOf('resourceBreakdown');
  const breakdown = readPlainObject(scope, raw, field);
  if (breakdown === undefined) return undefined;
  // Built with fromEntries so that any agent name, even "__proto__", stays an own key.
  const entries: [string, ResourceBreakdown[string]][] = [];
  for (const [agent, entry] of Object.entries(breakdown)) {
    const at = scope.nested(`${field}[${quote(agent)}]`);
    if (!checkIdentifier(at, '', agent, 'agent name', limits)) continue;
    if (!isRecord(entry)) {
      at.report('INVALID_TYPE', '', `must be an object {tasks, estimatedMs}, got ${describeValue(entry)}`);
      continue;
    }
    RESOURCE_ENTRY_FIELDS.spellingOf(at, entry);
    const tasks = readRequiredNumber(at, entry, 'tasks', NON_NEGATIVE_INTEGER);
    const estimatedMs = readRequiredNumber(at, entry, 'estimatedMs', NON_NEGATIVE);
    if (tasks !== undefined && estimatedMs !== undefined) entries.push([agent, { tasks, estimatedMs }]);
  }
  return Object.fromEntries(entries);
}

function readRisks(source: PlanSource, taskIds: ReadonlySet<string> | undefined): PlanRisk[] | undefined {
  const { scope, raw, limits } = source;
  const list = readArray(scope, raw, 'risks');
  if (list === undefined) return undefined;
  const risks: PlanRisk[] = [];
  list.forEach((entry: unknown, j) => {
    const at = scope.nested(`risks[${j}]`);
    if (!isRecord(entry)) {
      at.report('INVALID_TYPE', '', `a risk must be an object with a description, got ${describeValue(entry)}`);
      return;
    }
    RISK_FIELDS.spellingOf(at, entry);
    const description = checkTextLength(at, 'description', readRequiredString(at, entry, 'description'), limits);
    const severity = readChoice(at, entry, 'severity', RISK_SEVERITIES);
    const taskId = readOptionalString(at, entry, 'taskId');
    const mitigation = checkTextLength(at, 'mitigation', readOptionalString(at, entry, 'mitigation'), limits);
    if (taskId !== undefined && checkIdentifier(at, 'taskId', taskId, 'task reference', limits)) {
      if (taskIds !== undefined && !taskIds.has(taskId)) at.report('UNKNOWN_TASK', 'taskId', `taskId refers to unknown task ${quote(taskId)}`);
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
