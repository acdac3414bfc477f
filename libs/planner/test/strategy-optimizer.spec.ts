import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDLE_LOAD, LoadMonitor, LoadSnapshot, Plan, PlanTask, selectStrategy } from '../src';

const example = (name: string): Plan => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', `${name}.json`), 'utf8')) as Plan;
const task = (id: string, dependencies: string[] = [], estimatedDuration = 10): PlanTask => ({ id, description: id, agent: 'simulator', dependencies, estimatedDuration });
const load = (over: Partial<LoadSnapshot>): LoadSnapshot => ({ ...IDLE_LOAD, ...over });

describe('strategy optimizer (auto)', () => {
  const ecommerce = example('ecommerce-order');
  // A long chain beside one short independent task: parallel potential 10 / 110 ≈ 9%.
  const lowPotential = { tasks: [task('a', [], 50), task('b', ['a'], 50), task('side', [], 10)] };

  it('goes dependency-driven on an idle machine, limited to the widest level', () => {
    const choice = selectStrategy(ecommerce, IDLE_LOAD);
    expect(choice).toMatchObject({ strategy: 'hybrid', code: 'dependency_driven', maxConcurrency: 3 });
    expect(choice.parallelPotential).toBeCloseTo(1 - 100 / 210, 5);
    expect(choice.reason).toMatch(/parallel potential 52%/);
  });

  it('keeps the seed rules as the floor: high load or fewer than two free slots run sequentially', () => {
    expect(selectStrategy(ecommerce, load({ eventLoopUtilization: 0.9 }))).toMatchObject({ strategy: 'sequential', code: 'high_system_load' });
    expect(selectStrategy(ecommerce, load({ eventLoopDelayP99Ms: 95 }))).toMatchObject({ strategy: 'sequential', code: 'high_system_load' });
    expect(selectStrategy(ecommerce, load({ freeAgentSlots: 1 }))).toMatchObject({ strategy: 'sequential', code: 'few_free_slots' });
  });

  it('refuses a small gain only under load; on an idle machine even a small gain is taken', () => {
    expect(selectStrategy(lowPotential, load({ eventLoopUtilization: 0.6 }))).toMatchObject({
      strategy: 'sequential',
      code: 'insufficient_benefit_under_load',
    });
    expect(selectStrategy(lowPotential, IDLE_LOAD)).toMatchObject({ strategy: 'hybrid', maxConcurrency: 2 });
  });

  it('shares slots: concurrency follows free slots and halves under moderate load', () => {
    const wide = { tasks: Array.from({ length: 12 }, (_, i) => task(`t${i}`)) };
    expect(selectStrategy(wide, load({ freeAgentSlots: 5 })).maxConcurrency).toBe(5);
    expect(selectStrategy(wide, load({ eventLoopUtilization: 0.6 })).maxConcurrency).toBe(6);
    expect(selectStrategy(wide, IDLE_LOAD).maxConcurrency).toBe(12);
  });

  it('runs chains and single tasks sequentially', () => {
    expect(selectStrategy({ tasks: [task('a'), task('b', ['a']), task('c', ['b'])] }, IDLE_LOAD).code).toBe('no_parallelism');
    expect(selectStrategy({ tasks: [task('only')] }, IDLE_LOAD).code).toBe('single_task');
  });
});

describe('LoadMonitor', () => {
  it('sees a blocked event loop as load and an idle one as none', async () => {
    const monitor = new LoadMonitor({ resolutionMs: 5, minWindowMs: 100 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 110));
      monitor.snapshot();
      const until = Date.now() + 150;
      while (Date.now() < until) {
        // busy: the event loop cannot turn
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      const busy = monitor.snapshot({ tasksInFlight: 3, capacity: 4 });
      expect(busy.eventLoopUtilization).toBeGreaterThan(0.5);
      expect(busy.freeAgentSlots).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const idle = monitor.snapshot();
      expect(idle.eventLoopUtilization).toBeLessThan(busy.eventLoopUtilization);
      expect(idle.freeAgentSlots).toBe(Number.POSITIVE_INFINITY);
      // Too short a window is not judged: the caller's own start-up work is not load.
      const early = new LoadMonitor({ minWindowMs: 10_000 });
      const start = Date.now();
      while (Date.now() - start < 50) {
        // busy, but within the unjudged window
      }
      expect(early.snapshot().eventLoopUtilization).toBe(0);
      early.stop();
    } finally {
      monitor.stop();
    }
  });
});
