import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDLE_LOAD, NO_LOAD_HISTORY, LoadSnapshot, Plan, PlanTask, resolveRunSettings, selectStrategy, type RunDefaults } from '../src';

const example = (name: string): Plan => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', `${name}.json`), 'utf8')) as Plan;
const task = (id: string, dependencies: string[] = [], estimatedDuration = 10): PlanTask => ({ id, description: id, agent: 'simulator', dependencies, estimatedDuration });
const load = (over: Partial<LoadSnapshot>): LoadSnapshot => ({ ...IDLE_LOAD, ...over });
// Twelve independent tasks: one level, so level by level loses nothing unless the concurrency is capped.
const wide: Plan = { tasks: Array.from({ length: 12 }, (_, i) => task(`t${i}`, [], 10 + i)) };
/** The host's pool of 64 slots, all taken by the tasks of 7 runs: a burst. */
const saturatedSlots = load({ freeAgentSlots: 0, tasksInFlight: 64, runsInFlight: 7 });

describe('strategy optimizer (auto): the plan picks the strategy', () => {
  it('goes dependency-driven when there is parallelism, and an idle machine caps nothing', () => {
    const choice = selectStrategy(example('ecommerce-order'), IDLE_LOAD);
    expect(choice).toMatchObject({ strategy: 'hybrid', code: 'dependency_driven', maxConcurrency: undefined, caps: [] });
    expect(choice.parallelPotential).toBeCloseTo(1 - 100 / 210, 5);
    expect(choice.reason).toMatch(/parallel potential 52%, widest level 3\); load: event loop 0% busy.*agent slots unlimited; changed nothing/);
  });

  it('runs chains and single tasks sequentially, whatever the load', () => {
    const chain = { tasks: [task('a'), task('b', ['a']), task('c', ['b'])] };
    expect(selectStrategy(chain, IDLE_LOAD)).toMatchObject({ strategy: 'sequential', code: 'no_parallelism' });
    expect(selectStrategy({ tasks: [task('only')] }, IDLE_LOAD)).toMatchObject({ strategy: 'sequential', code: 'single_task' });
    const busyChain = selectStrategy(chain, load({ eventLoopUtilization: 0.95, freeAgentSlots: 0, tasksInFlight: 8 }));
    expect(busyChain).toMatchObject({ strategy: 'sequential', maxConcurrency: undefined, caps: [] });
    expect(busyChain.reason).toMatch(/changed nothing: one task at a time$/);
  });

  it('picks parallel only when the estimated levels line up with the critical path and each reaches the threshold', () => {
    // validate 50 | analytics 40 | notify 30, then aggregate 10: the level barrier costs nothing.
    const pipeline = example('data-pipeline');
    expect(selectStrategy(pipeline, IDLE_LOAD)).toMatchObject({ strategy: 'parallel', code: 'uniform_levels' });
    expect(selectStrategy(pipeline, IDLE_LOAD, { parallelThreshold: 4 })).toMatchObject({ strategy: 'hybrid' });
    // Uneven steps: the levels would wait for the slowest task of each.
    expect(selectStrategy({ tasks: [task('a', [], 10), task('b', ['a'], 50), task('c', [], 50), task('d', ['c'], 10)] }, IDLE_LOAD, { parallelThreshold: 2 }).strategy).toBe('hybrid');
    // No estimates: every task would weigh the same, which proves nothing.
    expect(selectStrategy(example('uneven-pipelines'), IDLE_LOAD, { parallelThreshold: 2 }).strategy).toBe('hybrid');
    // A cap below the widest level (a saturated event loop halves 3 to 2) makes the barrier cost: dependency-driven again.
    expect(selectStrategy(pipeline, load({ eventLoopUtilization: 0.95 }))).toMatchObject({ strategy: 'hybrid', maxConcurrency: 2 });
  });

  it('keeps a small gain under moderate load: sequential would not make the machine less busy', () => {
    const lowPotential = { tasks: [task('a', [], 50), task('b', ['a'], 50), task('side', [], 10)] };
    expect(selectStrategy(lowPotential, load({ eventLoopUtilization: 0.6 }))).toMatchObject({ strategy: 'hybrid', maxConcurrency: undefined });
  });
});

describe('strategy optimizer (auto): the load sets the concurrency', () => {
  it('saturated agent slots: does NOT go sequential for a wide plan, and leaves the sharing to the slot pool', () => {
    const choice = selectStrategy(wide, saturatedSlots);
    expect(choice.strategy).not.toBe('sequential');
    expect(choice).toMatchObject({ strategy: 'parallel', maxConcurrency: undefined, caps: [] });
    expect(choice.reason).toContain('0 of 64 agent slots free (64 task(s) in flight, 7 run(s))');
    expect(choice.reason).toContain('changed nothing');
  });

  it('does not cap a run to the slots free at its start: they free up while it runs', () => {
    expect(selectStrategy(wide, load({ freeAgentSlots: 5, tasksInFlight: 59 })).maxConcurrency).toBeUndefined();
    expect(selectStrategy(wide, load({ freeAgentSlots: 0, tasksInFlight: 64 })).maxConcurrency).toBeUndefined();
  });

  it('a saturated event loop (CPU-bound host) halves the concurrency but keeps the strategy', () => {
    const busy = selectStrategy(wide, load({ eventLoopUtilization: 0.95 }));
    expect(busy).toMatchObject({ strategy: 'hybrid', maxConcurrency: 6, caps: [{ by: 'event_loop', limit: 6 }] });
    expect(busy.load).toBeCloseTo(0.95, 5);
    expect(busy.reason).toContain('event loop 95% busy');
    expect(busy.reason).toContain('capped concurrency 12 → 6 (event loop saturated, load 95% ≥ 80%: halved)');
    // A stall happening now counts as much as a smoothed one.
    expect(selectStrategy(wide, load({ eventLoopDelayNowMs: 150 })).maxConcurrency).toBe(6);
    // Saturated slots as well change nothing more: only the event loop halves.
    const both = selectStrategy(wide, { ...saturatedSlots, eventLoopUtilization: 0.9 });
    expect(both.caps.map((cap) => [cap.by, cap.limit])).toEqual([['event_loop', 6]]);
    expect(both.maxConcurrency).toBe(6);
    // Below saturation the event loop changes nothing.
    expect(selectStrategy(wide, load({ eventLoopUtilization: 0.7 })).maxConcurrency).toBeUndefined();
  });

  it('reports but does not act on a saturated reading shorter than one half-life (a process still booting)', () => {
    const booting = load({ eventLoopUtilization: 1, history: { samples: 3, windowMs: 300, ageMs: 20, halfLifeMs: 1000 } });
    const choice = selectStrategy(wide, booting);
    expect(choice).toMatchObject({ maxConcurrency: undefined, caps: [], load: 1 });
    expect(choice.reason).toContain('event loop 100% busy');
    expect(choice.reason).toMatch(/changed nothing: concurrency follows the plan \(event loop load 100% seen over only 0\.3 s, under one half-life: not acted on\)$/);
  });

  it('says so when there is no load history, and does not read the event loop then', () => {
    const fresh = selectStrategy(wide, { ...NO_LOAD_HISTORY, eventLoopDelayNowMs: 500, history: { ...NO_LOAD_HISTORY.history, ageMs: 3 } });
    expect(fresh).toMatchObject({ strategy: 'parallel', maxConcurrency: undefined, load: undefined });
    expect(fresh.reason).toContain('load: event loop: no load history yet (monitoring began 3 ms ago); agent slots unlimited; changed nothing');
    expect(fresh.reason).not.toMatch(/0% busy|idle/);
  });

  it('leaves a concurrency the caller or plan set alone, and says the load changed nothing', () => {
    const choice = selectStrategy(wide, saturatedSlots, { fixedConcurrency: { limit: 12, source: '--concurrency' } });
    expect(choice).toMatchObject({ strategy: 'parallel', maxConcurrency: undefined, caps: [] });
    expect(choice.reason).toMatch(/changed nothing: --concurrency 12 sets the concurrency$/);
  });
});

describe('resolveRunSettings with auto', () => {
  const defaults: RunDefaults = { strategy: 'auto', strategySource: 'default strategy', requestedBy: 'requested strategy' };

  it('reports the load seen and what it changed, and never picks sequential for a wide plan under a burst', () => {
    const settings = resolveRunSettings(wide, {}, defaults, () => saturatedSlots);
    expect(settings).toMatchObject({ strategy: 'parallel' });
    expect(settings.maxConcurrency).toBeUndefined();
    expect(settings.strategyReason).toMatch(/^auto: uniform_levels: .*; load: .*0 of 64 agent slots free.*; changed nothing/);
    const busy = resolveRunSettings(wide, {}, defaults, () => ({ ...saturatedSlots, eventLoopUtilization: 0.95 }));
    expect(busy).toMatchObject({ strategy: 'hybrid', maxConcurrency: 6 });
    expect(busy.strategyReason).toMatch(/capped concurrency 12 → 6 \(event loop saturated/);
  });

  it('the plan or caller concurrency wins over the cap, and the threshold in effect decides parallel', () => {
    const planned = resolveRunSettings({ ...wide, maxConcurrency: 10 }, {}, defaults, () => saturatedSlots);
    expect(planned.maxConcurrency).toBe(10);
    expect(planned.strategyReason).toContain('changed nothing: plan maxConcurrency 10 sets the concurrency');
    const asked = resolveRunSettings(wide, { maxConcurrency: 3 }, { ...defaults, concurrencyRequestedBy: '--concurrency' }, () => saturatedSlots);
    expect(asked.maxConcurrency).toBe(3);
    expect(asked.strategyReason).toContain('--concurrency 3 sets the concurrency');
    const pipeline = example('data-pipeline');
    expect(resolveRunSettings(pipeline, { strategy: 'auto' }, defaults, () => IDLE_LOAD).strategy).toBe('parallel');
    expect(resolveRunSettings(pipeline, { strategy: 'auto', parallelThreshold: 4 }, defaults, () => IDLE_LOAD).strategy).toBe('hybrid');
  });
});
