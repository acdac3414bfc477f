import type { ScoringInput } from '../scoring/scoring-input';
import type { AspectScore } from './aspect';

/** A structured output with fewer distinct terms than this is terse: ids, numbers and a few keys. */
export const TERSE_VOCABULARY = 24;
/** The least a terse structured output scores, so `{orderId, transactionId, amount}` is not called irrelevant. */
export const TERSE_STRUCTURE_FLOOR = 0.5;
const MAX_UNMATCHED_LISTED = 8;

/**
 * Relevance: the share of the task description's meaningful terms (stop-words dropped, lightly
 * stemmed; see text-terms.ts) found among the output's keys and string values. A non-empty object
 * or array with a terse vocabulary scores at least TERSE_STRUCTURE_FLOOR; wordy output is taken at
 * its word, so long unrelated text scores low. A description without meaningful terms scores 1.
 */
export function scoreRelevance(input: ScoringInput): AspectScore {
  const wanted = input.descriptionTerms;
  if (wanted.size === 0) return { score: 1, reasons: [] };
  const profile = input.profile;
  const unmatched: string[] = [];
  for (const term of wanted) if (!profile.terms.has(term)) unmatched.push(term);
  const share = (wanted.size - unmatched.length) / wanted.size;
  const terse = (profile.kind === 'object' || profile.kind === 'array') && profile.size > 0 && profile.terms.size < TERSE_VOCABULARY;
  const score = terse ? Math.max(share, TERSE_STRUCTURE_FLOOR) : share;
  const reasons = unmatched.length === 0 ? [] : [`unmatched_terms:${unmatched.slice(0, MAX_UNMATCHED_LISTED).join(',')}`];
  return { score, reasons };
}
