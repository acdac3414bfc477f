import { DEFAULT_QUALITY_RETRIES, DEFAULT_TASK_TIMEOUT_MS, MAX_TIMER_MS, type RunOptions } from '@a2a-mcp/core-graph';
import { MAX_TASK_RETRIES } from '../plan';
import { PlanConfigError, integerSetting, type PlanConfigIssue } from '../validation/plan-limits';

/**
 * What every task of a run gets unless it says otherwise (its own `timeoutMs`, `maxRetries`), and
 * the run's own time limit. The host and the CLI read them from the same variables.
 */
export interface ExecutionDefaults {
  /** Per attempt (DEFAULT_TASK_TIMEOUT_MS, default 3 600 000: the original Python framework's one hour). */
  taskTimeoutMs: number;
  /** Retries after a failed attempt (DEFAULT_MAX_RETRIES, default 3, as in the original). */
  maxRetries: number;
  /** Re-runs of a low-quality output under the `retry` quality policy (QUALITY_MAX_RETRIES, default 2). */
  qualityRetries: number;
  /** The whole run's limit (RUN_TIMEOUT_MS); none by default. */
  runTimeoutMs?: number;
}

export const DEFAULT_EXECUTION_DEFAULTS: Readonly<ExecutionDefaults> = Object.freeze({
  taskTimeoutMs: DEFAULT_TASK_TIMEOUT_MS,
  maxRetries: 3,
  qualityRetries: DEFAULT_QUALITY_RETRIES,
});

export const EXECUTION_ENV = Object.freeze({
  taskTimeoutMs: 'DEFAULT_TASK_TIMEOUT_MS',
  maxRetries: 'DEFAULT_MAX_RETRIES',
  qualityRetries: 'QUALITY_MAX_RETRIES',
  runTimeoutMs: 'RUN_TIMEOUT_MS',
});

/**
 * Reads DEFAULT_TASK_TIMEOUT_MS and RUN_TIMEOUT_MS (integers from 1 to 2^31 − 1 ms: Node cannot
 * keep a longer timer), DEFAULT_MAX_RETRIES and QUALITY_MAX_RETRIES (integers from 0 to MAX_TASK_RETRIES, as a task's own maxRetries).
 * Unset or blank keeps the default. Throws one PlanConfigError naming every bad variable.
 */
export function executionDefaultsFromEnv(env: Readonly<Record<string, string | undefined>>): ExecutionDefaults {
  const issues: PlanConfigIssue[] = [];
  const read = (variable: string, min: number, max: number): number | undefined => integerSetting(env, variable, min, max, issues);
  const defaults: ExecutionDefaults = {
    taskTimeoutMs: read(EXECUTION_ENV.taskTimeoutMs, 1, MAX_TIMER_MS) ?? DEFAULT_EXECUTION_DEFAULTS.taskTimeoutMs,
    maxRetries: read(EXECUTION_ENV.maxRetries, 0, MAX_TASK_RETRIES) ?? DEFAULT_EXECUTION_DEFAULTS.maxRetries,
    qualityRetries: read(EXECUTION_ENV.qualityRetries, 0, MAX_TASK_RETRIES) ?? DEFAULT_EXECUTION_DEFAULTS.qualityRetries,
  };
  const runTimeoutMs = read(EXECUTION_ENV.runTimeoutMs, 1, MAX_TIMER_MS);
  if (runTimeoutMs !== undefined) defaults.runTimeoutMs = runTimeoutMs;
  if (issues.length > 0) throw new PlanConfigError(issues);
  return defaults;
}

/** The engine options these defaults become. */
export function executionOptions(defaults: ExecutionDefaults): Pick<RunOptions, 'defaultTimeoutMs' | 'runTimeoutMs' | 'retry'> {
  const options: Pick<RunOptions, 'defaultTimeoutMs' | 'runTimeoutMs' | 'retry'> = {
    defaultTimeoutMs: defaults.taskTimeoutMs,
    retry: { defaultMaxRetries: defaults.maxRetries, qualityRetries: defaults.qualityRetries },
  };
  if (defaults.runTimeoutMs !== undefined) options.runTimeoutMs = defaults.runTimeoutMs;
  return options;
}
