import { quote } from './echo-value';
import type { IssueScope } from './issue-scope';
import type { PlanLimits } from './plan-limits';

/**
 * Characters an id must not hold: they end up in logs, terminals, metric labels and event streams,
 * where a control character, a line separator or a bidi override can forge or hide output. C0 controls,
 * DEL, C1 controls, U+2028/2029, the bidi embeddings and overrides (U+202A–202E) and isolates (U+2066–2069).
 * The body of a regular-expression character class, as text: the plan's JSON Schema builds its id pattern from it.
 */
export const UNPRINTABLE_CHARACTERS = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
const UNPRINTABLE = new RegExp(`[${UNPRINTABLE_CHARACTERS}]`);

/** What the checked string names, as the message says it. */
export type IdentifierKind = 'task id' | 'agent name' | 'task reference';

/**
 * Checks a string that names a task or an agent: length first (so a 5 MB string costs nothing more),
 * then the characters. Reports ID_TOO_LONG or INVALID_ID at `field` (`''`: the scope itself, e.g. a
 * resourceBreakdown key) and returns false when it is bad.
 */
export function checkIdentifier(
  scope: IssueScope,
  field: string,
  value: string,
  kind: IdentifierKind,
  limits: Pick<PlanLimits, 'maxIdLength'>,
): boolean {
  const subject = field === '' ? `the ${kind}` : field;
  if (value.length > limits.maxIdLength) {
    scope.report(
      'ID_TOO_LONG',
      field,
      `${subject} is too long: ${value.length} characters, at most ${limits.maxIdLength} allowed for a ${kind} (${quote(value)})`,
    );
    return false;
  }
  const bad = UNPRINTABLE.exec(value);
  if (bad) {
    const codePoint = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    scope.report(
      'INVALID_ID',
      field,
      `${subject} must be a printable ${kind}, but holds ${codePoint} (a control, line-separator or bidi character) at index ${bad.index}: ${quote(value)}`,
    );
    return false;
  }
  return true;
}

/** Whether `value` may be a task id at all (the pass that indexes ids uses it, without reporting). */
export function isUsableIdentifier(value: string, limits: Pick<PlanLimits, 'maxIdLength'>): boolean {
  return value.length <= limits.maxIdLength && !UNPRINTABLE.test(value);
}
