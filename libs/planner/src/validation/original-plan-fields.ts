import type { Plan, PlanTask } from '../plan';

/**
 * The plan fields of the original Python framework (A2A-MCP Framework V2.0), by the camelCase field each
 * one fills. Its durations are seconds; they become milliseconds here. Fields whose name is the same in
 * both formats (`id`, `dependencies`, `priority`, `tasks`, `risks`, `name`, `description`…) need no entry.
 * The table in docs/plan-format.md lists the same mapping: keep them in step.
 */
export interface OriginalField<Field extends string> {
  /** The name as the original framework writes it. */
  readonly original: string;
  /** The field of this format it fills. */
  readonly field: Field;
  /** `seconds`: the original value is in seconds and is multiplied by 1000. */
  readonly unit?: 'seconds';
}

export const ORIGINAL_PLAN_FIELDS: readonly OriginalField<keyof Plan>[] = [
  { original: 'coordination_strategy', field: 'coordinationStrategy' },
  { original: 'parallel_threshold', field: 'parallelThreshold' },
  { original: 'critical_path', field: 'criticalPath' },
  { original: 'estimated_total_time', field: 'estimatedTotalTime', unit: 'seconds' },
  { original: 'estimated_parallel_time', field: 'estimatedParallelTime', unit: 'seconds' },
  { original: 'estimated_time_saved', field: 'estimatedTimeSaved', unit: 'seconds' },
  { original: 'parallel_groups', field: 'parallelGroups' },
  { original: 'quality_validation_plan', field: 'qualityValidationPlan' },
  { original: 'resource_breakdown', field: 'resourceBreakdown' },
];

export const ORIGINAL_TASK_FIELDS: readonly OriginalField<keyof PlanTask>[] = [
  // The original's WorkflowNode takes the description as `task` and the agent as `node_key`.
  { original: 'task', field: 'description' },
  { original: 'node_key', field: 'agent' },
  { original: 'quality_domain', field: 'qualityDomain' },
  { original: 'quality_threshold', field: 'qualityThreshold' },
  // Its sequential example reads the threshold as `task.get("quality", 0.9)`.
  { original: 'quality', field: 'qualityThreshold' },
  { original: 'estimated_duration', field: 'estimatedDuration', unit: 'seconds' },
  { original: 'parallel_safe', field: 'parallelSafe' },
  // `task.get("timeout", 3600)`: seconds, one hour by default.
  { original: 'timeout', field: 'timeoutMs', unit: 'seconds' },
  { original: 'max_retries', field: 'maxRetries' },
];

/** Seconds to milliseconds, without the binary noise of `1.1 * 1000` (1100.0000000000002). */
export function secondsToMs(seconds: number): number {
  return Number((seconds * 1000).toPrecision(15));
}
