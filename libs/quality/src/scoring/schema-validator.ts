import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import type { JsonSchema } from '../json-schema';
import { QualityError } from '../quality-error';
import { AJV_OPTIONS, isDraft2020 } from './ajv-settings';
import type { OutputValidator } from './output-validator';
import { PRECOMPILED_OUTPUT_VALIDATORS } from './precompiled-output-validators';

/** The outcome of validating one output against its agent's schema. */
export interface SchemaCheck {
  readonly valid: boolean;
  readonly errors: readonly ErrorObject[];
}

const NO_ERRORS: readonly ErrorObject[] = Object.freeze([]);
const ESCAPED_SLASH = /~1/g;
const ESCAPED_TILDE = /~0/g;
// Agents are few and their schemas stable; the text cache only catches resolvers that rebuild schemas.
const MAX_TEXT_CACHE_ENTRIES = 256;

type Compiled = { readonly validate: OutputValidator } | { readonly error: QualityError };

let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;
// Compiling is ~1000x the cost of validating: compile once per schema object (and per schema text).
const compiledByObject = new WeakMap<object, Compiled>();
const compiledByText = new Map<string, Compiled>();

/**
 * The compiled validator for `schema`: from the cache, else the code generated ahead of time for
 * a schema with the same text (the demo agents'), else compiled by ajv. Throws INVALID_OUTPUT_SCHEMA.
 */
export function compileOutputSchema(schema: JsonSchema): OutputValidator {
  const compiled = cachedCompile(schema);
  if ('error' in compiled) throw compiled.error;
  return compiled.validate;
}

/** Runs `validate` (the compiled `schema`, compiled here when not given) on one output. */
export function checkAgainstSchema(schema: JsonSchema, output: unknown, validate: OutputValidator = compileOutputSchema(schema)): SchemaCheck {
  const valid = validate(output);
  if (typeof valid !== 'boolean') throw asynchronousSchemaError();
  return { valid, errors: valid ? NO_ERRORS : (validate.errors ?? NO_ERRORS) };
}

export function asynchronousSchemaError(): QualityError {
  return new QualityError('INVALID_OUTPUT_SCHEMA', 'output schema is asynchronous ($async); only synchronous schemas can score outputs');
}

function cachedCompile(schema: JsonSchema): Compiled {
  const byObject = compiledByObject.get(schema);
  if (byObject !== undefined) return byObject;
  const text = schemaText(schema);
  const byText = text === undefined ? undefined : compiledByText.get(text);
  // Failures are cached too, so a broken card costs one compile, not one per task.
  const compiled = byText ?? compile(schema, text);
  // An untyped card may hold `true` or a string; only objects can key a WeakMap.
  if (typeof schema === 'object' && schema !== null) compiledByObject.set(schema, compiled);
  if (text !== undefined && byText === undefined) {
    if (compiledByText.size >= MAX_TEXT_CACHE_ENTRIES) compiledByText.delete(compiledByText.keys().next().value as string);
    compiledByText.set(text, compiled);
  }
  return compiled;
}

function compile(schema: JsonSchema, text: string | undefined): Compiled {
  // Same text, same options, same ajv: the generated code is what ajv would compile (its test checks it).
  const precompiled = text === undefined ? undefined : PRECOMPILED_OUTPUT_VALIDATORS.get(text);
  if (precompiled !== undefined) return { validate: precompiled };
  try {
    return { validate: ajvFor(schema).compile(schema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: new QualityError('INVALID_OUTPUT_SCHEMA', `output schema cannot be compiled: ${reason}`) };
  }
}

// ajv is loaded on first use only: loading it costs a fresh process tens of milliseconds, and
// schemas with precompiled code (the demo agents') never need it.
function ajvFor(schema: JsonSchema): Ajv | Ajv2020 {
  if (isDraft2020(schema)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (draft2020 ??= new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(AJV_OPTIONS));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (draft07 ??= new (require('ajv') as typeof import('ajv')).default(AJV_OPTIONS));
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
