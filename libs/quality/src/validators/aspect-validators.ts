import type { AspectName, AspectValidator } from './aspect';
import { scoreAccuracy } from './accuracy.validator';
import { scoreCompleteness } from './completeness.validator';
import { scoreFormat } from './format.validator';
import { scoreRelevance } from './relevance.validator';

/** Every aspect validator by name, in the order they run. */
export const ASPECT_VALIDATORS: Readonly<Record<AspectName, AspectValidator>> = Object.freeze({
  completeness: scoreCompleteness,
  accuracy: scoreAccuracy,
  format: scoreFormat,
  relevance: scoreRelevance,
});
