import { IDLE_LOAD, type Plan } from '@a2a-mcp/planner';
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
    // No monitor reading: "no load history yet", never a made-up idle machine.
    const fresh = resolveRunSettings(fan, { strategy: 'auto' });
    expect(fresh).toMatchObject({ strategy: 'hybrid', strategyReason: expect.stringMatching(/^auto: dependency_driven/) });
    expect(fresh.maxConcurrency).toBeUndefined();
    expect(fresh.strategyReason).toContain('no load history yet');
    // A saturated event loop halves the concurrency; it does not force sequential.
    const busy = { ...IDLE_LOAD, eventLoopUtilization: 0.95 };
    const underLoad = resolveRunSettings(fan, { strategy: 'auto' }, busy);
    expect(underLoad).toMatchObject({ strategy: 'hybrid', maxConcurrency: 1 });
    expect(underLoad.strategyReason).toMatch(/event loop 95% busy.*capped concurrency 2 → 1/);
    expect(resolveRunSettings({ ...chain, coordinationStrategy: 'auto' }, {})).toMatchObject({ strategy: 'sequential' });
    const flagged = resolveRunSettings(fan, { strategy: 'auto', concurrency: 2 }, busy);
    expect(flagged.maxConcurrency).toBe(2);
    expect(flagged.strategyReason).toContain('changed nothing: --concurrency 2 sets the concurrency');
  });

  it('passes the plan\'s parallel groups to the engine', () => {
    const grouped: Plan = { ...fan, parallelGroups: [{ name: 'fan', tasks: ['b', 'c'] }] };
    expect(resolveRunSettings(grouped, {}).parallelGroups).toEqual([['b', 'c']]);
  });
});
