export * from './plan';
export * from './plan-issue';
export * from './validate-plan';
export {
  DEFAULT_PLAN_LIMITS,
  PLAN_LIMIT_ENV,
  PlanConfigError,
  planLimitsFromEnv,
  type PlanConfigIssue,
  type PlanLimits,
} from './validation/plan-limits';
export { ORIGINAL_PLAN_FIELDS, ORIGINAL_TASK_FIELDS, type OriginalField } from './validation/original-plan-fields';
export { MAX_INPUT_DEPTH } from './validation/json-size';
export * from './parse-plan-json';
export * from './analyze-plan';
export * from './optimizer';
export {
  PLANNING_ERROR_CODES,
  PlanningError,
  type CustomDependencyRules,
  type Planner,
  type PlanningContext,
  type PlanningErrorCode,
  type PlanningErrorDetails,
} from './planner';
export { DeterministicPlanner } from './deterministic/deterministic-planner';
export * from './dependencies/custom-dependency-rule-set';
export { readDependencyRulesFile } from './dependencies/dependency-rules-file';
export { splitRequest, type RequestStep, type SplitRequest, type ConjunctionTest } from './deterministic/request-steps';
export { MIN_MATCH_SCORE, SkillMatcher, type SkillEntry, type SkillMatch } from './deterministic/skill-matcher';
export { LlmPlanner } from './llm/llm-planner';
export { DEFAULT_LLM_TIMEOUT_MS, LLM_ENV, chatCompletionsUrl, type LlmPlannerOptions } from './llm/llm-config';
export {
  DEFAULT_QUALITY_DOMAIN,
  DEFAULT_QUALITY_THRESHOLDS,
  qualityValidationPlanOf,
  type QualityValidationPlan,
  type TaskQualityRequirement,
} from './planning/quality-validation-plan';
export {
  DEFAULT_EXECUTION_DEFAULTS,
  EXECUTION_ENV,
  executionDefaultsFromEnv,
  executionOptions,
  type ExecutionDefaults,
} from './execution/execution-defaults';
export { engineRunOptions, runOptionsFor, type PlannedRunOptions, type RunOptionsRequest } from './execution/run-options';
export { BUILT_IN_PLANNERS, createBuiltInPlanner, type BuiltInPlannerName } from './planner-choice';
export { closestName } from './closest-name';
