import { DEFAULT_PARALLEL_THRESHOLD, type StrategyName } from '@a2a-mcp/core-graph';
import { analyzePlan, estimatedDurationOf, PlanAnalysis } from '../analyze-plan';
import type { Plan } from '../plan';
import { capConcurrency, describeLoad, pct, type CappedConcurrency, type ConcurrencyCap } from './load-caps';
import { LoadSnapshot, systemLoad } from './load-snapshot';

/** Why the strategy: the plan's shape decides it, never the load. */
export type StrategyReasonCode = 'single_task' | 'no_parallelism' | 'uniform_levels' | 'dependency_driven';

/** The optimizer's decision: what to run with, and why (reported in `plan_ready` and the run result). */
export interface StrategyChoice {
  strategy: StrategyName;
  /** Concurrency limit the load asks for; undefined = the load capped nothing. */
  maxConcurrency: number | undefined;
  code: StrategyReasonCode;
  /** The caps the load put on concurrency, in the order applied (empty: the load changed nothing). */
  caps: ConcurrencyCap[];
  /** One readable line: the shape behind the strategy, the load seen, and what it changed. */
  reason: string;
  parallelPotential: number;
  /** The event-loop load figure (`systemLoad`); undefined without load history. */
  load: number | undefined;
}

export interface OptimizerOptions {
  /** Event-loop load from which in-process concurrency is halved (default 0.8, the original framework's high load). */
  saturatedLoad?: number;
  /** The level strategy's threshold in effect for this run (default core-graph's, 3). */
  parallelThreshold?: number;
  /** A limit the caller or the plan already set: it wins, so the load changes nothing. */
  fixedConcurrency?: { limit: number; source: string };
}

/**
 * The original framework's `V2OrchestrationOptimizer`, rethought. The plan's shape picks the strategy:
 * one task or a chain → `sequential`; estimated levels that line up with the critical path (level by level
 * loses nothing) and each run concurrently under the threshold → `parallel`; any other parallelism → `hybrid`,
 * whose makespan is never worse than levels. The load only sets `maxConcurrency`: a fair share of the
 * host's agent slots, halved when the event loop is saturated, never below 1. Going sequential under load
 * (the original rule) makes each run slower without making the machine any less busy, so it is gone.
 */
export function selectStrategy(
  plan: Pick<Plan, 'tasks'>,
  load: LoadSnapshot,
  options: OptimizerOptions = {},
  analysis: PlanAnalysis = analyzePlan(plan),
): StrategyChoice {
  const potential = analysis.parallelPotential;
  const shape = `parallel potential ${pct(potential)}, widest level ${analysis.maxWidth}`;
  const seen = describeLoad(load);
  const choose = (strategy: StrategyName, code: StrategyReasonCode, why: string, effect: string, caps: ConcurrencyCap[] = []): StrategyChoice => ({
    strategy,
    maxConcurrency: caps.length > 0 ? caps[caps.length - 1].limit : undefined,
    code,
    caps,
    reason: `${code}: ${why} (${shape}); load: ${seen}; ${effect}`,
    parallelPotential: potential,
    load: systemLoad(load),
  });

  if (plan.tasks.length <= 1) return choose('sequential', 'single_task', 'one task needs no coordination', 'changed nothing: one task at a time');
  if (analysis.maxWidth < 2) return choose('sequential', 'no_parallelism', 'no two tasks can ever run at once', 'changed nothing: one task at a time');

  const fixed = options.fixedConcurrency;
  const { limit, caps, heldBack }: CappedConcurrency = fixed
    ? { limit: fixed.limit, caps: [] }
    : capConcurrency(analysis.maxWidth, load, options.saturatedLoad ?? 0.8);
  const effect = fixed
    ? `changed nothing: ${fixed.source} ${fixed.limit} sets the concurrency`
    : caps.length === 0
      ? `changed nothing: concurrency follows the plan${heldBack ? ` (${heldBack})` : ''}`
      : `capped concurrency ${analysis.maxWidth}${caps.map((cap) => ` → ${cap.limit} (${cap.why})`).join('')}${heldBack ? `; ${heldBack}` : ''}`;

  const threshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
  if (limit >= analysis.maxWidth && levelsLoseNothing(plan, analysis, threshold)) {
    const why = `the levels line up with the critical path and each runs concurrently (parallelThreshold ${threshold}), so level by level loses nothing`;
    return choose('parallel', 'uniform_levels', why, effect, caps);
  }
  return choose('hybrid', 'dependency_driven', 'tasks start as soon as their dependencies complete', effect, caps);
}

/**
 * Whether level-by-level execution matches dependency-driven on the estimates: every task has one
 * (defaults would make any plan look uniform), every level of two or more tasks reaches the threshold
 * (a smaller one would run its tasks one by one), and the slowest tasks of the levels add up to the
 * critical path (no level waits for a task the next one does not need).
 */
function levelsLoseNothing(plan: Pick<Plan, 'tasks'>, analysis: PlanAnalysis, threshold: number): boolean {
  if (plan.tasks.some((task) => task.estimatedDuration === undefined)) return false;
  const duration = new Map(plan.tasks.map((task) => [task.id, estimatedDurationOf(task)]));
  let levelByLevel = 0;
  for (const level of analysis.levels) {
    if (level.length >= 2 && level.length < threshold) return false;
    let slowest = 0;
    for (const id of level) slowest = Math.max(slowest, duration.get(id) ?? 0);
    levelByLevel += slowest;
  }
  return levelByLevel <= analysis.criticalPathMs * (1 + 1e-9);
}
