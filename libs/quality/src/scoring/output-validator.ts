import type { ErrorObject } from 'ajv';

/**
 * A compiled output schema: ajv's validate function, compiled at run time or generated ahead of
 * time (ajv standalone code). Both set `errors` after a call, as ajv does.
 */
export interface OutputValidator {
  (output: unknown): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
}
