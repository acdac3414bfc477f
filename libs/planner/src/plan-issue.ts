/** Stable issue codes: clients and tests branch on these, so never rename one. */
export const PLAN_ISSUE_CODES = [
  'INVALID_JSON',
  'EMPTY_PLAN',
  'MISSING_FIELD',
  'INVALID_TYPE',
  'INVALID_NUMBER',
  'INVALID_VALUE',
  'DUPLICATE_ID',
  'UNKNOWN_AGENT',
  'UNKNOWN_DEPENDENCY',
  'SELF_DEPENDENCY',
  'DUPLICATE_DEPENDENCY',
  'UNKNOWN_TASK',
  'CYCLE',
  /** A field the plan format does not define (often a misspelling: the message suggests the right name). */
  'UNKNOWN_FIELD',
  /** One field given twice in one object, in this format's spelling and the original Python framework's. */
  'DUPLICATE_FIELD',
  /** More tasks than `PlanLimits.maxTasks`: reported alone, before any task is looked at. */
  'TOO_MANY_TASKS',
  /** A task id, agent name or task reference longer than `PlanLimits.maxIdLength`. */
  'ID_TOO_LONG',
  /** A task id, agent name or task reference with a control, line-separator or bidi-override character. */
  'INVALID_ID',
  /** A task's input larger, as JSON, than `PlanLimits.maxInputBytes`. */
  'INPUT_TOO_LARGE',
  /** A task's input nested deeper than `MAX_INPUT_DEPTH`. */
  'INPUT_TOO_DEEP',
  /** A description, name or mitigation longer than `PlanLimits.maxDescriptionLength`. */
  'TEXT_TOO_LONG',
] as const;
export type PlanIssueCode = (typeof PLAN_ISSUE_CODES)[number];

/** One problem found in a plan. */
export interface PlanIssue {
  code: PlanIssueCode;
  /** The task the issue is about, when its id is known. */
  taskId?: string;
  /** Where in the plan JSON: `tasks[3].estimatedDuration`, `parallelGroups[0].tasks[1]`; `''` is the plan itself. */
  path: string;
  /** Names the task and the field, e.g. `task "payment" (tasks[0]): estimatedDuration must be …, got -5`. */
  message: string;
  /** 1-based position in the source text (INVALID_JSON only, when the parser tells it). */
  line?: number;
  column?: number;
}

/** Thrown by `parsePlan` and `parsePlanText`; carries every issue, its message shows the first. */
export class PlanValidationError extends Error {
  readonly code = 'INVALID_PLAN' as const;
  readonly issues: PlanIssue[];

  constructor(issues: PlanIssue[]) {
    super(summarize(issues));
    this.name = 'PlanValidationError';
    this.issues = issues;
  }
}

function summarize(issues: readonly PlanIssue[]): string {
  if (issues.length === 0) return 'invalid plan';
  const more = issues.length - 1;
  return more > 0 ? `${issues[0].message} (and ${more} more)` : issues[0].message;
}
