import { NO_LOAD_HISTORY, resolveRunSettings as resolve, type LoadSnapshot, type Plan, type RunSettings } from '@a2a-mcp/planner';
import type { RunArgs } from './args';

export type { RunSettings } from '@a2a-mcp/planner';

/**
 * How to run a plan: flags win over the plan's own settings, which win over the default (hybrid).
 * `load` is what the LoadMonitor measured; a caller that measured nothing passes nothing, and `auto`
 * then says there is no load history rather than calling the machine idle.
 */
export function resolveRunSettings(
  plan: Plan,
  flags: Pick<RunArgs, 'strategy' | 'concurrency' | 'parallelThreshold' | 'qualityPolicy'>,
  load: LoadSnapshot = NO_LOAD_HISTORY,
): RunSettings {
  return resolve(
    plan,
    { strategy: flags.strategy, maxConcurrency: flags.concurrency, parallelThreshold: flags.parallelThreshold, qualityPolicy: flags.qualityPolicy },
    { strategy: 'hybrid', strategySource: 'default strategy', requestedBy: '--strategy', concurrencyRequestedBy: '--concurrency' },
    () => load,
  );
}
