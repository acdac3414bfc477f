import { isPlainRecord } from '../scoring/output-profile';
import { instancePathOf } from '../scoring/schema-validator';
import type { ScoringInput } from '../scoring/scoring-input';
import { clampUnit, ReasonList, type AspectScore } from './aspect';

/**
 * Accuracy when the agent reports no confidence: enough for the GENERIC, SERVICE and BUSINESS
 * minimums, not for ANALYTICAL's 0.9 (analytical work must vouch for itself).
 */
export const UNREPORTED_CONFIDENCE = 0.8;

// An output that says it failed is not an accurate answer to the task, whatever its confidence.
const ERROR_STATUS_PENALTY = 0.5;
const NEGATIVE_QUANTITY_PENALTY = 0.2;
const SCHEMA_VIOLATION_PENALTY = 0.1;
const MAX_SCHEMA_PENALTY = 0.5;

/**
 * Accuracy: the agent's own `confidence` (else `qualityScore`) in [0, 1], lowered by consistency
 * checks — an error-like status or a non-empty `error` field (−0.5), a negative amount, count or
 * quantity (−0.2 each), and each value the schema rejects (type, range, enum...: −0.1 each, at
 * most −0.5; missing fields are completeness' business).
 */
export function scoreAccuracy(input: ScoringInput): AspectScore {
  const reasons = new ReasonList();
  let score = reportedConfidence(input.output, reasons);

  const status = input.status;
  if (status.kind === 'error') {
    score -= ERROR_STATUS_PENALTY;
    reasons.add(`error_status:${status.value ?? 'error'}`);
  }
  for (const path of input.profile.negativeQuantities) {
    score -= NEGATIVE_QUANTITY_PENALTY;
    reasons.add(`negative_value:${path}`);
  }
  const check = input.schemaCheck;
  if (check !== undefined && !check.valid) {
    let penalty = 0;
    for (const error of check.errors) {
      if (error.keyword === 'required') continue;
      penalty += SCHEMA_VIOLATION_PENALTY;
      reasons.add(`schema_violation:${instancePathOf(error) || '(root)'} ${error.message ?? error.keyword}`);
    }
    score -= Math.min(penalty, MAX_SCHEMA_PENALTY);
  }
  return { score: clampUnit(score), reasons: reasons.list() };
}

function reportedConfidence(output: unknown, reasons: ReasonList): number {
  if (!isPlainRecord(output)) {
    reasons.add('confidence_not_reported');
    return UNREPORTED_CONFIDENCE;
  }
  const reported = output.confidence !== undefined ? output.confidence : output.qualityScore;
  if (reported === undefined) {
    reasons.add('confidence_not_reported');
    return UNREPORTED_CONFIDENCE;
  }
  if (typeof reported !== 'number' || !(reported >= 0 && reported <= 1)) {
    reasons.add(`confidence_out_of_range:${String(reported)}`);
    return UNREPORTED_CONFIDENCE;
  }
  return reported;
}
