import type { JsonSchema } from '../json-schema';
import { isEmptyValue, isPlainRecord } from '../scoring/output-profile';
import type { SchemaCheck } from '../scoring/schema-validator';
import { topLevelFieldOf } from '../scoring/schema-validator';
import type { ScoringInput } from '../scoring/scoring-input';
import { ReasonList, type AspectScore } from './aspect';

// A declared schema the output violates cannot be complete, even when nothing is required.
const SCHEMA_VIOLATION_FACTOR = 0.5;

/**
 * Completeness.
 * - With an output schema that lists required fields: the share of them that are present and
 *   valid (checked by ajv; a violation anywhere inside a field makes that field invalid).
 * - Without a schema, or one that requires nothing: for an object, the share of its top-level
 *   fields that are filled (not null, blank, [] or {}); a non-empty array, string, number or
 *   boolean scores 1; nothing (null, undefined, "", [], {}) scores 0. A schema violation halves it.
 */
export function scoreCompleteness(input: ScoringInput): AspectScore {
  const check = input.schemaCheck;
  const required = requiredFields(input.schema);
  if (check === undefined || required.length === 0) return byNonEmptiness(input, check);

  const output = input.output;
  if (!isPlainRecord(output)) return { score: 0, reasons: [`not_an_object:${input.profile.kind}`] };
  const invalid = invalidTopLevelFields(check);
  const reasons = new ReasonList();
  let satisfied = 0;
  for (const field of required) {
    if (output[field] === undefined) reasons.add(`missing_field:${field}`);
    else if (invalid.has(field)) reasons.add(`invalid_field:${field}`);
    else satisfied++;
  }
  return { score: satisfied / required.length, reasons: reasons.list() };
}

function requiredFields(schema: JsonSchema | undefined): readonly string[] {
  const required = schema?.required;
  return Array.isArray(required) ? required.filter((field): field is string => typeof field === 'string') : [];
}

function invalidTopLevelFields(check: SchemaCheck): ReadonlySet<string> {
  const invalid = new Set<string>();
  for (const error of check.errors) {
    // A root `required` error is a missing field, reported as such.
    if (error.instancePath.length === 0) continue;
    const field = topLevelFieldOf(error);
    if (field !== undefined) invalid.add(field);
  }
  return invalid;
}

function byNonEmptiness(input: ScoringInput, check: SchemaCheck | undefined): AspectScore {
  const profile = input.profile;
  const reasons = new ReasonList();
  let score: number;
  if (profile.kind === 'object') {
    for (const key of profile.emptyTopLevelKeys) reasons.add(`empty_field:${key}`);
    score = profile.size === 0 ? 0 : (profile.size - profile.emptyTopLevelKeys.length) / profile.size;
  } else {
    score = profile.kind === 'other' || isEmptyValue(input.output) ? 0 : 1;
  }
  if (score === 0 && profile.emptyTopLevelKeys.length === 0) reasons.add('empty_output');
  if (check !== undefined && !check.valid) {
    score *= SCHEMA_VIOLATION_FACTOR;
    reasons.add('schema_violation');
  }
  return { score, reasons: reasons.list() };
}
