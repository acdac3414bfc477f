import { MAX_TASK_RETRIES, MAX_TIMER_MS } from '../plan';
import { describeValue, isPlainObject, ownField } from './raw-values';
import type { IssueScope } from './issue-scope';
import type { FieldSpelling } from './object-fields';
import { secondsToMs } from './original-plan-fields';
import type { PlanLimits } from './plan-limits';

/**
 * Readers for one field of a record. Each returns the value when it is valid, or undefined when the
 * field is absent or invalid (and then reports why). Optional fields may be omitted; an explicit
 * `null` is reported like any other wrong value.
 *
 * Code policy: a number field reports INVALID_NUMBER for any bad value (wrong type, NaN, out of range);
 * other fields report INVALID_TYPE for a wrong JSON type and INVALID_VALUE for a value outside the
 * allowed set; a required field that is absent or blank reports MISSING_FIELD.
 */

export interface NumberRule {
  /** Wording after "must be", e.g. "a non-negative number". */
  readonly expected: string;
  readonly integer?: boolean;
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
}

export const NON_NEGATIVE: NumberRule = { expected: 'a non-negative number', min: 0 };
export const POSITIVE: NumberRule = { expected: 'a positive number', min: 0, minExclusive: true };
export const NON_NEGATIVE_INTEGER: NumberRule = { expected: 'a non-negative integer', integer: true, min: 0 };
export const POSITIVE_INTEGER: NumberRule = { expected: 'an integer of at least 1', integer: true, min: 1 };
export const UNIT_INTERVAL: NumberRule = { expected: 'a number between 0 and 1', min: 0, max: 1 };
export const RETRY_COUNT: NumberRule = { expected: `an integer from 0 to ${MAX_TASK_RETRIES}`, integer: true, min: 0, max: MAX_TASK_RETRIES };

/** A duration field: in milliseconds, or in seconds when the object uses the original framework's name. */
export interface DurationRule {
  readonly ms: NumberRule;
  readonly seconds: NumberRule;
}

/** A per-attempt timeout: it becomes a timer, so it may not pass MAX_TIMER_MS. */
export const TIMER_TIMEOUT: DurationRule = {
  ms: { expected: `a positive number of milliseconds, at most ${MAX_TIMER_MS}`, min: 0, minExclusive: true, max: MAX_TIMER_MS },
  seconds: { expected: `a positive number of seconds, at most ${MAX_TIMER_MS / 1000}`, min: 0, minExclusive: true, max: MAX_TIMER_MS / 1000 },
};

/** An expected duration: the simulator waits it, so it may not pass MAX_TIMER_MS either. */
export const TIMER_DURATION: DurationRule = {
  ms: { expected: `a non-negative number of milliseconds, at most ${MAX_TIMER_MS}`, min: 0, max: MAX_TIMER_MS },
  seconds: { expected: `a non-negative number of seconds, at most ${MAX_TIMER_MS / 1000}`, min: 0, max: MAX_TIMER_MS / 1000 },
};

/** A planner's estimate (a sum over many tasks may pass any timer): only finite and non-negative. */
export const ESTIMATE: DurationRule = {
  ms: { expected: 'a non-negative number of milliseconds', min: 0 },
  seconds: { expected: 'a non-negative number of seconds', min: 0 },
};

export function satisfiesNumberRule(value: unknown, rule: NumberRule): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  return rule.max === undefined || value <= rule.max;
}

export function readNumber(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
  rule: NumberRule,
): number | undefined {
  const value = ownField(record, field);
  if (value === undefined) return undefined;
  if (satisfiesNumberRule(value, rule)) return value;
  scope.report('INVALID_NUMBER', field, `${field} must be ${rule.expected}, got ${describeValue(value)}`);
  return undefined;
}

/** A duration under its name in this object; returned in milliseconds whatever unit the object used. */
export function readDuration<Field extends string>(
  scope: IssueScope,
  record: Record<string, unknown>,
  spelling: FieldSpelling<Field>,
  field: Field,
  rule: DurationRule,
): number | undefined {
  const key = spelling.keyOf(field);
  if (!spelling.inSeconds(field)) return readNumber(scope, record, key, rule.ms);
  const seconds = readNumber(scope, record, key, rule.seconds);
  return seconds === undefined ? undefined : secondsToMs(seconds);
}

/** A number that must be present (reports MISSING_FIELD when absent). */
export function readRequiredNumber(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
  rule: NumberRule,
): number | undefined {
  if (ownField(record, field) !== undefined) return readNumber(scope, record, field, rule);
  scope.report('MISSING_FIELD', field, `${field} is required (${rule.expected})`);
  return undefined;
}

export function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A string that must be present and not blank (`id`, `description`, `agent`). */
export function readRequiredString(scope: IssueScope, record: Record<string, unknown>, field: string): string | undefined {
  const value = ownField(record, field);
  if (isNonBlankString(value)) return value;
  if (value === undefined || value === null || typeof value === 'string') {
    const got = value === undefined ? 'it is missing' : `got ${describeValue(value)}`;
    scope.report('MISSING_FIELD', field, `${field} is required (a non-empty string), ${got}`);
  } else {
    scope.report('INVALID_TYPE', field, `${field} must be a non-empty string, got ${describeValue(value)}`);
  }
  return undefined;
}

export function readOptionalString(scope: IssueScope, record: Record<string, unknown>, field: string): string | undefined {
  const value = ownField(record, field);
  if (value === undefined || typeof value === 'string') return value;
  scope.report('INVALID_TYPE', field, `${field} must be a string, got ${describeValue(value)}`);
  return undefined;
}

export function readBoolean(scope: IssueScope, record: Record<string, unknown>, field: string): boolean | undefined {
  const value = ownField(record, field);
  if (value === undefined || typeof value === 'boolean') return value;
  scope.report('INVALID_TYPE', field, `${field} must be true or false, got ${describeValue(value)}`);
  return undefined;
}

export function readChoice<T extends string>(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
  choices: readonly T[],
): T | undefined {
  const value = ownField(record, field);
  if (value === undefined) return undefined;
  if (isChoice(value, choices)) return value;
  const code = typeof value === 'string' ? 'INVALID_VALUE' : 'INVALID_TYPE';
  scope.report(code, field, `${field} must be one of ${choices.join(', ')}, got ${describeValue(value)}`);
  return undefined;
}

export function isChoice<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/** A JSON object (not an array, not a class instance); returned as a shallow copy. */
export function readPlainObject(
  scope: IssueScope,
  record: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const value = ownField(record, field);
  if (value === undefined) return undefined;
  if (isPlainObject(value)) return { ...value };
  scope.report('INVALID_TYPE', field, `${field} must be a JSON object, got ${describeValue(value)}`);
  return undefined;
}

/** An array field; the caller checks the entries. */
export function readArray(scope: IssueScope, record: Record<string, unknown>, field: string): unknown[] | undefined {
  const value = ownField(record, field);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  scope.report('INVALID_TYPE', field, `${field} must be an array, got ${describeValue(value)}`);
  return undefined;
}

/** Free text (a description, the request, a name): reports TEXT_TOO_LONG past `maxDescriptionLength`. */
export function checkTextLength(
  scope: IssueScope,
  field: string,
  text: string | undefined,
  limits: Pick<PlanLimits, 'maxDescriptionLength'>,
): string | undefined {
  if (text === undefined || text.length <= limits.maxDescriptionLength) return text;
  scope.report(
    'TEXT_TOO_LONG',
    field,
    `${field} is too long: ${text.length} characters, at most ${limits.maxDescriptionLength} allowed (${describeValue(text)})`,
  );
  return undefined;
}
