import type { JsonSchema } from '../../src';

/**
 * The subset of JSON Schema our output schemas use (type, required, properties, items, enum,
 * minimum/maximum, minLength, minItems), checked by hand because ajv is not a dependency here.
 * Returns one message per violation; empty means valid.
 */
export function schemaViolations(value: unknown, schema: JsonSchema, path = '$'): string[] {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return [`${path}: expected ${types.join('|')}`];
  const issues: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) issues.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) issues.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) issues.push(`${path}: above ${schema.maximum}`);
  }
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) {
    issues.push(`${path}: shorter than ${schema.minLength}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) issues.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, index) => issues.push(...schemaViolations(item, schema.items!, `${path}[${index}]`)));
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) issues.push(`${path}.${key}: missing`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in value) issues.push(...schemaViolations(value[key], sub, `${path}.${key}`));
    }
  }
  return issues;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
