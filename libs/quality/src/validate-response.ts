import { derivationFor, type MetricInputs } from './domain-metrics';
import type { JsonSchema } from './json-schema';
import type { OutputValidator } from './scoring/output-validator';
import { QualityDomain } from './quality-domain';
import { reportedMetric } from './reported-metrics';
import { ScoringInput } from './scoring/scoring-input';
import { checkMinimumScore, resolveThresholds, type QualityThreshold, type ThresholdOverrides } from './thresholds';
import { ASPECT_NAMES, clampUnit, type AspectName, type AspectScore } from './validators/aspect';
import { ASPECT_VALIDATORS } from './validators/aspect-validators';

export interface QualityContext {
  /** Default GENERIC. */
  domain?: QualityDomain;
  /** The task description, for relevance. */
  description?: string;
  /** The agent's declared output schema, for completeness, accuracy and format. */
  outputSchema?: JsonSchema;
  /** Per-run threshold overrides. */
  thresholds?: ThresholdOverrides;
  /** Minimum overall score in [0, 1] (a task's `qualityThreshold`). */
  minimumScore?: number;
  /**
   * What a validator that throws (e.g. on a schema ajv cannot compile) does. true (default): fail
   * closed — the aspect scores 0 and the issue `validator_error` rejects the output. false: fail
   * open — the aspect is re-scored as if no schema were declared (1 if it still throws), with a warning.
   */
  strictMode?: boolean;
  /** Stop checking at the first issue (default false). The score still covers every metric. */
  failFast?: boolean;
}

export interface ThresholdResult {
  metric: string;
  /** null when the metric could not be computed. */
  value: number | null;
  min: number;
  max?: number;
  passed: boolean;
}

export interface QualityResult {
  qualityApproved: boolean;
  /** Weighted mean of each metric ÷ its max (1 when none), clamped to [0, 1]; a missing required metric counts 0. */
  qualityScore: number;
  domain: QualityDomain;
  /** Every computed metric of the domain (and of the overrides). */
  metrics: Record<string, number>;
  thresholdResults: ThresholdResult[];
  /** `<metric>_not_met`, `<metric>_missing`, `validator_error`, `quality_threshold_not_met`. */
  qualityIssues: string[];
  /** Why aspects lost points (`missing_field:orderId`, `error_status:declined`, ...). */
  findings: string[];
  /** What was tolerated: validator errors under strictMode false, reported metrics out of range. */
  warnings: string[];
  aspects: Record<AspectName, AspectScore>;
}

/** Thresholds already resolved: the scorer resolves them once per domain, not once per task. */
export interface QualityEvaluation {
  domain: QualityDomain;
  thresholds: readonly QualityThreshold[];
  description: string;
  outputSchema?: JsonSchema;
  /** `outputSchema` compiled when its agent registered; without it, compiled on first use (then cached). */
  outputValidator?: OutputValidator;
  minimumScore?: number;
  strictMode: boolean;
  failFast: boolean;
}

// Derived metrics are means of fractions: 0.75 must meet a 0.75 minimum despite float noise.
const EPSILON = 1e-9;

/**
 * Judges one output: scores the four aspects, derives the domain's metrics (reported ones win),
 * checks each against its threshold and computes the overall score. Throws QualityError
 * (INVALID_THRESHOLD) only for bad overrides or a bad minimumScore; validator failures follow strictMode.
 */
export function validateResponse(output: unknown, context: QualityContext = {}): QualityResult {
  const domain = context.domain ?? QualityDomain.GENERIC;
  checkMinimumScore(context.minimumScore);
  return evaluateQuality(output, {
    domain,
    thresholds: resolveThresholds(domain, context.thresholds),
    description: context.description ?? '',
    outputSchema: context.outputSchema,
    minimumScore: context.minimumScore,
    strictMode: context.strictMode ?? true,
    failFast: context.failFast ?? false,
  });
}

export function evaluateQuality(output: unknown, settings: QualityEvaluation): QualityResult {
  const judgement = new Judgement(settings);
  const input = new ScoringInput(output, settings.description, settings.outputSchema, settings.outputValidator);
  const aspects = judgement.scoreAspects(input);
  const inputs: MetricInputs = { aspects: aspectValues(aspects), input };

  const metrics: Record<string, number> = {};
  const thresholdResults: ThresholdResult[] = [];
  let weighted = 0;
  let totalWeight = 0;
  for (const threshold of settings.thresholds) {
    const value = judgement.metricValue(threshold.metric, inputs);
    if (value === 'skipped') continue;
    if (value === undefined) {
      if (!threshold.required) continue;
      totalWeight += threshold.weight;
    } else {
      metrics[threshold.metric] = value;
      weighted += threshold.weight * clampUnit(value / (threshold.max ?? 1));
      totalWeight += threshold.weight;
    }
    if (judgement.stopped) continue;
    const passed = value !== undefined && value >= threshold.min - EPSILON && (threshold.max === undefined || value <= threshold.max + EPSILON);
    thresholdResults.push(resultOf(threshold, value, passed));
    if (!passed) judgement.addIssue(`${threshold.metric}_${value === undefined ? 'missing' : 'not_met'}`);
  }

  // Every weight zero leaves nothing to average: fall back on the aspects.
  const qualityScore = totalWeight > 0 ? weighted / totalWeight : meanOf(inputs.aspects);
  if (settings.minimumScore !== undefined && qualityScore < settings.minimumScore - EPSILON) {
    judgement.addIssue('quality_threshold_not_met');
  }
  return {
    qualityApproved: judgement.issues.length === 0,
    qualityScore,
    domain: settings.domain,
    metrics,
    thresholdResults,
    qualityIssues: judgement.issues,
    findings: judgement.findings(aspects),
    warnings: judgement.warnings,
    aspects,
  };
}

/** The issues, warnings and strictMode handling of one evaluation. */
class Judgement {
  readonly issues: string[] = [];
  readonly warnings: string[] = [];
  private readonly errors: string[] = [];
  private schemalessInput: ScoringInput | undefined;

  constructor(private readonly settings: QualityEvaluation) {}

  /** failFast and an issue already found: record no more. */
  get stopped(): boolean {
    return this.settings.failFast && this.issues.length > 0;
  }

  addIssue(issue: string): void {
    if (!this.stopped && !this.issues.includes(issue)) this.issues.push(issue);
  }

  scoreAspects(input: ScoringInput): Record<AspectName, AspectScore> {
    const scores = {} as Record<AspectName, AspectScore>;
    for (const name of ASPECT_NAMES) scores[name] = this.scoreAspect(name, input);
    return scores;
  }

  /** A metric's value: reported by the agent, else derived; undefined when missing, 'skipped' when failed open. */
  metricValue(metric: string, inputs: MetricInputs): number | undefined | 'skipped' {
    try {
      const reported = reportedMetric(inputs.input.output, metric);
      if (reported?.kind === 'value') return reported.value;
      if (reported?.kind === 'out_of_range') this.warnings.push(`reported_out_of_range:${metric}=${reported.value}`);
      return derivationFor(this.settings.domain, metric)?.(inputs);
    } catch (error) {
      const detail = `validator_error:${metric}: ${messageOf(error)}`;
      if (!this.settings.strictMode) {
        this.warnings.push(detail);
        return 'skipped';
      }
      this.errors.push(detail);
      this.addIssue('validator_error');
      return 0;
    }
  }

  findings(aspects: Record<AspectName, AspectScore>): string[] {
    const found = new Set<string>(this.errors);
    for (const name of ASPECT_NAMES) for (const reason of aspects[name].reasons) found.add(reason);
    return [...found];
  }

  private scoreAspect(name: AspectName, input: ScoringInput): AspectScore {
    const validate = ASPECT_VALIDATORS[name];
    try {
      return validate(input);
    } catch (error) {
      const detail = `validator_error:${name}: ${messageOf(error)}`;
      if (this.settings.strictMode) {
        this.errors.push(detail);
        this.addIssue('validator_error');
        return { score: 0, reasons: [] };
      }
      this.warnings.push(detail);
      return this.scoreWithoutSchema(name, input);
    }
  }

  // Failing open: judge the output as if its agent had declared no schema, so its other defects still count.
  private scoreWithoutSchema(name: AspectName, input: ScoringInput): AspectScore {
    if (input.schema !== undefined) {
      this.schemalessInput ??= new ScoringInput(input.output, input.description, undefined);
      try {
        return ASPECT_VALIDATORS[name](this.schemalessInput);
      } catch {
        // fall through: nothing left to judge this aspect with
      }
    }
    return { score: 1, reasons: [] };
  }
}

function aspectValues(aspects: Record<AspectName, AspectScore>): Record<AspectName, number> {
  return {
    completeness: aspects.completeness.score,
    accuracy: aspects.accuracy.score,
    format: aspects.format.score,
    relevance: aspects.relevance.score,
  };
}

function meanOf(aspects: Readonly<Record<AspectName, number>>): number {
  return (aspects.completeness + aspects.accuracy + aspects.format + aspects.relevance) / ASPECT_NAMES.length;
}

function resultOf(threshold: QualityThreshold, value: number | undefined, passed: boolean): ThresholdResult {
  const result: ThresholdResult = { metric: threshold.metric, value: value ?? null, min: threshold.min, passed };
  if (threshold.max !== undefined) result.max = threshold.max;
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
