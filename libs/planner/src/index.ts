// The planner contract: plans and their validation, analysis, the built-in planners, run settings and the
// strategy optimizer. Named one by one so a new export is a decision.
export {
  COORDINATION_STRATEGIES,
  type CoordinationStrategy,
  MAX_TASK_RETRIES,
  MAX_TIMER_MS,
  type ParallelGroup,
  type Plan,
  type PlanRisk,
  type PlanTask,
  PRIORITY_NAMES,
  QUALITY_DOMAINS,
  QUALITY_POLICIES,
  type QualityDomainName,
  type QualityPolicyName,
  type ResourceBreakdown,
  RISK_SEVERITIES,
  type RiskSeverity,
} from './plan';
export { PLAN_ISSUE_CODES, type PlanIssue, type PlanIssueCode, PlanValidationError } from './plan-issue';
export { parsePlan, type PlanValidationResult, validatePlan, type ValidatePlanOptions } from './validate-plan';
export {
  DEFAULT_PLAN_LIMITS,
  PLAN_LIMIT_ENV,
  PlanConfigError,
  type PlanConfigIssue,
  type PlanLimits,
  planLimitsFromEnv,
} from './validation/plan-limits';
export { ORIGINAL_PLAN_FIELDS, ORIGINAL_TASK_FIELDS } from './validation/original-plan-fields';
export { MAX_INPUT_DEPTH } from './validation/json-size';
export { PLAN_SCHEMA_ID, planJsonSchema } from './schema/plan-json-schema';
export type { JsonSchema, JsonSchemaType } from './schema/json-schema';
export { parsePlanText } from './parse-plan-json';
export { analyzePlan, DEFAULT_TASK_DURATION_MS, enrichPlan, type PlanAnalysis } from './analyze-plan';
export {
  type CustomDependencyRules,
  type Planner,
  PLANNING_ERROR_CODES,
  type PlanningContext,
  PlanningError,
  type PlanningErrorCode,
  type PlanningErrorDetails,
} from './planner';
export { DeterministicPlanner } from './deterministic/deterministic-planner';
export {
  checkRuleNames,
  type CustomDependencyRule,
  type CustomDependencyRuleSet,
  DEPENDENCY_RULES_ERROR_CODES,
  DependencyRulesError,
  type DependencyRulesErrorCode,
  dependencyRulesOf,
  parseDependencyRuleSet,
} from './dependencies/custom-dependency-rule-set';
export { readDependencyRulesFile } from './dependencies/dependency-rules-file';
export { type RequestStep, splitRequest } from './deterministic/request-steps';
export { MIN_MATCH_SCORE, SkillMatcher } from './deterministic/skill-matcher';
export { LlmPlanner } from './llm/llm-planner';
export { DEFAULT_LLM_TIMEOUT_MS, LLM_ENV, type LlmPlannerOptions } from './llm/llm-config';
export { DEFAULT_QUALITY_DOMAIN, DEFAULT_QUALITY_THRESHOLDS } from './planning/quality-validation-plan';
export {
  DEFAULT_EXECUTION_DEFAULTS,
  EXECUTION_ENV,
  type ExecutionDefaults,
  executionDefaultsFromEnv,
} from './execution/execution-defaults';
export { engineRunOptions, type PlannedRunOptions, runOptionsFor } from './execution/run-options';
export { BUILT_IN_PLANNERS, type BuiltInPlannerName, createBuiltInPlanner } from './planner-choice';
export { closestName } from './closest-name';
export { type EventLoopProbe, type EventLoopReading, NodeEventLoopProbe } from './optimizer/event-loop-probe';
export { LoadMonitor, type LoadMonitorOptions } from './optimizer/load-monitor';
export { IDLE_LOAD, type LoadSnapshot, NO_LOAD_HISTORY, SATURATING_DELAY_MS, systemLoad } from './optimizer/load-snapshot';
export { resolveRunSettings, type RunDefaults, type RunOverrides, type RunSettings } from './optimizer/run-settings';
export { selectStrategy, type StrategyChoice, type StrategyReasonCode } from './optimizer/strategy-optimizer';
export type { KnownAgents } from './validation/known-agents';
