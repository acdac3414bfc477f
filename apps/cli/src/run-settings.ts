import type { QualityPolicy, StrategyName } from '@a2a-mcp/core-graph';
import { IDLE_LOAD, selectStrategy, type LoadSnapshot, type Plan } from '@a2a-mcp/planner';
import type { RunArgs, StrategyChoice } from './args';

const DEFAULT_STRATEGY: StrategyName = 'hybrid';

/** How to run a plan: flags win over the plan's own settings, which win over the defaults. */
export interface RunSettings {
  strategy: StrategyName;
  /** Why this strategy; the engine reports it in `plan_ready`. */
  strategyReason: string;
  maxConcurrency?: number;
  parallelThreshold?: number;
  /** What a below-threshold output does (flag, else the plan's, else warn). */
  qualityPolicy: QualityPolicy;
  /** The plan's parallel groups, honoured by the level strategy. */
  parallelGroups?: string[][];
}

export function resolveRunSettings(
  plan: Plan,
  flags: Pick<RunArgs, 'strategy' | 'concurrency' | 'parallelThreshold' | 'qualityPolicy'>,
  load: LoadSnapshot = IDLE_LOAD,
): RunSettings {
  const [choice, source] = pickStrategy(plan, flags.strategy);
  let strategy: StrategyName;
  let reason = source;
  let optimizerLimit: number | undefined;
  if (choice === 'auto') {
    // The optimizer picks from the plan's shape and the live load; an explicit --concurrency still wins.
    const picked = selectStrategy(plan, load);
    strategy = picked.strategy;
    reason = `auto: ${picked.reason}`;
    optimizerLimit = picked.maxConcurrency;
  } else {
    strategy = choice;
  }
  const settings: RunSettings = {
    strategy,
    strategyReason: reason,
    maxConcurrency: flags.concurrency ?? plan.maxConcurrency ?? optimizerLimit,
    parallelThreshold: flags.parallelThreshold ?? plan.parallelThreshold,
    qualityPolicy: flags.qualityPolicy ?? plan.qualityPolicy ?? 'warn',
  };
  if (plan.parallelGroups && plan.parallelGroups.length > 0) settings.parallelGroups = plan.parallelGroups.map((group) => group.tasks);
  return settings;
}

function pickStrategy(plan: Plan, flag: StrategyChoice | undefined): [StrategyChoice, string] {
  if (flag !== undefined) return [flag, `--strategy ${flag}`];
  if (plan.coordinationStrategy !== undefined) return [plan.coordinationStrategy, `plan coordinationStrategy ${plan.coordinationStrategy}`];
  return [DEFAULT_STRATEGY, `default strategy ${DEFAULT_STRATEGY}`];
}
