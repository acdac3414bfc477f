import type { Plan } from '@a2a-mcp/planner';
import { resolveRunSettings } from '../src/run-settings';

const task = (id: string, dependencies: string[] = []): Plan['tasks'][number] => ({ id, description: id, agent: 'simulator', dependencies });
const chain: Plan = { tasks: [task('a'), task('b', ['a']), task('c', ['b'])] };
const fan: Plan = { tasks: [task('a'), task('b', ['a']), task('c', ['a'])] };

describe('resolveRunSettings', () => {
  it('defaults to hybrid', () => {
    expect(resolveRunSettings(chain, {})).toMatchObject({ strategy: 'hybrid' });
  });

  it("uses the plan's strategy and limits unless flags override them", () => {
    const plan: Plan = { ...fan, coordinationStrategy: 'parallel', parallelThreshold: 2, maxConcurrency: 4 };
    expect(resolveRunSettings(plan, {})).toEqual({
      strategy: 'parallel',
      strategyReason: 'plan coordinationStrategy parallel',
      parallelThreshold: 2,
      maxConcurrency: 4,
      qualityPolicy: 'warn',
    });
    expect(resolveRunSettings({ ...plan, qualityPolicy: 'fail' }, { strategy: 'sequential', parallelThreshold: 5, concurrency: 1, qualityPolicy: 'retry' })).toEqual({
      strategy: 'sequential',
      strategyReason: '--strategy sequential',
      parallelThreshold: 5,
      maxConcurrency: 1,
      qualityPolicy: 'retry',
    });
    expect(resolveRunSettings({ ...plan, qualityPolicy: 'fail' }, {}).qualityPolicy).toBe('fail');
  });

  it('auto: asks the optimizer, which reads the plan shape and the load, and says why', () => {
    expect(resolveRunSettings(chain, { strategy: 'auto' })).toMatchObject({ strategy: 'sequential', strategyReason: expect.stringContaining('no_parallelism') });
    expect(resolveRunSettings(fan, { strategy: 'auto' })).toMatchObject({
      strategy: 'hybrid',
      maxConcurrency: 2,
      strategyReason: expect.stringMatching(/^auto: dependency_driven/),
    });
    const busy = { eventLoopUtilization: 0.95, eventLoopDelayP99Ms: 0, tasksInFlight: 0, freeAgentSlots: Infinity };
    expect(resolveRunSettings(fan, { strategy: 'auto' }, busy)).toMatchObject({ strategy: 'sequential', strategyReason: expect.stringContaining('high_system_load') });
    expect(resolveRunSettings({ ...chain, coordinationStrategy: 'auto' }, {})).toMatchObject({ strategy: 'sequential' });
    expect(resolveRunSettings(fan, { strategy: 'auto', concurrency: 1 }).maxConcurrency).toBe(1);
  });

  it('passes the plan\'s parallel groups to the engine', () => {
    const grouped: Plan = { ...fan, parallelGroups: [{ name: 'fan', tasks: ['b', 'c'] }] };
    expect(resolveRunSettings(grouped, {}).parallelGroups).toEqual([['b', 'c']]);
  });
});
