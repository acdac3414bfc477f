import { instancePathOf } from '../scoring/schema-validator';
import type { ScoringInput } from '../scoring/scoring-input';
import { clampUnit, ReasonList, type AspectScore } from './aspect';

// "Error: ...", "TypeError: ...", "failed to ...", "Traceback ...": an agent's failure passed off as output.
const ERROR_TEXT = /^\s*(?:error|exception|fatal|failed|failure|traceback)\b|^\s*\w*(?:error|exception):/i;

const EMPTY_STRUCTURE_SCORE = 0.2;
// Plain text or a scalar is a valid answer but not the structured result agents are asked for.
const UNSTRUCTURED_SCORE = 0.5;
const WRONG_ROOT_TYPE_SCORE = 0.2;
const NON_JSON_PENALTY = 0.25;
const NESTED_TYPE_PENALTY = 0.15;

/**
 * Format: a non-empty JSON object or array scores 1; an empty one 0.2; plain text or a scalar 0.5;
 * a bare error string, null, undefined or a non-JSON value 0. Then: −0.25 per value JSON cannot
 * carry (NaN, functions, cycles...), and against the schema's types: the wrong top-level type caps
 * the score at 0.2, each wrongly typed nested value costs 0.15.
 */
export function scoreFormat(input: ScoringInput): AspectScore {
  const reasons = new ReasonList();
  let score = shapeScore(input, reasons);
  for (const path of input.profile.nonJsonValues) {
    score -= NON_JSON_PENALTY;
    reasons.add(`not_json:${path}`);
  }
  const check = input.schemaCheck;
  if (check !== undefined && !check.valid) {
    for (const error of check.errors) {
      if (error.keyword !== 'type') continue;
      const path = instancePathOf(error);
      const expected = String((error.params as { type?: unknown }).type);
      if (path.length === 0) {
        score = Math.min(score, WRONG_ROOT_TYPE_SCORE);
        reasons.add(`wrong_type:expected ${expected}`);
      } else {
        score -= NESTED_TYPE_PENALTY;
        reasons.add(`type_error:${path} expected ${expected}`);
      }
    }
  }
  return { score: clampUnit(score), reasons: reasons.list() };
}

function shapeScore(input: ScoringInput, reasons: ReasonList): number {
  const profile = input.profile;
  switch (profile.kind) {
    case 'object':
    case 'array':
      if (profile.size > 0) return 1;
      reasons.add('empty_output');
      return EMPTY_STRUCTURE_SCORE;
    case 'string': {
      const text = input.output as string;
      if (text.trim().length === 0) {
        reasons.add('empty_output');
        return 0;
      }
      if (ERROR_TEXT.test(text)) {
        reasons.add('bare_error_string');
        return 0;
      }
      reasons.add('unstructured_text');
      return UNSTRUCTURED_SCORE;
    }
    case 'number':
    case 'boolean':
      reasons.add('unstructured_value');
      return UNSTRUCTURED_SCORE;
    case 'null':
    case 'undefined':
      reasons.add('empty_output');
      return 0;
    default:
      // The walk already lists it under not_json.
      return 0;
  }
}
