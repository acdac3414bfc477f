import { TaskError, type TaskRequest } from '@a2a-mcp/core-graph';

/** A non-retryable INVALID_INPUT error naming the task and the offending `input` field. */
export function invalidInput(task: TaskRequest, field: string, expected: string, got: unknown): TaskError {
  return new TaskError(
    'INVALID_INPUT',
    `task "${task.taskId}": input.${field} must be ${expected} (got ${describeValue(got)})`,
    false,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalNumber(task: TaskRequest, field: string, min = -Infinity, max = Infinity): number | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidInput(task, field, numberRange(min, max), value);
  }
  return value;
}

export function optionalInteger(task: TaskRequest, field: string, min = 0): number | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalidInput(task, field, min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, value);
  }
  return value;
}

export function optionalBoolean(task: TaskRequest, field: string): boolean | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidInput(task, field, 'a boolean', value);
  return value;
}

export function optionalString(task: TaskRequest, field: string): string | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw invalidInput(task, field, 'a non-empty string', value);
  return value;
}

export function optionalStringArray(task: TaskRequest, field: string): string[] | undefined {
  const value = task.input[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && item.length > 0)) {
    throw invalidInput(task, field, 'a non-empty array of non-empty strings', value);
  }
  return value as string[];
}

function numberRange(min: number, max: number): string {
  if (min === -Infinity && max === Infinity) return 'a finite number';
  if (max === Infinity) return `a number >= ${min}`;
  if (min === -Infinity) return `a number <= ${max}`;
  return `a number in [${min}, ${max}]`;
}

// Short and safe for any value, so an error message never explodes on a huge or cyclic input.
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return Array.isArray(value) ? 'an array' : typeof value;
}
