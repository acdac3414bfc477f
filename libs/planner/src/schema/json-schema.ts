/** The JSON types a JSON Schema `type` names. */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * A JSON Schema (draft 2020-12), limited to the keywords the plan's schema uses: a plain JSON value,
 * ready for `JSON.stringify`.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  examples?: readonly string[];
  type?: JsonSchemaType;
  enum?: readonly string[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  required?: readonly string[];
  properties?: Record<string, JsonSchema | boolean>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  dependentSchemas?: Record<string, JsonSchema>;
  anyOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
}
