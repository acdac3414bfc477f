import type { RunOptions } from '@a2a-mcp/core-graph';
import { PlanConfigError, executionDefaultsFromEnv, executionOptions } from '@a2a-mcp/planner';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/**
 * Task timeout, retries and run time limit for an embedded run, from the variables the host reads
 * too (DEFAULT_TASK_TIMEOUT_MS, DEFAULT_MAX_RETRIES, QUALITY_MAX_RETRIES, RUN_TIMEOUT_MS). A plan's
 * task may still set its own `timeoutMs` and `maxRetries`. A bad value is bad input (exit 2).
 */
export function executionSettingsFor(env: CliIo['env']): Pick<RunOptions, 'defaultTimeoutMs' | 'runTimeoutMs' | 'retry'> {
  try {
    return executionOptions(executionDefaultsFromEnv(env));
  } catch (error) {
    if (error instanceof PlanConfigError) throw new CliInputError(error.message);
    throw error;
  }
}
