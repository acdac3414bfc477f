import { TaskError } from '@a2a-mcp/core-graph';
import { createSimulatorAgent } from '../src';
import { createTestContext, taskRequest } from './support/test-context';

const simulator = createSimulatorAgent();

function simulate(input: Record<string, unknown>, options: { attempt?: number; estimatedDuration?: number; start?: number } = {}) {
  const test = createTestContext({ attempt: options.attempt, start: options.start });
  const task = taskRequest({ taskId: 'sim', input, metadata: { estimatedDuration: options.estimatedDuration } });
  return { ...test, task, result: simulator.execute(task, test.ctx) };
}

describe('simulator agent', () => {
  it('is named simulator', () => {
    expect(simulator.card.name).toBe('simulator');
  });

  it('waits exactly durationMs on the run clock', async () => {
    const { ctx, result, sleeps } = simulate({ durationMs: 250 }, { start: 1000 });

    await result;

    expect(ctx.now()).toBe(1250);
    expect(sleeps).toEqual([250]);
  });

  it('defaults to the task estimatedDuration', async () => {
    const { ctx, result } = simulate({}, { estimatedDuration: 40 });
    await result;
    expect(ctx.now()).toBe(40);
  });

  it('an explicit durationMs overrides the estimate', async () => {
    const { ctx, result } = simulate({ durationMs: 5 }, { estimatedDuration: 40 });
    await result;
    expect(ctx.now()).toBe(5);
  });

  it('does zero work without sleeping or setting a timer', async () => {
    const { ctx, clock, result, sleeps } = simulate({});

    expect(clock.pendingTimers).toBe(0);
    await expect(result).resolves.toEqual({ taskId: 'sim', attempt: 1 });
    expect(sleeps).toEqual([]);
    expect(ctx.now()).toBe(0);
  });

  it('returns the given output, or {taskId, attempt} by default', async () => {
    await expect(simulate({ output: { rows: 3 } }).result).resolves.toEqual({ rows: 3 });
    await expect(simulate({ output: 'plain' }).result).resolves.toBe('plain');
    await expect(simulate({}, { attempt: 3 }).result).resolves.toEqual({ taskId: 'sim', attempt: 3 });
  });

  it('adds qualityScore to the output', async () => {
    await expect(simulate({ output: { rows: 3 }, qualityScore: 0.8 }).result).resolves.toEqual({ rows: 3, qualityScore: 0.8 });
    await expect(simulate({ output: [1, 2], qualityScore: 0.5 }).result).resolves.toEqual({ output: [1, 2], qualityScore: 0.5 });
    await expect(simulate({ qualityScore: 1 }).result).resolves.toEqual({ taskId: 'sim', attempt: 1, qualityScore: 1 });
  });

  it('fails its first failTimes attempts with a retryable SIMULATED_FAILURE, then succeeds', async () => {
    for (const attempt of [1, 2]) {
      const error = await simulate({ failTimes: 2 }, { attempt }).result.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskError);
      expect(error).toMatchObject({ code: 'SIMULATED_FAILURE', retryable: true });
    }
    await expect(simulate({ failTimes: 2 }, { attempt: 3 }).result).resolves.toEqual({ taskId: 'sim', attempt: 3 });
  });

  it('a failing attempt still takes its duration', async () => {
    const { ctx, result } = simulate({ durationMs: 30, failTimes: 1 });
    await expect(result).rejects.toMatchObject({ code: 'SIMULATED_FAILURE' });
    expect(ctx.now()).toBe(30);
  });

  it('failAlways fails every attempt', async () => {
    for (const attempt of [1, 2, 10]) {
      await expect(simulate({ failAlways: true }, { attempt }).result).rejects.toMatchObject({
        code: 'SIMULATED_FAILURE',
        retryable: true,
      });
    }
  });

  it('stops waiting when the signal aborts', async () => {
    const { ctx, controller, result } = simulate({ durationMs: 1000 });
    const reason = new Error('cancelled by test');

    controller.abort(reason);

    await expect(result).rejects.toBe(reason);
    expect(ctx.now()).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const test = createTestContext();
    test.controller.abort();
    await expect(simulator.execute(taskRequest({ input: { durationMs: 10 } }), test.ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it.each([
    [{ durationMs: -1 }, 'durationMs'],
    [{ durationMs: '10' }, 'durationMs'],
    [{ durationMs: Number.NaN }, 'durationMs'],
    [{ durationMs: null }, 'durationMs'],
    [{ durationMs: 2_147_483_648 }, 'durationMs'],
    [{ failTimes: 1.5 }, 'failTimes'],
    [{ failTimes: -1 }, 'failTimes'],
    [{ failTimes: '2' }, 'failTimes'],
    [{ failAlways: 'yes' }, 'failAlways'],
    [{ qualityScore: 1.2 }, 'qualityScore'],
    [{ qualityScore: -0.1 }, 'qualityScore'],
    [{ qualityScore: 'high' }, 'qualityScore'],
  ])('rejects input %j with a non-retryable INVALID_INPUT naming %s and the task', async (input, field) => {
    const { result, sleeps } = simulate(input);
    const error = await result.catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect((error as TaskError).message).toContain(`input.${field}`);
    expect((error as TaskError).message).toContain('"sim"');
    expect(sleeps).toEqual([]);
  });
});
