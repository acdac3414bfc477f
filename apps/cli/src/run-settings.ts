import {
  NO_LOAD_HISTORY,
  resolveRunSettings as resolve,
  runOptionsFor,
  type ExecutionDefaults,
  type LoadSnapshot,
  type Plan,
  type PlannedRunOptions,
  type RunDefaults,
  type RunOverrides,
  type RunSettings,
} from '@a2a-mcp/planner';
import type { RunArgs } from './cli-args';

export type { RunSettings } from '@a2a-mcp/planner';

type RunFlags = Pick<RunArgs, 'strategy' | 'concurrency' | 'parallelThreshold' | 'qualityPolicy'>;

/** The CLI's last word: hybrid, and reasons that name its flags. */
const CLI_RUN_DEFAULTS: RunDefaults = { strategy: 'hybrid', strategySource: 'default strategy', requestedBy: '--strategy', concurrencyRequestedBy: '--concurrency' };

function overridesOf(flags: RunFlags): RunOverrides {
  return { strategy: flags.strategy, maxConcurrency: flags.concurrency, parallelThreshold: flags.parallelThreshold, qualityPolicy: flags.qualityPolicy };
}

/**
 * How to run a plan: flags win over the plan's own settings, which win over the default (hybrid).
 * `load` is what the LoadMonitor measured; a caller that measured nothing passes nothing, and `auto`
 * then says there is no load history rather than calling the machine idle.
 */
export function resolveRunSettings(plan: Plan, flags: RunFlags, load: LoadSnapshot = NO_LOAD_HISTORY): RunSettings {
  return resolve(plan, overridesOf(flags), CLI_RUN_DEFAULTS, () => load);
}

/** The settings and the engine options they become with the execution defaults (the planner's runOptionsFor, as the host uses it). */
export function runOptionsOf(plan: Plan, flags: RunFlags, load: LoadSnapshot, execution: ExecutionDefaults): { settings: RunSettings; options: PlannedRunOptions } {
  return runOptionsFor(plan, { overrides: overridesOf(flags), defaults: CLI_RUN_DEFAULTS, load: () => load, execution });
}
