import { planShape } from './analysis/plan-shape';
import type { ParallelGroup, Plan, PlanTask, ResourceBreakdown } from './plan';

/**
 * Weight of a task without `estimatedDuration`: 1 ms, the same default as core-graph's
 * `WorkflowNode.weight`, so every task costs something and the critical path counts steps.
 * Only `estimatedDuration` is read; an agent-specific input such as `input.durationMs` is not.
 */
export const DEFAULT_TASK_DURATION_MS = 1;

export interface PlanAnalysis {
  /** Execution levels: level k holds the tasks whose dependencies all sit in earlier levels. */
  levels: string[][];
  /** Longest path by estimated duration, in execution order. */
  criticalPath: string[];
  criticalPathMs: number;
  /** Sum of estimated durations: the sequential makespan. */
  estimatedTotalTime: number;
  /** Critical-path length: the dependency-driven (hybrid) makespan when concurrency does not bind. */
  estimatedParallelTime: number;
  /** Share of the sequential time that dependency-driven execution can save: 1 − CP ÷ total (0 when total is 0). */
  parallelPotential: number;
  /** Most tasks in one level: the concurrency level-by-level execution can use. */
  maxWidth: number;
  resourceBreakdown: ResourceBreakdown;
}

/** The estimated duration the analysis uses for a task (ms). */
export function estimatedDurationOf(task: Pick<PlanTask, 'estimatedDuration'>): number {
  const estimate = task.estimatedDuration;
  return estimate !== undefined && Number.isFinite(estimate) && estimate >= 0 ? estimate : DEFAULT_TASK_DURATION_MS;
}

/**
 * Timing and shape of a plan. Expects a valid plan (see `validatePlan`); throws core-graph's
 * `CycleError` on a cyclic one. Linear in the plan's size; the graph passes run on typed arrays
 * (see `planShape`) because this runs on every plan, 10 000-task ones included.
 */
export function analyzePlan(plan: Pick<Plan, 'tasks'>): PlanAnalysis {
  const tasks = plan.tasks;
  const weights = new Float64Array(tasks.length);
  let total = 0;
  for (let i = 0; i < tasks.length; i++) {
    weights[i] = estimatedDurationOf(tasks[i]);
    total += weights[i];
  }
  const shape = planShape(tasks, weights);
  let maxWidth = 0;
  for (const level of shape.levels) if (level.length > maxWidth) maxWidth = level.length;

  return {
    levels: shape.levels,
    criticalPath: shape.criticalPath,
    criticalPathMs: shape.criticalPathMs,
    estimatedTotalTime: total,
    estimatedParallelTime: shape.criticalPathMs,
    parallelPotential: total > 0 ? 1 - shape.criticalPathMs / total : 0,
    maxWidth,
    resourceBreakdown: resourceBreakdownOf(tasks),
  };
}

/** Tasks and estimated ms per agent, agents in order of first use. */
export function resourceBreakdownOf(tasks: readonly PlanTask[]): ResourceBreakdown {
  const byAgent = new Map<string, { tasks: number; estimatedMs: number }>();
  for (const task of tasks) {
    const entry = byAgent.get(task.agent) ?? { tasks: 0, estimatedMs: 0 };
    entry.tasks += 1;
    entry.estimatedMs += estimatedDurationOf(task);
    byAgent.set(task.agent, entry);
  }
  // fromEntries keeps any agent name, even "__proto__", an own key.
  return Object.fromEntries(byAgent);
}

/**
 * A copy of the plan with the derived fields a planner adds: criticalPath, estimatedTotalTime,
 * estimatedParallelTime, parallelGroups (each level of two or more tasks, named `level-<n>`, 1-based)
 * and resourceBreakdown. These are recomputed, replacing any stale values; `risks` and
 * `qualityValidationPlan` are judgements rather than facts, so the plan's own are kept.
 */
export function enrichPlan(plan: Plan): Plan {
  const analysis = analyzePlan(plan);
  const parallelGroups: ParallelGroup[] = [];
  analysis.levels.forEach((level, index) => {
    if (level.length >= 2) parallelGroups.push({ name: `level-${index + 1}`, tasks: level });
  });
  return {
    ...plan,
    tasks: [...plan.tasks],
    criticalPath: analysis.criticalPath,
    estimatedTotalTime: analysis.estimatedTotalTime,
    estimatedParallelTime: analysis.estimatedParallelTime,
    parallelGroups,
    resourceBreakdown: analysis.resourceBreakdown,
  };
}
