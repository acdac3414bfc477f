import type { StrategyName } from '@a2a-mcp/core-graph';
import { analyzePlan, PlanAnalysis } from '../analyze-plan';
import type { Plan } from '../plan';
import { LoadSnapshot, systemLoad } from './load-snapshot';

export type StrategyReasonCode =
  | 'single_task'
  | 'no_parallelism'
  | 'high_system_load'
  | 'few_free_slots'
  | 'insufficient_benefit_under_load'
  | 'dependency_driven';

/** The optimizer's decision: what to run with, and why (reported in `plan_ready` and the run result). */
export interface StrategyChoice {
  strategy: StrategyName;
  /** Concurrency limit for the run; undefined = unbounded. */
  maxConcurrency: number | undefined;
  code: StrategyReasonCode;
  /** One readable sentence with the figures behind the choice. */
  reason: string;
  parallelPotential: number;
  load: number;
}

export interface OptimizerOptions {
  /** Above this load the run goes sequential (the seed: 0.8). */
  highLoad?: number;
  /** From this load on, concurrency is halved and small gains are not worth it (default 0.5). */
  moderateLoad?: number;
  /** Parallel potential below which concurrency is not worth it under moderate load (the seed: 0.3). */
  minimumPotential?: number;
}

/**
 * The seed's `V2OrchestrationOptimizer` and "dynamic parallelization", with its rules as the floor:
 * high load (> 0.8) or fewer than 2 free workers → sequential; parallel potential > 0.3 → concurrent.
 * Where we do better:
 * - concurrent means `hybrid` (dependency-driven): its makespan is never worse than level-by-level;
 * - a plan with some parallelism still runs concurrently when the machine is idle, even below the
 *   seed's 30% (it costs nothing then); only under moderate load is a small gain refused;
 * - the concurrency limit follows the plan's width and the free agent slots, halved under moderate load,
 *   so one run does not take every slot from the others.
 * A plan's `parallelGroups` need no special strategy: hybrid runs independent tasks together anyway,
 * and the level strategy runs a group concurrently even below `parallelThreshold` (engine option).
 */
export function selectStrategy(
  plan: Pick<Plan, 'tasks'>,
  load: LoadSnapshot,
  options: OptimizerOptions = {},
  analysis: PlanAnalysis = analyzePlan(plan),
): StrategyChoice {
  const highLoad = options.highLoad ?? 0.8;
  const moderateLoad = options.moderateLoad ?? 0.5;
  const minimumPotential = options.minimumPotential ?? 0.3;
  const current = systemLoad(load);
  const potential = analysis.parallelPotential;
  const figures = `load ${pct(current)}, parallel potential ${pct(potential)}, widest level ${analysis.maxWidth}`;
  const choose = (strategy: StrategyName, code: StrategyReasonCode, why: string, maxConcurrency?: number): StrategyChoice => ({
    strategy,
    maxConcurrency,
    code,
    reason: `${code}: ${why} (${figures})`,
    parallelPotential: potential,
    load: current,
  });

  if (plan.tasks.length <= 1) return choose('sequential', 'single_task', 'one task needs no coordination');
  if (analysis.maxWidth < 2) return choose('sequential', 'no_parallelism', 'no two tasks can ever run at once');
  if (current > highLoad) return choose('sequential', 'high_system_load', `the system is over ${pct(highLoad)} loaded`);
  if (load.freeAgentSlots < 2) {
    return choose('sequential', 'few_free_slots', `only ${load.freeAgentSlots} agent slot(s) free`);
  }
  if (current >= moderateLoad && potential <= minimumPotential) {
    return choose('sequential', 'insufficient_benefit_under_load', `concurrency would save at most ${pct(potential)} under load`);
  }
  let limit = Math.min(analysis.maxWidth, load.freeAgentSlots);
  if (current >= moderateLoad) limit = Math.max(2, Math.floor(limit / 2));
  const maxConcurrency = Number.isFinite(limit) ? limit : undefined;
  return choose('hybrid', 'dependency_driven', 'tasks start as soon as their dependencies complete', maxConcurrency);
}

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}
