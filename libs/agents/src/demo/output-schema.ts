import type { JsonSchema } from '../agent-card';

// Small builders so each agent's output schema reads like its output type. Only standard keywords
// (no `format`): ajv in strict mode rejects unknown formats unless ajv-formats is loaded.

/** An object schema; every listed property is required unless `optional` names it. */
export function objectSchema(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
  };
}

export const stringSchema = (): JsonSchema => ({ type: 'string', minLength: 1 });
export const integerSchema = (minimum = 0): JsonSchema => ({ type: 'integer', minimum });
export const numberSchema = (minimum?: number, maximum?: number): JsonSchema => ({
  type: 'number',
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
});
export const constSchema = (value: string): JsonSchema => ({ type: 'string', enum: [value] });
export const arraySchema = (items: JsonSchema, minItems = 0): JsonSchema => ({ type: 'array', items, minItems });

/** The `confidence` every demo output carries. */
export const confidenceSchema = (): JsonSchema => numberSchema(0, 1);
