import { IDLE_LOAD, resolveRunSettings as resolve, type LoadSnapshot, type Plan, type RunSettings } from '@a2a-mcp/planner';
import type { RunArgs } from './args';

export type { RunSettings } from '@a2a-mcp/planner';

/** How to run a plan: flags win over the plan's own settings, which win over the default (hybrid). */
export function resolveRunSettings(
  plan: Plan,
  flags: Pick<RunArgs, 'strategy' | 'concurrency' | 'parallelThreshold' | 'qualityPolicy'>,
  load: LoadSnapshot = IDLE_LOAD,
): RunSettings {
  return resolve(
    plan,
    { strategy: flags.strategy, maxConcurrency: flags.concurrency, parallelThreshold: flags.parallelThreshold, qualityPolicy: flags.qualityPolicy },
    { strategy: 'hybrid', strategySource: 'default strategy', requestedBy: '--strategy' },
    () => load,
  );
}
