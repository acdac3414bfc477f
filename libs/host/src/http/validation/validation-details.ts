import type { ValidationError } from 'class-validator';
import { ApiException } from '../errors/api-error';
import { MAX_ERROR_DETAILS } from '../errors/echo';

export interface ValidationDetail {
  /** Dotted path into the body, array indexes included: `plan.tasks.0.estimatedDuration`. */
  path: string;
  reason: string;
}

/** A missing value says it all: the other checks of that field are not reported. */
const PRESENCE = new Set(['isDefined', 'isPresent']);

/**
 * Flattens class-validator's tree: one detail per failed constraint, with its full nested path.
 * Per field, the kind checks (`isInt`, `isString`, ...) come before the range checks (`min`, `max`).
 */
export function validationDetails(errors: readonly ValidationError[], parent = ''): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  const stack: [ValidationError, string][] = [...errors].reverse().map((error) => [error, parent]);
  while (stack.length > 0) {
    const [error, prefix] = stack.pop() as [ValidationError, string];
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    for (const reason of reasonsOf(error.constraints ?? {})) details.push({ path, reason });
    const children = error.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], path]);
  }
  return details;
}

function reasonsOf(constraints: Record<string, string>): string[] {
  const keys = Object.keys(constraints);
  const presence = keys.find((key) => PRESENCE.has(key));
  if (presence !== undefined) return [constraints[presence]];
  const rank = (key: string): number => (key === 'whitelistValidation' ? 0 : key.startsWith('is') ? 1 : 2);
  return keys.sort((a, b) => rank(a) - rank(b)).map((key) => constraints[key]);
}

/** The ValidationPipe's exceptionFactory: 400 VALIDATION_FAILED naming every field. */
export function validationException(errors: ValidationError[]): ApiException {
  return validationFailed(validationDetails(errors));
}

export function validationFailed(details: ValidationDetail[]): ApiException {
  const first = details[0];
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  const message = first ? `${first.path === '' ? 'body' : first.path}: ${first.reason}${more}` : 'the request is invalid';
  return new ApiException(400, 'VALIDATION_FAILED', message, details.slice(0, MAX_ERROR_DETAILS));
}
