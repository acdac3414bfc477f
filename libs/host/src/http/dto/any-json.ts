import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * The schema of a property that holds any JSON value (an agent's output, an answer, error details).
 * Nest types an `unknown` property as `object`; a value of any JSON type is stated explicitly instead.
 */
export const ANY_JSON_VALUE: { oneOf: SchemaObject[] } = {
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }, { type: 'null' }],
};
