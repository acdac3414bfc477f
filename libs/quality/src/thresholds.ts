import { QualityDomain } from './quality-domain';
import { QualityError } from './quality-error';

/** One metric's acceptance band. A value below `min` or above `max` is `<metric>_not_met`. */
export interface QualityThreshold {
  readonly metric: string;
  readonly min: number;
  /** Upper bound; also the divisor that normalises the metric into the score (default 1). */
  readonly max?: number;
  /** A required metric that cannot be computed is `<metric>_missing`; an optional one is skipped. */
  readonly required: boolean;
  /** Weight of the metric in the overall score. */
  readonly weight: number;
}

/** Per-run override of one metric: a number replaces its minimum; an object replaces the fields it sets. */
export type ThresholdOverride = number | { min?: number; max?: number; required?: boolean; weight?: number };

/** Per-run overrides by metric name. A metric the domain does not list is added as a required one. */
export type ThresholdOverrides = Readonly<Record<string, ThresholdOverride>>;

function threshold(metric: string, min: number, max?: number): QualityThreshold {
  return Object.freeze(max === undefined ? { metric, min, required: true, weight: 1 } : { metric, min, max, required: true, weight: 1 });
}

/** Metrics that are counts, not ratios in [0, 1]: their bounds may exceed 1. */
export const COUNT_METRICS: ReadonlySet<string> = new Set(['domain_coverage']);

/** Default thresholds per domain, as the original Python framework ships them. */
export const DEFAULT_THRESHOLDS: Readonly<Record<QualityDomain, readonly QualityThreshold[]>> = Object.freeze({
  [QualityDomain.GENERIC]: Object.freeze([threshold('overall_quality', 0.7), threshold('completeness', 0.8)]),
  [QualityDomain.SERVICE]: Object.freeze([
    threshold('service_reliability', 0.95),
    threshold('response_accuracy', 0.8),
    threshold('user_satisfaction', 0.75),
  ]),
  [QualityDomain.BUSINESS]: Object.freeze([
    threshold('confidence_score', 0.75),
    threshold('technical_feasibility', 0.8),
    threshold('personal_sustainability', 0.7),
    threshold('risk_tolerance', 0.6, 0.8),
  ]),
  [QualityDomain.ACADEMIC]: Object.freeze([
    threshold('research_confidence', 0.7),
    // A count of distinct sections / top-level topics, not a ratio.
    threshold('domain_coverage', 2, 10),
    threshold('evidence_quality', 0.75),
    threshold('bias_detection', 0.6),
    threshold('methodological_rigor', 0.7),
  ]),
  [QualityDomain.ANALYTICAL]: Object.freeze([threshold('accuracy', 0.9), threshold('completeness', 0.85)]),
  // The original framework names CREATIVE without thresholds; ours: original enough, coherent, and complete but
  // below ANALYTICAL's bar (creative work is judged more loosely on form).
  [QualityDomain.CREATIVE]: Object.freeze([threshold('originality', 0.6), threshold('coherence', 0.7), threshold('completeness', 0.7)]),
});

/** The original framework's orchestrator-level thresholds (`quality_thresholds` of the enhanced orchestrator), usable as per-run overrides. */
export const ORCHESTRATOR_THRESHOLDS: ThresholdOverrides = Object.freeze({ completeness: 0.9, accuracy: 0.95 });

/** The domain's defaults with the per-run overrides applied (validated: a bad override throws INVALID_THRESHOLD). */
export function resolveThresholds(domain: QualityDomain, overrides?: ThresholdOverrides): readonly QualityThreshold[] {
  const defaults = DEFAULT_THRESHOLDS[domain];
  if (overrides === undefined) return defaults;
  const names = Object.keys(overrides);
  if (names.length === 0) return defaults;
  const resolved = defaults.map((base) => (base.metric in overrides ? applyOverride(base, overrides[base.metric]) : base));
  for (const metric of names) {
    if (!defaults.some((base) => base.metric === metric)) {
      resolved.push(applyOverride({ metric, min: 0, required: true, weight: 1 }, overrides[metric]));
    }
  }
  return Object.freeze(resolved);
}

function applyOverride(base: QualityThreshold, override: ThresholdOverride): QualityThreshold {
  const patch = typeof override === 'number' ? { min: override } : override;
  if (typeof patch !== 'object' || patch === null) {
    throw invalidThreshold(base.metric, 'must be a number or {min?, max?, required?, weight?}', override);
  }
  const min = patch.min ?? base.min;
  const max = 'max' in patch ? patch.max : base.max;
  const weight = patch.weight ?? base.weight;
  if (!isNonNegativeNumber(min)) throw invalidThreshold(base.metric, 'min must be a finite number >= 0', min);
  // 90 for 0.9 is the likely mistake: a ratio minimum above 1 could never be met.
  if (min > 1 && !COUNT_METRICS.has(base.metric)) throw invalidThreshold(base.metric, 'min of a ratio metric must be in [0, 1]', min);
  if (max !== undefined && !(isNonNegativeNumber(max) && max >= min && max > 0)) {
    throw invalidThreshold(base.metric, `max must be a finite number > 0 and >= min (${min})`, max);
  }
  if (!isNonNegativeNumber(weight)) throw invalidThreshold(base.metric, 'weight must be a finite number >= 0', weight);
  if (patch.required !== undefined && typeof patch.required !== 'boolean') {
    throw invalidThreshold(base.metric, 'required must be a boolean', patch.required);
  }
  const required = patch.required ?? base.required;
  return Object.freeze(max === undefined ? { metric: base.metric, min, required, weight } : { metric: base.metric, min, max, required, weight });
}

/** A minimum overall score (a task's `qualityThreshold`) must lie in [0, 1]. */
export function checkMinimumScore(minimumScore: number | undefined): void {
  if (minimumScore === undefined) return;
  if (!(typeof minimumScore === 'number' && minimumScore >= 0 && minimumScore <= 1)) {
    throw new QualityError('INVALID_THRESHOLD', `qualityThreshold must be a number in [0, 1] (got ${JSON.stringify(minimumScore)})`);
  }
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function invalidThreshold(metric: string, rule: string, value: unknown): QualityError {
  return new QualityError('INVALID_THRESHOLD', `threshold "${metric}": ${rule} (got ${JSON.stringify(value)})`);
}
