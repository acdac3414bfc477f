import { quote } from './echo-value';

/** Inspecting untrusted input: what a value is, and how to show it in a message. */

/** Short, safe rendering of a bad value for the `got …` part of a message (a string is cut and escaped). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}

/** Any non-null, non-array object: what a plan or a task must at least be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object literal (or JSON object): its prototype is null or a root prototype. Checking the
 * prototype's prototype instead of `Object.prototype` accepts objects made in another realm.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Own property only, so a key never resolves to something inherited (`constructor`, `__proto__`). */
export function ownField(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  // Most optional fields are absent: skip the own-property check for them (it dominates large plans).
  return value !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? value : undefined;
}
