import type { QualityVerdict, TaskRequest } from '@a2a-mcp/core-graph';
import type { JsonSchema } from './json-schema';
import type { OutputSchemaRegistry } from './output-schema-registry';
import { parseQualityDomain, QUALITY_DOMAINS, QualityDomain } from './quality-domain';
import { QualityError } from './quality-error';
import { checkMinimumScore, resolveThresholds, type QualityThreshold, type ThresholdOverrides } from './thresholds';
import { evaluateQuality } from './validate-response';

export interface QualityScorerOptions {
  /** false: the scorer returns undefined for every task (ENABLE_QUALITY_VALIDATION=false). Default true. */
  enabled?: boolean;
  /** Domain of a task that names none (and whose agent names none). Default GENERIC. */
  defaultDomain?: QualityDomain;
  /** Per-run threshold overrides; checked when the scorer is created. */
  thresholds?: ThresholdOverrides;
  /**
   * The agents' output schemas, compiled when they registered (prepareOutputSchemas): scoring then
   * never compiles. An agent it does not hold falls back on `resolveOutputSchema`.
   */
  outputSchemas?: OutputSchemaRegistry;
  /** The agent's declared output schema (from its card's skill metadata), if any; compiled on its first output. */
  resolveOutputSchema?: (agent: string) => JsonSchema | undefined;
  /** The agent's default quality domain name (its skill's `qualityDomain`), used when the task names none. */
  resolveAgentDomain?: (agent: string) => string | undefined;
  /** See QualityContext.strictMode (default true: a validator error rejects the output). */
  strictMode?: boolean;
  /** See QualityContext.failFast (default false). */
  failFast?: boolean;
}

/** The engine's `scoreOutput` hook. */
export type QualityScorer = (task: TaskRequest, output: unknown) => QualityVerdict | undefined;

const DISABLED: QualityScorer = () => undefined;

/**
 * Builds the engine's `scoreOutput` hook. Domain: the task's `qualityDomain`, else its agent's,
 * else `defaultDomain`; minimum score: the task's `qualityThreshold`. It never throws — it runs
 * inside the engine — so a task naming an unknown domain or a bad threshold gets a rejected
 * verdict whose issue says why (`unknown_quality_domain`, `invalid_threshold`).
 * Bad per-run overrides throw here, at creation.
 */
export function createQualityScorer(options: QualityScorerOptions = {}): QualityScorer {
  if (options.enabled === false) return DISABLED;
  const defaultDomain = options.defaultDomain ?? QualityDomain.GENERIC;
  const strictMode = options.strictMode ?? true;
  const failFast = options.failFast ?? false;
  // Resolved once per domain: per-task work is the scoring alone.
  const thresholdsByDomain = new Map<QualityDomain, readonly QualityThreshold[]>(
    QUALITY_DOMAINS.map((domain) => [domain, resolveThresholds(domain, options.thresholds)]),
  );

  return (task, output) => {
    let domain: QualityDomain | undefined;
    try {
      const named = task.metadata.qualityDomain ?? options.resolveAgentDomain?.(task.agent);
      const resolved = named === undefined ? defaultDomain : parseQualityDomain(named);
      domain = resolved;
      const minimumScore = task.metadata.qualityThreshold;
      checkMinimumScore(minimumScore);
      const prepared = options.outputSchemas?.get(task.agent);
      const result = evaluateQuality(output, {
        domain: resolved,
        thresholds: thresholdsByDomain.get(resolved) ?? resolveThresholds(resolved, options.thresholds),
        description: task.description,
        outputSchema: prepared?.schema ?? options.resolveOutputSchema?.(task.agent),
        outputValidator: prepared?.validate,
        minimumScore,
        strictMode,
        failFast,
      });
      return {
        score: result.qualityScore,
        approved: result.qualityApproved,
        // A rejected output carries its reasons (they reach the task's error message); an approved one stays quiet.
        issues: result.qualityApproved ? [] : [...result.qualityIssues, ...result.findings],
        domain: resolved,
        metrics: result.metrics,
      };
    } catch (error) {
      return rejectedBecause(error, domain);
    }
  };
}

function rejectedBecause(error: unknown, domain: QualityDomain | undefined): QualityVerdict {
  const code = error instanceof QualityError ? error.code.toLowerCase() : 'scorer_error';
  const message = error instanceof Error ? error.message : String(error);
  const verdict: QualityVerdict = { score: 0, approved: false, issues: [code, message] };
  if (domain !== undefined) verdict.domain = domain;
  return verdict;
}
