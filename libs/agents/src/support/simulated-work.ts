import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { invalidInput } from './task-input';

/**
 * How long an agent pretends to work: `input.durationMs`, else the plan's `estimatedDuration`,
 * else 0. Shared by the simulator and every demo agent so scenarios run at any time scale.
 */
export function resolveDurationMs(task: TaskRequest): number {
  const requested = task.input.durationMs;
  if (requested === undefined) {
    const estimate = task.metadata.estimatedDuration;
    return typeof estimate === 'number' && Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
  }
  if (typeof requested !== 'number' || !Number.isFinite(requested) || requested < 0) {
    throw invalidInput(task, 'durationMs', 'a non-negative number of milliseconds', requested);
  }
  return requested;
}

/**
 * Waits on the run's clock, or returns undefined for zero work so the caller skips the `await`
 * entirely (zero-work agents are what the engine overhead benchmark measures).
 */
export function waitOnRunClock(ctx: TaskContext, ms: number): Promise<void> | undefined {
  return ms > 0 ? ctx.sleep(ms) : undefined;
}
