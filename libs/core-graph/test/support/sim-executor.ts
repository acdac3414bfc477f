import { TaskContext, TaskError, TaskExecutor, TaskRequest } from '../../src';

/**
 * Test double for agents (core-graph must not depend on libs/agents): waits `input.durationMs`
 * on the run's clock, fails its first `failTimes` attempts, or always with `failAlways`.
 * Records which tasks ran at once so tests can check overlap.
 */
export class SimExecutor implements TaskExecutor {
  readonly calls: { taskId: string; attempt: number; start: number; end?: number; signal: AbortSignal }[] = [];
  running = 0;
  maxRunning = 0;
  constructor(private readonly overrides: Partial<Record<string, (task: TaskRequest, ctx: TaskContext) => Promise<unknown>>> = {}) {}

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const call: SimExecutor['calls'][number] = { taskId: task.taskId, attempt: ctx.attempt, start: ctx.now(), signal: ctx.signal };
    this.calls.push(call);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      const override = Object.hasOwn(this.overrides, task.taskId) ? this.overrides[task.taskId] : undefined;
      if (override) return await override(task, ctx);
      const input = task.input as { durationMs?: number; failTimes?: number; failAlways?: boolean; output?: unknown };
      const duration = input.durationMs ?? task.metadata.estimatedDuration ?? 0;
      if (duration > 0) await ctx.sleep(duration);
      if (input.failAlways || ctx.attempt <= (input.failTimes ?? 0)) {
        throw new TaskError('SIMULATED_FAILURE', `${task.taskId} failed on attempt ${ctx.attempt}`);
      }
      return input.output ?? { taskId: task.taskId, inputs: Object.keys(task.dependencyOutputs) };
    } finally {
      this.running--;
      call.end = ctx.now();
    }
  }
}
