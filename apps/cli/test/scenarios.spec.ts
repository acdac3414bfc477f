import { VirtualClock } from '@a2a-mcp/core-graph';
import type { RunResultJson } from '../src/result-json';
import { examplePath, fixturePath, runCli } from './support/fake-io';

// Every scenario of examples/ through the CLI with --json, on real timers: figures are asserted
// with generous margins (ratios, lower bounds), never as exact wall-clock times.

async function runJson(example: string, ...flags: string[]): Promise<{ code: number; result: RunResultJson; stderr: string }> {
  return runJsonOn(undefined, example, ...flags);
}

/** On a VirtualClock, tasks take exactly their simulated time: makespans compare the strategies, not the machine's load. */
async function runJsonOn(clock: VirtualClock | undefined, example: string, ...flags: string[]): Promise<{ code: number; result: RunResultJson; stderr: string }> {
  const outcome = await runCli(['run', examplePath(example), '--json', ...flags], { clock });
  return { code: outcome.code, result: JSON.parse(outcome.stdout) as RunResultJson, stderr: outcome.stderr };
}

function expectAllSuccessful(result: RunResultJson): void {
  const ids = Object.keys(result.tasks);
  expect(result.status).toBe('completed');
  expect(result.successful.sort()).toEqual([...ids].sort());
  expect(result.failed).toEqual([]);
  expect(result.skipped).toEqual([]);
  expect(result.partialCompletion).toBe(false);
  for (const task of Object.values(result.tasks)) expect(task.status).toBe('completed');
}

describe('ecommerce-order', () => {
  it('sequential: one task at a time, makespan about the sum of the tasks (210 ms)', async () => {
    const { code, result } = await runJson('ecommerce-order.json', '--strategy', 'sequential');
    expect(code).toBe(0);
    expectAllSuccessful(result);
    expect(result.strategy).toBe('sequential');
    // Node timers may fire up to ~1 ms early against performance.now(): allow 1 ms per task.
    expect(result.totalTaskMs).toBeGreaterThanOrEqual(210 - 5);
    expect(result.makespanMs).toBeGreaterThanOrEqual(200);
    expect(result.makespanMs).toBeGreaterThanOrEqual(result.totalTaskMs);
  });

  it('parallel with threshold 2 and hybrid are well below sequential; hybrid ≈ the critical path', async () => {
    const sequential = await runJson('ecommerce-order.json', '--strategy', 'sequential');
    const parallel = await runJson('ecommerce-order.json', '--strategy', 'parallel', '--parallel-threshold', '2');
    const hybrid = await runJson('ecommerce-order.json', '--strategy', 'hybrid');
    for (const run of [parallel, hybrid]) {
      expect(run.code).toBe(0);
      expectAllSuccessful(run.result);
    }
    expect(parallel.result.strategy).toBe('parallel');
    expect(parallel.result.makespanMs).toBeLessThan(0.75 * sequential.result.makespanMs);
    expect(hybrid.result.strategy).toBe('hybrid');
    expect(hybrid.result.criticalPath).toEqual(['payment', 'shipping']);
    expect(hybrid.result.makespanMs / hybrid.result.criticalPathMs).toBeLessThanOrEqual(1.25);
    expect(hybrid.result.parallelEfficiency).toBeGreaterThan(0);
  });

  it('prints the documented result shape, with every per-task key present', async () => {
    const { result } = await runJson('ecommerce-order.json');
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'runId', 'status', 'strategy', 'makespanMs', 'criticalPath', 'criticalPathMs', 'totalTaskMs', 'parallelEfficiency',
        'successful', 'failed', 'skipped', 'cancelled', 'partialCompletion', 'tasks',
      ]),
    );
    expect(result.strategy).toBe('hybrid'); // the plan's coordinationStrategy
    for (const task of Object.values(result.tasks)) {
      expect(Object.keys(task)).toEqual(
        expect.arrayContaining(['status', 'agent', 'attempts', 'startedAtMs', 'finishedAtMs', 'durationMs', 'qualityScore']),
      );
      expect(task.startedAtMs).toBeGreaterThanOrEqual(0);
      expect(task.finishedAtMs).toBeGreaterThanOrEqual(task.startedAtMs ?? 0);
    }
  });
});

describe('flaky-agents', () => {
  it('exits 1: broken fails, its dependent is skipped, flaky succeeds on attempt 3', async () => {
    const { code, result } = await runJson('flaky-agents.json');
    expect(code).toBe(1);
    expect(result.status).toBe('partial');
    expect(result.partialCompletion).toBe(true);
    expect(result.failed).toEqual(['broken']);
    expect(result.skipped).toEqual(['after_broken']);
    expect(result.tasks.broken.error?.code).toBe('SIMULATED_FAILURE');
    expect(result.tasks.after_broken.status).toBe('skipped');
    expect(result.tasks.after_broken.startedAtMs).toBeNull();
    expect(result.tasks.flaky.status).toBe('completed');
    expect(result.tasks.flaky.attempts).toBe(3);
    expect(result.successful).toEqual(expect.arrayContaining(['flaky', 'independent', 'after_flaky']));
  });
});

describe('uneven-pipelines', () => {
  it('hybrid finishes before level-by-level parallel (threshold 2)', async () => {
    // Virtual time: on a loaded machine real timers drift by more than the two strategies differ.
    const hybrid = await runJsonOn(new VirtualClock(), 'uneven-pipelines.json', '--strategy', 'hybrid');
    const parallel = await runJsonOn(new VirtualClock(), 'uneven-pipelines.json', '--strategy', 'parallel', '--parallel-threshold', '2');
    expect(hybrid.code).toBe(0);
    expect(parallel.code).toBe(0);
    expectAllSuccessful(hybrid.result);
    expectAllSuccessful(parallel.result);
    // Exactly the plan's figures: the critical path (10 + 50 ms) against the slowest task per level (50 + 50 ms).
    expect(hybrid.result.makespanMs).toBe(60);
    expect(parallel.result.makespanMs).toBe(100);
    expect(hybrid.result.makespanMs).toBeLessThan(parallel.result.makespanMs);
  });
});

describe.each(['data-pipeline.json', 'custom-dependencies.json'])('%s', (example) => {
  it('exits 0 with every task successful', async () => {
    const { code, result, stderr } = await runJson(example);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expectAllSuccessful(result);
  });
});

describe('strategy auto', () => {
  it('runs a plan that is a single chain sequentially', async () => {
    const outcome = await runCli(['run', fixturePath('chain.json'), '--json']);
    expect(outcome.code).toBe(0);
    expect((JSON.parse(outcome.stdout) as RunResultJson).strategy).toBe('sequential');
  });

  it('runs estimated levels that line up with the critical path as parallel, uneven ones as hybrid', async () => {
    const { result } = await runJson('data-pipeline.json', '--strategy', 'auto');
    expect(result.strategy).toBe('parallel');
    const uneven = await runJson('uneven-pipelines.json', '--strategy', 'auto');
    expect(uneven.result.strategy).toBe('hybrid');
  });
});
