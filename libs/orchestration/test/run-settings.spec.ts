import { IDLE_LOAD, type Plan } from '@a2a-mcp/planner';
import { resolveRunSettings } from '../src';

const plan = (extra: Partial<Plan> = {}): Plan => ({
  tasks: [
    { id: 'a', description: 'a', agent: 'simulator', dependencies: [] },
    { id: 'b', description: 'b', agent: 'simulator', dependencies: [] },
    { id: 'c', description: 'c', agent: 'simulator', dependencies: ['a', 'b'] },
  ],
  ...extra,
});
const enhanced = { mode: 'enhanced' as const, defaultStrategy: 'auto' as const, parallelThreshold: 3 };
const idle = () => IDLE_LOAD;

describe('resolveRunSettings', () => {
  it('caller > plan > mode default, with the reason', () => {
    expect(resolveRunSettings(plan(), { strategy: 'parallel' }, enhanced, idle)).toMatchObject({ strategy: 'parallel', strategyReason: 'requested strategy parallel' });
    expect(resolveRunSettings(plan({ coordinationStrategy: 'sequential' }), {}, enhanced, idle)).toMatchObject({
      strategy: 'sequential',
      strategyReason: 'plan coordinationStrategy sequential',
    });
    expect(resolveRunSettings(plan(), {}, { mode: 'basic', defaultStrategy: 'sequential', parallelThreshold: 3 }, idle)).toMatchObject({
      strategy: 'sequential',
      strategyReason: 'ORCHESTRATION_MODE=basic default strategy sequential',
    });
  });

  it('auto asks the optimizer with the live load: load caps concurrency, it never forces sequential', () => {
    const auto = resolveRunSettings(plan(), {}, enhanced, idle);
    expect(auto).toMatchObject({ strategy: 'hybrid' });
    expect(auto.maxConcurrency).toBeUndefined();
    expect(auto.strategyReason).toMatch(/^auto: dependency_driven/);
    const busy = resolveRunSettings(plan(), {}, enhanced, () => ({ ...IDLE_LOAD, eventLoopUtilization: 0.95 }));
    expect(busy).toMatchObject({ strategy: 'hybrid', maxConcurrency: 1 });
    expect(busy.strategyReason).toMatch(/event loop 95% busy.*capped concurrency 2 → 1 \(event loop saturated/);
    const noSlots = resolveRunSettings(plan(), {}, enhanced, () => ({ ...IDLE_LOAD, freeAgentSlots: 0, tasksInFlight: 8, runsInFlight: 3 }));
    expect(noSlots).toMatchObject({ strategy: 'hybrid' });
    expect(noSlots.maxConcurrency).toBeUndefined(); // the slot pool queues its tasks: no cap fixed at the start
    expect(noSlots.strategyReason).toContain('0 of 8 agent slots free (8 task(s) in flight, 3 run(s)); changed nothing');
    expect(resolveRunSettings(plan({ maxConcurrency: 5 }), {}, enhanced, idle).maxConcurrency).toBe(5);
    expect(resolveRunSettings(plan({ maxConcurrency: 5 }), { maxConcurrency: 7 }, enhanced, idle).maxConcurrency).toBe(7);
  });

  it('does not ask for the load unless the strategy is auto', () => {
    const load = jest.fn(idle);
    resolveRunSettings(plan(), { strategy: 'hybrid' }, enhanced, load);
    expect(load).not.toHaveBeenCalled();
  });

  it('threshold, quality policy and parallel groups: caller > plan > configuration', () => {
    expect(resolveRunSettings(plan(), {}, enhanced, idle)).toMatchObject({ parallelThreshold: 3, qualityPolicy: 'warn' });
    expect(resolveRunSettings(plan({ parallelThreshold: 2, qualityPolicy: 'retry' }), {}, enhanced, idle)).toMatchObject({
      parallelThreshold: 2,
      qualityPolicy: 'retry',
    });
    expect(resolveRunSettings(plan({ parallelThreshold: 2 }), { parallelThreshold: 4, qualityPolicy: 'fail' }, enhanced, idle)).toMatchObject({
      parallelThreshold: 4,
      qualityPolicy: 'fail',
    });
    expect(resolveRunSettings(plan({ parallelGroups: [{ name: 'g', tasks: ['a', 'b'] }] }), {}, enhanced, idle).parallelGroups).toEqual([['a', 'b']]);
  });
});
