import type { Plan } from './plan';
import { PlanValidationError, type PlanIssue } from './plan-issue';
import { checkTasks } from './validation/check-tasks';
import { describeValue, isRecord, ownField } from './validation/raw-values';
import { IssueScope } from './validation/issue-scope';
import { agentCatalog, type KnownAgents } from './validation/known-agents';
import { PLAN_FIELDS } from './validation/object-fields';
import { checkParallelGroupsIndependent } from './validation/parallel-groups';
import { checkPlannerFields, checkRunOptions, type PlanFields, type PlanSource } from './validation/plan-fields';
import { resolvePlanLimits, type PlanLimits } from './validation/plan-limits';

export type { KnownAgents } from './validation/known-agents';

export interface ValidatePlanOptions {
  /** Agent names a task may use, or a predicate; when omitted, agent names are not checked. */
  knownAgents?: KnownAgents;
  /** Overrides of DEFAULT_PLAN_LIMITS (see `planLimitsFromEnv`); a bad value throws PlanConfigError. */
  limits?: Partial<PlanLimits>;
}

export type PlanValidationResult = { ok: true; plan: Plan; issues: [] } | { ok: false; issues: PlanIssue[] };

/**
 * The one check every plan goes through, whatever its source (a file, an HTTP body, a planner), given
 * as parsed JSON or any object. Reports every issue, in plan order: the task count against the limits
 * (alone: nothing else is looked at past it), unknown fields and the plan options, then each task's
 * fields, then a dependency cycle, then the planner-added fields. Accepts the original Python
 * framework's snake_case fields (docs/plan-format.md); linear in the plan's size and free of recursion.
 *
 * On success returns a normalised copy in this format's spelling, durations in ms: only the fields
 * the format defines, `dependencies` defaulted to `[]`, a task's `input` copied one level deep. The
 * input is never mutated. Throws only PlanConfigError, for bad `options.limits`.
 */
export function validatePlan(input: unknown, options: ValidatePlanOptions = {}): PlanValidationResult {
  const limits = resolvePlanLimits(options.limits);
  const issues: PlanIssue[] = [];
  const scope = new IssueScope(issues, 'plan', '');
  if (!isRecord(input)) {
    scope.report('INVALID_TYPE', '', `a plan must be a JSON object, got ${describeValue(input)}`);
    return { ok: false, issues };
  }

  const rawTasks = ownField(input, 'tasks');
  if (Array.isArray(rawTasks) && rawTasks.length > limits.maxTasks) {
    scope.report('TOO_MANY_TASKS', 'tasks', `the plan has ${rawTasks.length} tasks, more than the ${limits.maxTasks} allowed`);
    return { ok: false, issues };
  }

  const source: PlanSource = { scope, raw: input, spelling: PLAN_FIELDS.spellingOf(scope, input), limits };
  const runOptions: PlanFields = {};
  checkRunOptions(source, runOptions);

  const agents = options.knownAgents === undefined ? undefined : agentCatalog(options.knownAgents);
  let checked: ReturnType<typeof checkTasks> | undefined;
  if (rawTasks === undefined) {
    scope.report('MISSING_FIELD', 'tasks', 'tasks is required (an array of tasks)');
  } else if (!Array.isArray(rawTasks)) {
    scope.report('INVALID_TYPE', 'tasks', `tasks must be an array of tasks, got ${describeValue(rawTasks)}`);
  } else if (rawTasks.length === 0) {
    scope.report('EMPTY_PLAN', 'tasks', 'the plan has no tasks');
  } else {
    checked = checkTasks(rawTasks, issues, limits, agents);
  }

  const plannerFields: PlanFields = {};
  checkPlannerFields(source, checked?.ids, plannerFields);

  if (issues.length > 0 || checked === undefined) return { ok: false, issues };
  const plan: Plan = { ...runOptions, tasks: checked.tasks, ...plannerFields };
  checkParallelGroupsIndependent(scope, plan, source.spelling.keyOf('parallelGroups'));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plan, issues: [] };
}

/** Like `validatePlan`, but returns the plan or throws a `PlanValidationError` carrying every issue. */
export function parsePlan(input: unknown, options: ValidatePlanOptions = {}): Plan {
  const result = validatePlan(input, options);
  if (!result.ok) throw new PlanValidationError(result.issues);
  return result.plan;
}
