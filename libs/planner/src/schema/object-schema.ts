import type { ObjectFields } from '../validation/object-fields';
import type { OriginalField } from '../validation/original-plan-fields';
import type { JsonSchema } from './json-schema';
import { PlanSchemaError } from './schema-error';

/** How the schema states one field of an object. */
export interface FieldSchema {
  /** The field under this format's name (its description included). */
  readonly schema: JsonSchema;
  /** The field under the original framework's names, when it differs: in seconds, in any case. */
  readonly original?: JsonSchema;
  /** The validator reports MISSING_FIELD when the object gives it in no spelling. */
  readonly required?: true;
}

/** One entry per field of the table: a field added to the table without a schema does not compile. */
export type FieldSchemas<Field extends string> = Readonly<Record<Field, FieldSchema>>;

/** What an ignored key is for; any other ignored key is described as ignored only. */
const IGNORED_KEYS: Readonly<Record<string, string>> = {
  $schema: 'For editors: the JSON Schema of the file (this schema, e.g. "../schemas/plan.schema.json"). ',
};
const IGNORED = 'Ignored by the validator and dropped from the validated plan.';

/**
 * The schema of one kind of object, its keys taken from the validator's ObjectFields table: this format's
 * fields, the original framework's names for them, the ignored keys, and no other (UNKNOWN_FIELD). A field
 * may be given in one spelling only (DUPLICATE_FIELD): each original name's `dependentSchemas` entry
 * refuses the field's other names.
 */
export function objectSchema<Field extends string>(table: ObjectFields<Field>, fields: FieldSchemas<Field>, description: string): JsonSchema {
  const originals = table.originalFields();
  const spellings = (field: Field): string[] => [field, ...originals.filter((o) => o.field === field).map((o) => o.original)];

  const properties: Record<string, JsonSchema> = {};
  for (const key of table.ignoredKeys()) properties[key] = { description: `${IGNORED_KEYS[key] ?? ''}${IGNORED}` };
  for (const field of table.fields()) {
    const { schema } = fields[field];
    const others = spellings(field).slice(1);
    properties[field] = others.length === 0 ? schema : { ...schema, description: `${schema.description} ${alsoSpelt(others)}` };
  }
  for (const original of originals) properties[original.original] = originalProperty(original, fields[original.field], spellings(original.field));

  const schema: JsonSchema = { description, type: 'object' };
  const required = table.fields().filter((field) => fields[field].required);
  const single = required.filter((field) => spellings(field).length === 1);
  const either = required.filter((field) => spellings(field).length > 1);
  if (single.length > 0) schema.required = single;
  // A required field with several names: any one of them (two at once are refused below). Each branch
  // declares its name too: strict validators (ajv) refuse a `required` name no `properties` beside it holds.
  if (either.length > 0) {
    schema.allOf = either.map((field) => ({ anyOf: spellings(field).map((name) => ({ required: [name], properties: { [name]: true } })) }));
  }
  schema.properties = properties;
  schema.additionalProperties = false;
  if (originals.length > 0) {
    schema.dependentSchemas = Object.fromEntries(
      originals.map((o) => [o.original, { properties: Object.fromEntries(spellings(o.field).filter((name) => name !== o.original).map((name) => [name, false])) }]),
    );
  }
  return schema;
}

function alsoSpelt(others: readonly string[]): string {
  const names = others.length === 1 ? 'name' : 'names';
  return `Also spelt ${others.map((name) => `\`${name}\``).join(' or ')} (the original Python framework's ${names}); give one spelling only.`;
}

function originalProperty<Field extends string>(original: OriginalField<Field>, field: FieldSchema, spellings: readonly string[]): JsonSchema {
  if (original.unit === 'seconds' && field.original === undefined) {
    // A table entry in seconds needs its seconds range here: the field's own is in milliseconds.
    throw new PlanSchemaError(`${original.original} is in seconds but ${original.field} has no schema in seconds`);
  }
  const schema = field.original ?? field.schema;
  const unit = original.unit === 'seconds' ? ', in seconds' : '';
  const others = spellings.filter((name) => name !== original.original).map((name) => `\`${name}\``);
  return {
    ...schema,
    description: `The original Python framework's spelling of \`${original.field}\`${unit}. ${schema.description} Not together with ${others.join(' or ')}.`,
  };
}
