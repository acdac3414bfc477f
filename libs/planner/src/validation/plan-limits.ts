import { quote } from './echo-value';

/**
 * Bounds a plan must stay within, checked before the work they bound: a plan over `maxTasks` is
 * refused before any task is looked at, an over-long id before it is searched for control characters.
 */
export interface PlanLimits {
  /** Most tasks in a plan (also the longest task-id list: `criticalPath`, a parallel group). */
  maxTasks: number;
  /** Longest task id, agent name or task reference, in UTF-16 code units. */
  maxIdLength: number;
  /** Largest task `input`, as UTF-8 JSON text, in bytes. */
  maxInputBytes: number;
  /** Longest free text (a description, a name, a risk's mitigation; not the request), in UTF-16 code units. */
  maxDescriptionLength: number;
}

export const DEFAULT_PLAN_LIMITS: Readonly<PlanLimits> = Object.freeze({
  maxTasks: 100_000,
  maxIdLength: 200,
  maxInputBytes: 1024 * 1024,
  maxDescriptionLength: 10_000,
});

/** The environment variable that sets each limit (see `planLimitsFromEnv`). */
export const PLAN_LIMIT_ENV: Readonly<Record<keyof PlanLimits, string>> = Object.freeze({
  maxTasks: 'PLAN_MAX_TASKS',
  maxIdLength: 'PLAN_MAX_ID_LENGTH',
  maxInputBytes: 'PLAN_MAX_INPUT_BYTES',
  maxDescriptionLength: 'PLAN_MAX_DESCRIPTION_LENGTH',
});

const LIMIT_NAMES = Object.keys(DEFAULT_PLAN_LIMITS) as (keyof PlanLimits)[];
const ALLOWED = `an integer from 1 to ${Number.MAX_SAFE_INTEGER}`;

/** One bad setting: where it came from (a variable or an option), what it was, what is allowed. */
export interface PlanConfigIssue {
  readonly variable: string;
  readonly value: string;
  readonly allowed: string;
}

/** Bad limits (from the environment or `ValidatePlanOptions.limits`): names every bad setting. */
export class PlanConfigError extends Error {
  readonly code = 'INVALID_CONFIG' as const;

  constructor(readonly issues: readonly PlanConfigIssue[]) {
    super(
      `invalid plan limits: ${issues.map((issue) => `${issue.variable}=${quote(issue.value)} (allowed: ${issue.allowed})`).join('; ')}`,
    );
    this.name = 'PlanConfigError';
  }
}

/**
 * The limits the environment sets: PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES and
 * PLAN_MAX_DESCRIPTION_LENGTH, each a decimal integer ≥ 1; an unset or empty variable keeps the default.
 * Throws one PlanConfigError naming every bad variable.
 */
export function planLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): PlanLimits {
  const limits: PlanLimits = { ...DEFAULT_PLAN_LIMITS };
  const issues: PlanConfigIssue[] = [];
  for (const name of LIMIT_NAMES) {
    limits[name] = integerSetting(env, PLAN_LIMIT_ENV[name], 1, Number.MAX_SAFE_INTEGER, issues) ?? limits[name];
  }
  if (issues.length > 0) throw new PlanConfigError(issues);
  return limits;
}

/** The defaults overridden by the given limits; throws PlanConfigError naming each bad one (`limits.maxTasks`). */
export function resolvePlanLimits(overrides: Partial<PlanLimits> | undefined): PlanLimits {
  const limits: PlanLimits = { ...DEFAULT_PLAN_LIMITS };
  if (overrides === undefined) return limits;
  const issues: PlanConfigIssue[] = [];
  for (const name of LIMIT_NAMES) {
    const value: unknown = overrides[name];
    if (value === undefined) continue;
    if (isValidLimit(value)) limits[name] = value;
    else issues.push({ variable: `limits.${name}`, value: String(value), allowed: ALLOWED });
  }
  if (issues.length > 0) throw new PlanConfigError(issues);
  return limits;
}

function isValidLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * A decimal integer in [min, max] from the environment, or undefined when unset or blank (the caller's
 * default). A bad value is added to `issues` (naming the variable, its value and the range) instead.
 */
export function integerSetting(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  min: number,
  max: number,
  issues: PlanConfigIssue[],
): number | undefined {
  const text = env[variable]?.trim();
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  issues.push({ variable, value: text, allowed: `an integer from ${min} to ${max}` });
  return undefined;
}
