import { PlanConfigError, executionDefaultsFromEnv, type ExecutionDefaults } from '@a2a-mcp/planner';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/**
 * Task timeout, retries and run time limit for an embedded run, from the variables the host reads
 * too (DEFAULT_TASK_TIMEOUT_MS, DEFAULT_MAX_RETRIES, QUALITY_MAX_RETRIES, RUN_TIMEOUT_MS). A plan's
 * task may still set its own `timeoutMs` and `maxRetries`. A bad value is bad input (exit 2).
 */
export function executionDefaultsFor(env: CliIo['env']): ExecutionDefaults {
  try {
    return executionDefaultsFromEnv(env);
  } catch (error) {
    if (error instanceof PlanConfigError) throw new CliInputError(error.message);
    throw error;
  }
}
