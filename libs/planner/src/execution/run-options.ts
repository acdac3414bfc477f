import type { RunOptions } from '@a2a-mcp/core-graph';
import type { Plan } from '../plan';
import type { LoadSnapshot } from '../optimizer/load-snapshot';
import { resolveRunSettings, type RunDefaults, type RunOverrides, type RunSettings } from '../optimizer/run-settings';
import { executionOptions, type ExecutionDefaults } from './execution-defaults';

/** The engine options a plan's settings and the execution defaults decide (the caller adds its own hooks). */
export type PlannedRunOptions = Pick<
  RunOptions,
  'strategy' | 'strategyReason' | 'maxConcurrency' | 'parallelThreshold' | 'qualityPolicy' | 'defaultTimeoutMs' | 'runTimeoutMs' | 'retry'
>;

/**
 * The engine options for a run whose settings are resolved: strategy, concurrency, threshold and
 * quality policy from `settings`, task timeout, retries and run limit from `execution`
 * (DEFAULT_TASK_TIMEOUT_MS, … as executionDefaultsFromEnv read them). The CLI and the host both use it.
 */
export function engineRunOptions(settings: RunSettings, execution: ExecutionDefaults): PlannedRunOptions {
  const options: PlannedRunOptions = {
    strategy: settings.strategy,
    strategyReason: settings.strategyReason,
    qualityPolicy: settings.qualityPolicy,
    ...executionOptions(execution),
  };
  if (settings.maxConcurrency !== undefined) options.maxConcurrency = settings.maxConcurrency;
  if (settings.parallelThreshold !== undefined) options.parallelThreshold = settings.parallelThreshold;
  return options;
}

/** What a caller knows when a run starts: its overrides, its last-word defaults, the live load and the execution defaults. */
export interface RunOptionsRequest {
  overrides: RunOverrides;
  defaults: RunDefaults;
  load: () => LoadSnapshot;
  execution: ExecutionDefaults;
}

/** resolveRunSettings then engineRunOptions: the settings (for the caller's report) and the engine options they become. */
export function runOptionsFor(plan: Plan, request: RunOptionsRequest): { settings: RunSettings; options: PlannedRunOptions } {
  const settings = resolveRunSettings(plan, request.overrides, request.defaults, request.load);
  return { settings, options: engineRunOptions(settings, request.execution) };
}
