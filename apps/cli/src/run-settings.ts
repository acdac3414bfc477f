import type { StrategyName } from '@a2a-mcp/core-graph';
import { analyzePlan, type Plan } from '@a2a-mcp/planner';
import type { RunArgs, StrategyChoice } from './args';

const DEFAULT_STRATEGY: StrategyName = 'hybrid';

/** How to run a plan: flags win over the plan's own settings, which win over the defaults. */
export interface RunSettings {
  strategy: StrategyName;
  /** Why this strategy; the engine reports it in `plan_ready`. */
  strategyReason: string;
  maxConcurrency?: number;
  parallelThreshold?: number;
}

export function resolveRunSettings(plan: Plan, flags: Pick<RunArgs, 'strategy' | 'concurrency' | 'parallelThreshold'>): RunSettings {
  const [choice, source] = pickStrategy(plan, flags.strategy);
  const { strategy, reason } = choice === 'auto' ? chooseAutomatically(plan) : { strategy: choice, reason: source };
  return {
    strategy,
    strategyReason: reason,
    maxConcurrency: flags.concurrency ?? plan.maxConcurrency,
    parallelThreshold: flags.parallelThreshold ?? plan.parallelThreshold,
  };
}

function pickStrategy(plan: Plan, flag: StrategyChoice | undefined): [StrategyChoice, string] {
  if (flag !== undefined) return [flag, `--strategy ${flag}`];
  if (plan.coordinationStrategy !== undefined) return [plan.coordinationStrategy, `plan coordinationStrategy ${plan.coordinationStrategy}`];
  return [DEFAULT_STRATEGY, `default strategy ${DEFAULT_STRATEGY}`];
}

/**
 * Stand-in for the strategy optimizer (a later release): concurrency only pays when at least two
 * tasks can run at once; a plan that is one chain runs just as fast, and more simply, in order.
 */
function chooseAutomatically(plan: Plan): { strategy: StrategyName; reason: string } {
  const { maxWidth } = analyzePlan(plan);
  if (maxWidth < 2) return { strategy: 'sequential', reason: 'auto: no two tasks can run at once' };
  return { strategy: 'hybrid', reason: `auto: up to ${maxWidth} tasks can run at once` };
}
