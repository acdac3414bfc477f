// The quality contract: scoring a task's output for a domain, thresholds, output schemas. Named one by one so a new
// export is a decision.
export { QualityError, type QualityErrorCode } from './quality-error';
export { parseQualityDomain, QUALITY_DOMAINS, QualityDomain } from './quality-domain';
export type { JsonSchema } from './json-schema';
export {
  DEFAULT_THRESHOLDS,
  ORCHESTRATOR_THRESHOLDS,
  type QualityThreshold,
  resolveThresholds,
  type ThresholdOverrides,
} from './thresholds';
export { ASPECT_NAMES, type AspectName, type AspectScore } from './validators/aspect';
export { scoreCompleteness } from './validators/completeness.validator';
export { scoreAccuracy, UNREPORTED_CONFIDENCE } from './validators/accuracy.validator';
export { scoreFormat } from './validators/format.validator';
export { scoreRelevance, TERSE_STRUCTURE_FLOOR } from './validators/relevance.validator';
export { ScoringInput } from './scoring/scoring-input';
export { compileOutputSchema } from './scoring/schema-validator';
export type { OutputValidator } from './scoring/output-validator';
export {
  type AgentOutputDeclaration,
  OutputSchemaRegistry,
  type PreparedOutputSchema,
  prepareOutputSchemas,
} from './output-schema-registry';
export {
  evaluateQuality,
  type QualityContext,
  type QualityEvaluation,
  type QualityResult,
  type ThresholdResult,
  validateResponse,
} from './validate-response';
export { createQualityScorer, type QualityScorer, type QualityScorerOptions } from './quality-scorer';
export { qualityConfigFromEnv, type QualityEnvConfig } from './quality-env';
export { ENV_BOOLEAN_ALLOWED, parseEnvBoolean } from './env-boolean';
export { qualityScorerFromEnv, qualityScorerFromSettings, type QualitySettings, type ScoredAgentCard } from './quality-scorer-settings';
