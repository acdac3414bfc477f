export * from './quality-error';
export * from './quality-domain';
export type { JsonSchema } from './json-schema';
export * from './thresholds';
export { ASPECT_NAMES, type AspectName, type AspectScore, type AspectValidator } from './validators/aspect';
export { ASPECT_VALIDATORS } from './validators/aspect-validators';
export { scoreCompleteness } from './validators/completeness.validator';
export { scoreAccuracy, UNREPORTED_CONFIDENCE } from './validators/accuracy.validator';
export { scoreFormat } from './validators/format.validator';
export { scoreRelevance, TERSE_STRUCTURE_FLOOR, TERSE_VOCABULARY } from './validators/relevance.validator';
export { ScoringInput } from './scoring/scoring-input';
export { compileOutputSchema } from './scoring/schema-validator';
export type { OutputValidator } from './scoring/output-validator';
export {
  OutputSchemaRegistry,
  prepareOutputSchemas,
  type AgentOutputDeclaration,
  type PreparedOutputSchema,
} from './output-schema-registry';
export {
  DEFAULT_BIAS_DETECTION,
  DEFAULT_RISK_TOLERANCE,
  derivationFor,
  METRIC_DERIVATIONS,
  type MetricDerivation,
  type MetricInputs,
} from './domain-metrics';
export { reportedMetric, type ReportedMetric } from './reported-metrics';
export {
  evaluateQuality,
  validateResponse,
  type QualityContext,
  type QualityEvaluation,
  type QualityResult,
  type ThresholdResult,
} from './validate-response';
export { createQualityScorer, type QualityScorer, type QualityScorerOptions } from './quality-scorer';
export { qualityConfigFromEnv, type QualityEnvConfig } from './quality-env';
export { ENV_BOOLEAN_ALLOWED, parseEnvBoolean } from './env-boolean';
export {
  qualityScorerFromEnv,
  qualityScorerFromSettings,
  type QualitySettings,
  type ScoredAgentCard,
  type ScorerAgents,
} from './quality-scorer-settings';
