import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import type { JsonSchema } from '../json-schema';
import { QualityError } from '../quality-error';

/** The outcome of validating one output against its agent's schema. */
export interface SchemaCheck {
  readonly valid: boolean;
  readonly errors: readonly ErrorObject[];
}

const AJV_OPTIONS: Options = {
  // Completeness needs every missing field, not just the first.
  allErrors: true,
  // Remote cards carry keywords and formats we do not know: ignore them instead of refusing the schema.
  strict: false,
  logger: false,
  // Two agents may declare different schemas with the same $id; never register them globally.
  addUsedSchema: false,
};

const NO_ERRORS: readonly ErrorObject[] = Object.freeze([]);
const ESCAPED_SLASH = /~1/g;
const ESCAPED_TILDE = /~0/g;
const DRAFT_2020 = '2020-12';
// Agents are few and their schemas stable; the text cache only catches resolvers that rebuild schemas.
const MAX_TEXT_CACHE_ENTRIES = 256;

type Compiled = { readonly validate: ValidateFunction } | { readonly error: QualityError };

let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;
// Compiling is ~1000x the cost of validating: compile once per schema object (and per schema text).
const compiledByObject = new WeakMap<object, Compiled>();
const compiledByText = new Map<string, Compiled>();

/** The compiled validator for `schema`, from the cache when possible. Throws INVALID_OUTPUT_SCHEMA. */
export function compileOutputSchema(schema: JsonSchema): ValidateFunction {
  const compiled = cachedCompile(schema);
  if ('error' in compiled) throw compiled.error;
  return compiled.validate;
}

export function checkAgainstSchema(schema: JsonSchema, output: unknown): SchemaCheck {
  const validate = compileOutputSchema(schema);
  const valid = validate(output);
  if (typeof valid !== 'boolean') {
    throw new QualityError('INVALID_OUTPUT_SCHEMA', 'output schema is asynchronous ($async); only synchronous schemas can score outputs');
  }
  return { valid, errors: valid ? NO_ERRORS : (validate.errors ?? NO_ERRORS) };
}

function cachedCompile(schema: JsonSchema): Compiled {
  const byObject = compiledByObject.get(schema);
  if (byObject !== undefined) return byObject;
  const text = schemaText(schema);
  const byText = text === undefined ? undefined : compiledByText.get(text);
  // Failures are cached too, so a broken card costs one compile, not one per task.
  const compiled = byText ?? compile(schema);
  compiledByObject.set(schema, compiled);
  if (text !== undefined && byText === undefined) {
    if (compiledByText.size >= MAX_TEXT_CACHE_ENTRIES) compiledByText.delete(compiledByText.keys().next().value as string);
    compiledByText.set(text, compiled);
  }
  return compiled;
}

function compile(schema: JsonSchema): Compiled {
  try {
    return { validate: ajvFor(schema).compile(schema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: new QualityError('INVALID_OUTPUT_SCHEMA', `output schema cannot be compiled: ${reason}`) };
  }
}

function ajvFor(schema: JsonSchema): Ajv | Ajv2020 {
  if (typeof schema.$schema === 'string' && schema.$schema.includes(DRAFT_2020)) return (draft2020 ??= new Ajv2020(AJV_OPTIONS));
  return (draft07 ??= new Ajv(AJV_OPTIONS));
}

function schemaText(schema: JsonSchema): string | undefined {
  try {
    return JSON.stringify(schema);
  } catch {
    return undefined; // cyclic: ajv will report it
  }
}

/** Dotted path of an ajv error's instance ("/items/0/sku" → "items.0.sku"; "" for the root). */
export function instancePathOf(error: ErrorObject): string {
  if (error.instancePath.length === 0) return '';
  return error.instancePath
    .slice(1)
    .split('/')
    .map(unescapePointer)
    .join('.');
}

/** The top-level field an error is about: the first path segment, or the missing property of a root `required`. */
export function topLevelFieldOf(error: ErrorObject): string | undefined {
  if (error.instancePath.length === 0) {
    return error.keyword === 'required' ? String((error.params as { missingProperty?: unknown }).missingProperty) : undefined;
  }
  const end = error.instancePath.indexOf('/', 1);
  const segment = end === -1 ? error.instancePath.slice(1) : error.instancePath.slice(1, end);
  return unescapePointer(segment);
}

// JSON Pointer escapes (RFC 6901): "~1" is "/", "~0" is "~".
function unescapePointer(segment: string): string {
  return segment.replace(ESCAPED_SLASH, '/').replace(ESCAPED_TILDE, '~');
}
