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
    });
    expect(resolveRunSettings(plan, { strategy: 'sequential', parallelThreshold: 5, concurrency: 1 })).toEqual({
      strategy: 'sequential',
      strategyReason: '--strategy sequential',
      parallelThreshold: 5,
      maxConcurrency: 1,
    });
  });

  it('auto: sequential when no two tasks can run at once, else hybrid, and says why', () => {
    expect(resolveRunSettings(chain, { strategy: 'auto' })).toMatchObject({ strategy: 'sequential', strategyReason: expect.stringContaining('auto') });
    expect(resolveRunSettings(fan, { strategy: 'auto' })).toMatchObject({ strategy: 'hybrid', strategyReason: 'auto: up to 2 tasks can run at once' });
    expect(resolveRunSettings({ ...chain, coordinationStrategy: 'auto' }, {})).toMatchObject({ strategy: 'sequential' });
  });
});
