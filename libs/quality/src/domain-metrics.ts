import { QualityDomain } from './quality-domain';
import { isPlainRecord } from './scoring/output-profile';
import type { StatusReading } from './scoring/output-status';
import type { ScoringInput } from './scoring/scoring-input';
import { ASPECT_NAMES, type AspectName } from './validators/aspect';

/** What a derivation may use: the four aspect scores and the output under judgement. */
export interface MetricInputs {
  readonly aspects: Readonly<Record<AspectName, number>>;
  readonly input: ScoringInput;
}

export type MetricDerivation = (inputs: MetricInputs) => number;

/** Neutral values for metrics no generic aspect can measure: they meet the domain minimum unless reported otherwise. */
export const DEFAULT_RISK_TOLERANCE = 0.7;
export const DEFAULT_BIAS_DETECTION = 0.6;

/** How much of its reliability a service keeps given its own status: a failure halves it, "pending" is not yet done. */
const STATUS_RELIABILITY: Readonly<Record<StatusReading['kind'], number>> = Object.freeze({ absent: 1, ok: 1, pending: 0.9, error: 0.5 });

// Fields that report on the answer rather than being part of it: not a topic for domain_coverage.
const SELF_REPORT_KEYS: ReadonlySet<string> = new Set(['confidence', 'qualityScore', 'quality_score', 'quality']);
const SECTION_KEYS = ['sections', 'topics'] as const;

/**
 * How each domain's metrics derive from the aspects (c = completeness, a = accuracy, f = format,
 * r = relevance) when the agent does not report them (a reported value always wins; see
 * reported-metrics.ts).
 *
 * | domain     | metric                  | derived as                                               |
 * |------------|-------------------------|----------------------------------------------------------|
 * | GENERIC    | overall_quality         | mean(c, a, f, r)                                         |
 * |            | completeness            | c                                                        |
 * | SERVICE    | service_reliability     | min(f, c) × status factor (ok/absent 1, pending 0.9, error 0.5) |
 * |            | response_accuracy       | a                                                        |
 * |            | user_satisfaction       | mean(r, c)                                               |
 * | ANALYTICAL | accuracy                | a                                                        |
 * |            | completeness            | c                                                        |
 * | BUSINESS   | confidence_score        | a                                                        |
 * |            | technical_feasibility   | mean(f, c)                                               |
 * |            | personal_sustainability | r                                                        |
 * |            | risk_tolerance          | 0.7 (only the agent can know its risk appetite)          |
 * | ACADEMIC   | research_confidence     | a                                                        |
 * |            | domain_coverage         | count: items of `sections` (or `topics`), else top-level keys other than confidence/quality, else array items |
 * |            | evidence_quality        | c                                                        |
 * |            | bias_detection          | 0.6 (no generic aspect measures bias)                    |
 * |            | methodological_rigor    | f                                                        |
 * | CREATIVE   | originality             | share of the output's distinct terms not taken from the description |
 * |            | coherence               | mean(f, r)                                               |
 * |            | completeness            | c                                                        |
 *
 * A metric a domain does not list (added by a per-run override) is derived as in the first domain
 * that lists it, else it is the aspect of the same name, else it is missing.
 */
export const METRIC_DERIVATIONS: Readonly<Record<QualityDomain, Readonly<Record<string, MetricDerivation>>>> = Object.freeze({
  [QualityDomain.GENERIC]: {
    overall_quality: ({ aspects: x }) => mean(x.completeness, x.accuracy, x.format, x.relevance),
    completeness: ({ aspects: x }) => x.completeness,
  },
  [QualityDomain.SERVICE]: {
    service_reliability: ({ aspects: x, input }) => Math.min(x.format, x.completeness) * STATUS_RELIABILITY[input.status.kind],
    response_accuracy: ({ aspects: x }) => x.accuracy,
    user_satisfaction: ({ aspects: x }) => mean(x.relevance, x.completeness),
  },
  [QualityDomain.ANALYTICAL]: {
    accuracy: ({ aspects: x }) => x.accuracy,
    completeness: ({ aspects: x }) => x.completeness,
  },
  [QualityDomain.BUSINESS]: {
    confidence_score: ({ aspects: x }) => x.accuracy,
    technical_feasibility: ({ aspects: x }) => mean(x.format, x.completeness),
    personal_sustainability: ({ aspects: x }) => x.relevance,
    risk_tolerance: () => DEFAULT_RISK_TOLERANCE,
  },
  [QualityDomain.ACADEMIC]: {
    research_confidence: ({ aspects: x }) => x.accuracy,
    domain_coverage: ({ input }) => coverageCount(input.output),
    evidence_quality: ({ aspects: x }) => x.completeness,
    bias_detection: () => DEFAULT_BIAS_DETECTION,
    methodological_rigor: ({ aspects: x }) => x.format,
  },
  [QualityDomain.CREATIVE]: {
    originality: ({ input }) => novelty(input),
    coherence: ({ aspects: x }) => mean(x.format, x.relevance),
    completeness: ({ aspects: x }) => x.completeness,
  },
});

// For metrics added by overrides: the first domain (in enum order) that defines the metric.
const ANY_DOMAIN_DERIVATIONS: ReadonlyMap<string, MetricDerivation> = (() => {
  const merged = new Map<string, MetricDerivation>();
  for (const derivations of Object.values(METRIC_DERIVATIONS)) {
    for (const [metric, derive] of Object.entries(derivations)) if (!merged.has(metric)) merged.set(metric, derive);
  }
  return merged;
})();

const ASPECT_DERIVATIONS: ReadonlyMap<string, MetricDerivation> = new Map(
  ASPECT_NAMES.map((aspect): [string, MetricDerivation] => [aspect, ({ aspects }) => aspects[aspect]]),
);

/** The derivation of `metric` in `domain`, or undefined when nothing can derive it. */
export function derivationFor(domain: QualityDomain, metric: string): MetricDerivation | undefined {
  const own = METRIC_DERIVATIONS[domain][metric];
  if (own !== undefined) return own;
  return ASPECT_DERIVATIONS.get(metric) ?? ANY_DOMAIN_DERIVATIONS.get(metric);
}

function mean(...values: number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Distinct sections or topics the output covers (a count, not a ratio). */
function coverageCount(output: unknown): number {
  if (Array.isArray(output)) return output.length;
  if (!isPlainRecord(output)) return 0;
  for (const key of SECTION_KEYS) {
    const listed = output[key];
    if (Array.isArray(listed) && listed.length > 0) return listed.length;
  }
  return Object.keys(output).filter((key) => !SELF_REPORT_KEYS.has(key)).length;
}

/** The share of the output's distinct terms that the description did not already contain (0 without terms). */
function novelty(input: ScoringInput): number {
  const terms = input.profile.terms;
  if (terms.size === 0) return 0;
  const given = input.descriptionTerms;
  let novel = 0;
  for (const term of terms) if (!given.has(term)) novel++;
  return novel / terms.size;
}
