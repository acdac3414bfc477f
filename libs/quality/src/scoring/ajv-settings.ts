import type { Options } from 'ajv';
import type { JsonSchema } from '../json-schema';

/**
 * How every output schema is compiled, at run time and ahead of time (precompiled-output-validators.ts
 * is generated with these options: change them and regenerate it, its test says how).
 */
export const AJV_OPTIONS: Readonly<Options> = Object.freeze({
  // Completeness needs every missing field, not just the first.
  allErrors: true,
  // Remote cards carry keywords and formats we do not know: ignore them instead of refusing the schema.
  strict: false,
  logger: false,
  // Two agents may declare different schemas with the same $id; never register them globally.
  addUsedSchema: false,
});

const DRAFT_2020 = '2020-12';

/** A schema that says it is draft 2020-12 is compiled by ajv's 2020 class; any other as draft-07. */
export function isDraft2020(schema: JsonSchema): boolean {
  return typeof schema.$schema === 'string' && schema.$schema.includes(DRAFT_2020);
}
