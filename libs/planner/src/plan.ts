import type { PriorityName } from '@a2a-mcp/core-graph';

/** Quality domains of the original Python framework's `QualityDomain` enum, as they appear in plan JSON. */
export const QUALITY_DOMAINS = ['GENERIC', 'ANALYTICAL', 'BUSINESS', 'ACADEMIC', 'SERVICE', 'CREATIVE'] as const;
export type QualityDomainName = (typeof QUALITY_DOMAINS)[number];

export const COORDINATION_STRATEGIES = ['sequential', 'parallel', 'hybrid', 'auto'] as const;
export type CoordinationStrategy = (typeof COORDINATION_STRATEGIES)[number];

/** Named priorities core-graph understands (`priorityValue`); any finite number is accepted as well. */
export const PRIORITY_NAMES = ['low', 'normal', 'high', 'critical'] as const satisfies readonly PriorityName[];

/** What a below-threshold output does: report it, re-run the task (counts as an attempt) or fail it. */
export const QUALITY_POLICIES = ['warn', 'retry', 'fail'] as const;
export type QualityPolicyName = (typeof QUALITY_POLICIES)[number];

export const RISK_SEVERITIES = ['low', 'medium', 'high'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

/**
 * Longest timer Node runs as asked (2^31 − 1 ms, about 24.8 days): a longer `setTimeout` fires after
 * 1 ms instead. Caps every duration of a plan that becomes a timer: `timeoutMs` and `estimatedDuration`.
 * core-graph's constant, re-exported so plan authors and DTOs find it next to the plan types.
 */
export { MAX_TIMER_MS } from '@a2a-mcp/core-graph';

/** Most retries a task may ask for: more is a mistake, not a policy. */
export const MAX_TASK_RETRIES = 100;

/**
 * One task of a plan (`tasks[]` of the plan JSON, see docs/plan-format.md). Assignable to core-graph's
 * `WorkflowNodeSpec`, so a validated plan feeds the engine as it is. Durations are milliseconds.
 */
export interface PlanTask {
  id: string;
  /** What the task is about (the original framework's `task`). */
  description: string;
  /** Name of the agent that runs it (the original framework's `node_key`). */
  agent: string;
  /** Ids of the tasks whose outputs this one needs; `[]` after validation when the JSON omits it. */
  dependencies: string[];
  input?: Record<string, unknown>;
  qualityDomain?: QualityDomainName;
  /** Minimum quality score in [0, 1]. */
  qualityThreshold?: number;
  /** Overrides the run's quality policy for this task. */
  qualityPolicy?: QualityPolicyName;
  /** Expected duration in ms (0 to MAX_TIMER_MS): the simulator waits this long. */
  estimatedDuration?: number;
  parallelSafe?: boolean;
  priority?: number | PriorityName;
  /** Per-attempt timeout in ms (> 0, at most MAX_TIMER_MS). */
  timeoutMs?: number;
  /** Retries after the first attempt (integer, 0 to MAX_TASK_RETRIES). */
  maxRetries?: number;
}

/** A set of tasks that may run at the same time (the original framework's `parallel_groups`). */
export interface ParallelGroup {
  name?: string;
  tasks: string[];
}

/** Work per agent: how many tasks it gets and their summed estimated duration in ms. */
export type ResourceBreakdown = Record<string, { tasks: number; estimatedMs: number }>;

export interface PlanRisk {
  description: string;
  severity?: RiskSeverity;
  /** The task the risk is about, when it is about one. */
  taskId?: string;
  mitigation?: string;
}

/**
 * The plan JSON (docs/plan-format.md): what a client or planner submits (`tasks` and the run options), plus the
 * fields a planner adds (`criticalPath` … `risks`), which are informative and never required.
 */
export interface Plan {
  name?: string;
  description?: string;
  /** The natural-language request the plan was made for. */
  request?: string;
  coordinationStrategy?: CoordinationStrategy;
  /** Smallest level size the parallel strategy runs concurrently (integer ≥ 1). */
  parallelThreshold?: number;
  /** Most tasks running at once (integer ≥ 1). */
  maxConcurrency?: number;
  /** Quality policy for every task that sets none (default `warn`). */
  qualityPolicy?: QualityPolicyName;
  tasks: PlanTask[];

  /** Task ids along the longest path by estimated duration, in execution order. */
  criticalPath?: string[];
  /** Sum of the tasks' estimated durations, ms: the sequential makespan. */
  estimatedTotalTime?: number;
  /** Critical-path length, ms: the dependency-driven makespan. */
  estimatedParallelTime?: number;
  /** What running in parallel saves over running in sequence, ms (the original framework's `estimated_time_saved`). */
  estimatedTimeSaved?: number;
  parallelGroups?: ParallelGroup[];
  /** Quality requirements as a planner states them; free-form, checked only to be an object. */
  qualityValidationPlan?: Record<string, unknown>;
  resourceBreakdown?: ResourceBreakdown;
  risks?: PlanRisk[];
}
