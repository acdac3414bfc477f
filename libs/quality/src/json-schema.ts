/**
 * An agent's declared output schema (JSON Schema draft-07, or 2020-12 when `$schema` says so).
 * Typed loosely on purpose: it goes to ajv as it is, and a remote agent's card may use keywords we
 * do not model. Structurally compatible with the agents lib's `JsonSchema`.
 */
export interface JsonSchema {
  $schema?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  [keyword: string]: unknown;
}
