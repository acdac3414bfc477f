import { IDLE_LOAD, LoadSnapshot, PlanTask, SATURATING_DELAY_MS, selectStrategy, systemLoad } from '../src';
import { capConcurrency } from '../src/optimizer/load-caps';

const task = (id: string, dependencies: string[] = [], estimatedDuration = 10): PlanTask => ({ id, description: id, agent: 'simulator', dependencies, estimatedDuration });
const load = (over: Partial<LoadSnapshot>): LoadSnapshot => ({ ...IDLE_LOAD, ...over });
/** `width` independent tasks of different lengths: one level, widest level = width. */
const wide = (width: number) => ({ tasks: Array.from({ length: width }, (_, i) => task(`t${i}`, [], 10 + i)) });

describe('optimizer: where the event loop counts as saturated', () => {
  it('a load exactly at saturatedLoad halves the concurrency; just below changes nothing', () => {
    expect(selectStrategy(wide(12), load({ eventLoopUtilization: 0.8 })).maxConcurrency).toBe(6);
    expect(selectStrategy(wide(12), load({ eventLoopUtilization: 0.7999 })).maxConcurrency).toBeUndefined();
    // Moderate load, whatever the plan's parallel potential: the strategy stays dependency-driven or levels.
    const moderate = selectStrategy(wide(12), load({ eventLoopUtilization: 0.6 }));
    expect(moderate).toMatchObject({ strategy: 'parallel', maxConcurrency: undefined, caps: [] });
  });

  it('honours a saturatedLoad of the caller, at its boundary too', () => {
    expect(selectStrategy(wide(12), load({ eventLoopUtilization: 0.5 }), { saturatedLoad: 0.5 }).maxConcurrency).toBe(6);
    expect(selectStrategy(wide(12), load({ eventLoopUtilization: 0.49 }), { saturatedLoad: 0.5 }).maxConcurrency).toBeUndefined();
    expect(selectStrategy(wide(12), load({ eventLoopUtilization: 0.85 }), { saturatedLoad: 0.9 }).maxConcurrency).toBeUndefined();
  });

  it('halves rounding up, never below 1: 5 → 3, 3 → 2, 2 → 1', () => {
    const saturated = load({ eventLoopUtilization: 1 });
    expect(selectStrategy(wide(5), saturated).maxConcurrency).toBe(3);
    expect(selectStrategy(wide(3), saturated).maxConcurrency).toBe(2);
    const two = selectStrategy(wide(2), saturated);
    expect(two).toMatchObject({ maxConcurrency: 1, caps: [{ by: 'event_loop', limit: 1 }] });
    expect(two.reason).toContain('capped concurrency 2 → 1 (event loop saturated, load 100% ≥ 80%: halved)');
  });

  it('acts on a reading over exactly one half-life, not on a shorter one', () => {
    const over = (windowMs: number) => load({ eventLoopUtilization: 0.9, history: { samples: 5, windowMs, ageMs: 0, halfLifeMs: 1000 } });
    expect(selectStrategy(wide(12), over(1000)).maxConcurrency).toBe(6);
    const early = selectStrategy(wide(12), over(999));
    expect(early.maxConcurrency).toBeUndefined();
    expect(early.reason).toContain('seen over only 1.0 s, under one half-life: not acted on');
  });
});

describe('systemLoad: one figure from utilisation and delays', () => {
  it('takes the busiest of utilisation, smoothed delay and delay now, relative to the saturating delay', () => {
    expect(SATURATING_DELAY_MS).toBe(100);
    expect(systemLoad(load({ eventLoopUtilization: 0.3, eventLoopDelayP99Ms: 50 }))).toBeCloseTo(0.5, 9);
    expect(systemLoad(load({ eventLoopUtilization: 0.3, eventLoopDelayNowMs: 70 }))).toBeCloseTo(0.7, 9);
    expect(systemLoad(load({ eventLoopUtilization: 0.9, eventLoopDelayP99Ms: 50 }))).toBeCloseTo(0.9, 9);
    // Delays below zero count as none; figures above the scale and unreadable ones count as full load.
    expect(systemLoad(load({ eventLoopUtilization: 0.2, eventLoopDelayP99Ms: -40 }))).toBeCloseTo(0.2, 9);
    expect(systemLoad(load({ eventLoopDelayNowMs: 1000 }))).toBe(1);
    expect(systemLoad(load({ eventLoopUtilization: Number.NaN }))).toBe(1);
    expect(systemLoad(load({ eventLoopUtilization: -1 }))).toBe(0);
    // A delay of exactly 80 ms is a load of 0.8: saturated at the default threshold.
    expect(selectStrategy(wide(12), load({ eventLoopDelayP99Ms: 80 })).maxConcurrency).toBe(6);
  });

  it('is undefined without history, however busy the figures look', () => {
    expect(systemLoad(load({ eventLoopUtilization: 1, history: { samples: 0, windowMs: 0, ageMs: 0, halfLifeMs: 1000 } }))).toBeUndefined();
  });
});

describe('optimizer: when level by level loses nothing', () => {
  it('levels that add up to exactly the critical path run as levels; one ms more goes dependency-driven', () => {
    // Level 1: a 30, b 30, c 30; level 2: d 10 after all. Critical path 40 = 30 + 10.
    const even = { tasks: [task('a', [], 30), task('b', [], 30), task('c', [], 30), task('d', ['a', 'b', 'c'], 10)] };
    expect(selectStrategy(even, IDLE_LOAD)).toMatchObject({ strategy: 'parallel', code: 'uniform_levels' });
    // d waits only for a: the level barrier makes d wait for c's 31 ms when the critical path is 40.
    const uneven = { tasks: [task('a', [], 30), task('b', [], 30), task('c', [], 31), task('d', ['a'], 10), task('e', ['b'], 10), task('f', ['c'], 9)] };
    expect(selectStrategy(uneven, IDLE_LOAD)).toMatchObject({ strategy: 'hybrid', code: 'dependency_driven' });
  });

  it('a level exactly at the threshold runs as levels; one task short goes dependency-driven; single-task levels are fine', () => {
    const levels = (width: number) => ({ tasks: [...Array.from({ length: width }, (_, i) => task(`w${i}`, [], 10)), task('end', Array.from({ length: width }, (_, i) => `w${i}`), 5)] });
    expect(selectStrategy(levels(3), IDLE_LOAD, { parallelThreshold: 3 }).strategy).toBe('parallel');
    expect(selectStrategy(levels(3), IDLE_LOAD, { parallelThreshold: 4 }).strategy).toBe('hybrid');
    expect(selectStrategy(levels(4), IDLE_LOAD, { parallelThreshold: 4 }).strategy).toBe('parallel');
  });

  it('a task without an estimate means no proof: dependency-driven', () => {
    const plan = { tasks: [task('a', [], 10), task('b', [], 10), { id: 'c', description: 'c', agent: 'simulator', dependencies: [] }] };
    expect(selectStrategy(plan, IDLE_LOAD, { parallelThreshold: 2 }).strategy).toBe('hybrid');
    expect(selectStrategy({ tasks: [task('a'), task('b'), task('c', [], 10)] }, IDLE_LOAD, { parallelThreshold: 2 }).strategy).toBe('parallel');
  });
});

describe('optimizer: the reason, word for word', () => {
  const idleWords = 'event loop 0% busy, p99 delay 0 ms, delay now 0 ms (smoothed over the last 4.0 s, half-life 1.0 s, newest sample 0 ms old); agent slots unlimited';

  it('one task, a chain, a wide plan and a dependency-driven plan', () => {
    expect(selectStrategy({ tasks: [task('only')] }, IDLE_LOAD).reason).toBe(
      `single_task: one task needs no coordination (parallel potential 0%, widest level 1); load: ${idleWords}; changed nothing: one task at a time`,
    );
    expect(selectStrategy({ tasks: [task('a'), task('b', ['a'])] }, IDLE_LOAD).reason).toBe(
      `no_parallelism: no two tasks can ever run at once (parallel potential 0%, widest level 1); load: ${idleWords}; changed nothing: one task at a time`,
    );
    expect(selectStrategy(wide(3), IDLE_LOAD).reason).toBe(
      'uniform_levels: the levels line up with the critical path and each runs concurrently (parallelThreshold 3), so level by level loses nothing ' +
        `(parallel potential 64%, widest level 3); load: ${idleWords}; changed nothing: concurrency follows the plan`,
    );
    const chainAndSide = { tasks: [task('a', [], 50), task('b', ['a'], 50), task('side', [], 10)] };
    expect(selectStrategy(chainAndSide, IDLE_LOAD).reason).toBe(
      `dependency_driven: tasks start as soon as their dependencies complete (parallel potential 9%, widest level 2); load: ${idleWords}; changed nothing: concurrency follows the plan`,
    );
  });

  it('names the runs in flight only when known, and the caps in order', () => {
    const busy = load({ eventLoopUtilization: 0.9, freeAgentSlots: 2, tasksInFlight: 6 });
    const choice = selectStrategy(wide(4), busy);
    expect(choice.reason).toMatch(/; 2 of 8 agent slots free \(6 task\(s\) in flight\); capped concurrency 4 → 2 \(event loop saturated, load 90% ≥ 80%: halved\)$/);
    expect(selectStrategy(wide(4), { ...busy, runsInFlight: 3 }).reason).toContain('2 of 8 agent slots free (6 task(s) in flight, 3 run(s))');
  });

  it('below saturation and without history, nothing is held back: the reason ends with the plan', () => {
    expect(selectStrategy(wide(3), load({ eventLoopUtilization: 0.5 })).reason).toMatch(/changed nothing: concurrency follows the plan$/);
    const fresh = load({ history: { samples: 0, windowMs: 0, ageMs: 5, halfLifeMs: 1000 } });
    expect(selectStrategy(wide(3), fresh).reason).toMatch(/changed nothing: concurrency follows the plan$/);
  });
});

describe('capConcurrency on its own', () => {
  it('a limit of 1 cannot be halved: no cap is recorded', () => {
    expect(capConcurrency(1, load({ eventLoopUtilization: 1 }), 0.8)).toEqual({ limit: 1, caps: [] });
    expect(capConcurrency(2, load({ eventLoopUtilization: 1 }), 0.8).caps).toHaveLength(1);
  });
});

describe('optimizer: zero-length estimates', () => {
  it('levels of instant tasks lose nothing either (0 ms of levels against a 0 ms critical path)', () => {
    const instant = { tasks: [task('a', [], 0), task('b', [], 0), task('c', [], 0)] };
    expect(selectStrategy(instant, IDLE_LOAD).strategy).toBe('parallel');
  });
});
