import { MAX_TIMER_MS, TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import { invalidInput } from './task-input';

/**
 * How long an agent pretends to work: `input.durationMs`, else the plan's `estimatedDuration`,
 * else 0. Shared by the simulator and every demo agent so scenarios run at any time scale.
 */
export function resolveDurationMs(task: TaskRequest): number {
  const requested = task.input.durationMs;
  if (requested === undefined) {
    const estimate = task.metadata.estimatedDuration;
    if (typeof estimate === 'number' && estimate > MAX_TIMER_MS) {
      throw new TaskError('INVALID_INPUT', `task "${task.taskId}": estimatedDuration ${estimate} ms is longer than a timer can keep (${MAX_TIMER_MS} ms)`, false);
    }
    return typeof estimate === 'number' && Number.isFinite(estimate) && estimate > 0 ? estimate : 0;
  }
  // A wait longer than a timer can keep is a mistake in the plan, not work to simulate.
  if (typeof requested !== 'number' || !Number.isFinite(requested) || requested < 0 || requested > MAX_TIMER_MS) {
    throw invalidInput(task, 'durationMs', `a number of milliseconds from 0 to ${MAX_TIMER_MS}`, requested);
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
