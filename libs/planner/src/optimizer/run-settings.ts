import type { QualityPolicy, StrategyName } from '@a2a-mcp/core-graph';
import type { CoordinationStrategy, Plan } from '../plan';
import type { LoadSnapshot } from './load-snapshot';
import { selectStrategy } from './strategy-optimizer';

/** What a caller sets for one run (CLI flags, the HTTP body); each wins over the plan's own setting. */
export interface RunOverrides {
  strategy?: CoordinationStrategy;
  maxConcurrency?: number;
  parallelThreshold?: number;
  qualityPolicy?: QualityPolicy;
}

/** The last word when neither the caller nor the plan decides. */
export interface RunDefaults {
  strategy: CoordinationStrategy;
  /** Why that default applies, e.g. `default strategy` or `ORCHESTRATION_MODE=basic default strategy`. */
  strategySource: string;
  /** How a caller-chosen strategy is explained, e.g. `--strategy` (CLI) or `requested strategy` (API). */
  requestedBy: string;
  /** How a caller-chosen concurrency is explained (default `requested maxConcurrency`; the CLI says `--concurrency`). */
  concurrencyRequestedBy?: string;
  parallelThreshold?: number;
}

/** How a run is run: the engine's options, with the reason for the strategy. */
export interface RunSettings {
  strategy: StrategyName;
  strategyReason: string;
  maxConcurrency?: number;
  parallelThreshold?: number;
  qualityPolicy: QualityPolicy;
  /** The plan's parallel groups, honoured by the level strategy. */
  parallelGroups?: string[][];
}

/**
 * One resolution for the CLI and the host: strategy = the caller's, else the plan's
 * `coordinationStrategy`, else the default; `auto` asks the optimizer with the live load (read only
 * then), and its reason says what load it saw and what that changed. Concurrency: the caller's, else
 * the plan's, else the optimizer's cap. Parallel threshold: the caller's, else the plan's, else the
 * default. Quality policy: the caller's, else the plan's, else warn.
 */
export function resolveRunSettings(plan: Plan, overrides: RunOverrides, defaults: RunDefaults, load: () => LoadSnapshot): RunSettings {
  const [choice, source] =
    overrides.strategy !== undefined
      ? [overrides.strategy, `${defaults.requestedBy} ${overrides.strategy}`]
      : plan.coordinationStrategy !== undefined
        ? [plan.coordinationStrategy, `plan coordinationStrategy ${plan.coordinationStrategy}`]
        : [defaults.strategy, `${defaults.strategySource} ${defaults.strategy}`];
  const fixedConcurrency =
    overrides.maxConcurrency !== undefined
      ? { limit: overrides.maxConcurrency, source: defaults.concurrencyRequestedBy ?? 'requested maxConcurrency' }
      : plan.maxConcurrency !== undefined
        ? { limit: plan.maxConcurrency, source: 'plan maxConcurrency' }
        : undefined;
  const parallelThreshold = overrides.parallelThreshold ?? plan.parallelThreshold ?? defaults.parallelThreshold;

  let strategy: StrategyName;
  let reason = source;
  let maxConcurrency = fixedConcurrency?.limit;
  if (choice === 'auto') {
    const picked = selectStrategy(plan, load(), { parallelThreshold, fixedConcurrency });
    strategy = picked.strategy;
    reason = `auto: ${picked.reason}`;
    maxConcurrency ??= picked.maxConcurrency;
  } else {
    strategy = choice;
  }
  const settings: RunSettings = { strategy, strategyReason: reason, qualityPolicy: overrides.qualityPolicy ?? plan.qualityPolicy ?? 'warn' };
  if (maxConcurrency !== undefined) settings.maxConcurrency = maxConcurrency;
  if (parallelThreshold !== undefined) settings.parallelThreshold = parallelThreshold;
  if (plan.parallelGroups && plan.parallelGroups.length > 0) settings.parallelGroups = plan.parallelGroups.map((group) => group.tasks);
  return settings;
}
