import type { Plan } from './plan';
import { PlanValidationError, type PlanIssue } from './plan-issue';
import { checkTasks } from './validation/check-tasks';
import { describeValue, isRecord, ownField } from './validation/raw-values';
import { IssueScope } from './validation/issue-scope';
import { agentCatalog, type KnownAgents } from './validation/known-agents';
import { checkParallelGroupsIndependent } from './validation/parallel-groups';
import { checkPlannerFields, checkRunOptions, type PlanFields } from './validation/plan-fields';

export type { KnownAgents } from './validation/known-agents';

export interface ValidatePlanOptions {
  /** Agent names a task may use, or a predicate; when omitted, agent names are not checked. */
  knownAgents?: KnownAgents;
}

export type PlanValidationResult = { ok: true; plan: Plan; issues: [] } | { ok: false; issues: PlanIssue[] };

/**
 * Checks a plan as it arrives (parsed JSON or any object) and reports every issue, in plan order:
 * plan options, then each task's fields, then a dependency cycle, then the planner-added fields.
 * Linear in the plan's size and free of recursion. On success returns a normalised copy (only
 * the fields the plan JSON defines, `dependencies` defaulted to `[]`; a task's `input` is copied one level
 * deep); the input is never mutated.
 */
export function validatePlan(input: unknown, options: ValidatePlanOptions = {}): PlanValidationResult {
  const issues: PlanIssue[] = [];
  const scope = new IssueScope(issues, 'plan', '');
  if (!isRecord(input)) {
    scope.report('INVALID_TYPE', '', `a plan must be a JSON object, got ${describeValue(input)}`);
    return { ok: false, issues };
  }

  const runOptions: PlanFields = {};
  checkRunOptions(scope, input, runOptions);

  const rawTasks = ownField(input, 'tasks');
  const agents = options.knownAgents === undefined ? undefined : agentCatalog(options.knownAgents);
  let checked: ReturnType<typeof checkTasks> | undefined;
  if (rawTasks === undefined) {
    scope.report('MISSING_FIELD', 'tasks', 'tasks is required (an array of tasks)');
  } else if (!Array.isArray(rawTasks)) {
    scope.report('INVALID_TYPE', 'tasks', `tasks must be an array of tasks, got ${describeValue(rawTasks)}`);
  } else if (rawTasks.length === 0) {
    scope.report('EMPTY_PLAN', 'tasks', 'the plan has no tasks');
  } else {
    checked = checkTasks(rawTasks, issues, agents);
  }

  const plannerFields: PlanFields = {};
  checkPlannerFields(scope, input, checked?.ids, plannerFields);

  if (issues.length > 0 || checked === undefined) return { ok: false, issues };
  const plan: Plan = { ...runOptions, tasks: checked.tasks, ...plannerFields };
  checkParallelGroupsIndependent(scope, plan);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plan, issues: [] };
}

/** Like `validatePlan`, but returns the plan or throws a `PlanValidationError` carrying every issue. */
export function parsePlan(input: unknown, options: ValidatePlanOptions = {}): Plan {
  const result = validatePlan(input, options);
  if (!result.ok) throw new PlanValidationError(result.issues);
  return result.plan;
}
