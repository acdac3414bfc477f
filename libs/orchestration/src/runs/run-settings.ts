import type { QualityPolicy, StrategyName } from '@a2a-mcp/core-graph';
import { selectStrategy, type CoordinationStrategy, type LoadSnapshot, type Plan } from '@a2a-mcp/planner';
import type { OrchestratorConfig } from '../config/orchestrator-config';

/** What a caller may set for one run; each wins over the plan's own setting. */
export interface RunOverrides {
  strategy?: CoordinationStrategy;
  maxConcurrency?: number;
  parallelThreshold?: number;
  qualityPolicy?: QualityPolicy;
}

/** How a run is run: the engine's options, with the reason for the strategy. */
export interface RunSettings {
  strategy: StrategyName;
  strategyReason: string;
  maxConcurrency?: number;
  parallelThreshold: number;
  qualityPolicy: QualityPolicy;
  /** The plan's parallel groups, honoured by the level strategy. */
  parallelGroups?: string[][];
}

/**
 * Settings as the CLI resolves them, with the host's configuration as the last default:
 * strategy = the caller's, else the plan's `coordinationStrategy`, else the ORCHESTRATION_MODE default;
 * `auto` asks the optimizer (`selectStrategy`) with the live load. Concurrency: the caller's, else the
 * plan's, else the optimizer's limit; parallel threshold: the caller's, else the plan's, else
 * PARALLEL_THRESHOLD; quality policy: the caller's, else the plan's, else `warn`.
 */
export function resolveRunSettings(
  plan: Plan,
  overrides: RunOverrides,
  config: Pick<OrchestratorConfig, 'mode' | 'defaultStrategy' | 'parallelThreshold'>,
  load: () => LoadSnapshot,
): RunSettings {
  const [choice, source] = pickStrategy(plan, overrides, config);
  let strategy: StrategyName;
  let reason = source;
  let optimizerLimit: number | undefined;
  if (choice === 'auto') {
    const picked = selectStrategy(plan, load());
    strategy = picked.strategy;
    reason = `auto: ${picked.reason}`;
    optimizerLimit = picked.maxConcurrency;
  } else {
    strategy = choice;
  }
  const settings: RunSettings = {
    strategy,
    strategyReason: reason,
    parallelThreshold: overrides.parallelThreshold ?? plan.parallelThreshold ?? config.parallelThreshold,
    qualityPolicy: overrides.qualityPolicy ?? plan.qualityPolicy ?? 'warn',
  };
  const maxConcurrency = overrides.maxConcurrency ?? plan.maxConcurrency ?? optimizerLimit;
  if (maxConcurrency !== undefined) settings.maxConcurrency = maxConcurrency;
  if (plan.parallelGroups && plan.parallelGroups.length > 0) settings.parallelGroups = plan.parallelGroups.map((group) => group.tasks);
  return settings;
}

function pickStrategy(
  plan: Plan,
  overrides: RunOverrides,
  config: Pick<OrchestratorConfig, 'mode' | 'defaultStrategy'>,
): [CoordinationStrategy, string] {
  if (overrides.strategy !== undefined) return [overrides.strategy, `requested strategy ${overrides.strategy}`];
  if (plan.coordinationStrategy !== undefined) {
    return [plan.coordinationStrategy, `plan coordinationStrategy ${plan.coordinationStrategy}`];
  }
  return [config.defaultStrategy, `ORCHESTRATION_MODE=${config.mode} default strategy ${config.defaultStrategy}`];
}
