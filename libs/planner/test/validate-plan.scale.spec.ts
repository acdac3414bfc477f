import fc from 'fast-check';
import './property-settings';
import { analyzePlan, parsePlan, validatePlan } from '../src';
import { chain, issuesOf, task } from './helpers';

const CHAIN_LENGTH = 100_000;

/** A small deterministic generator (mulberry32) so the "random" plan is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The ids a CYCLE message names, as runs of consecutive ids (a long cycle is shortened to its first
 * ids, `… N more …` and the last ones), and the cycle's length in tasks.
 */
function cycleOf(message: string): { runs: string[][]; length: number } {
  const match = /^dependency cycle(?: of (\d+) tasks)?: (.*)$/.exec(message);
  if (!match) throw new Error(`not a cycle message: ${message}`);
  const parts = match[2].split(' -> ');
  const runs: string[][] = [[]];
  let hidden = 0;
  for (const part of parts) {
    const more = /^… (\d+) more …$/.exec(part);
    if (more) {
      hidden += Number(more[1]);
      runs.push([]);
    } else {
      runs[runs.length - 1].push(part);
    }
  }
  const length = parts.length - runs.length + hidden; // ids shown, less the closing repeat, plus hidden
  if (match[1] !== undefined) expect(Number(match[1])).toBe(length);
  return { runs, length };
}

/** Raw tasks n0..n(size-1) where each dependency points to a lower index (so the graph is acyclic), listed in `order`. */
function dagTasks(size: number, edges: readonly [number, number][], order: readonly number[]): Record<string, unknown>[] {
  const deps = Array.from({ length: size }, () => new Set<number>());
  for (const [x, y] of edges) if (x !== y) deps[Math.max(x, y)].add(Math.min(x, y));
  return order.map((i) => task(`n${i}`, [...deps[i]].map((d) => `n${d}`)));
}

const dagArbitrary = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    edges: fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size - 1 })), { maxLength: size * 3 }),
    order: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
  }),
);

describe('validatePlan at scale', () => {
  it(`validates a ${CHAIN_LENGTH}-task chain without recursion`, () => {
    const plan = parsePlan({ tasks: chain(CHAIN_LENGTH) }, { knownAgents: ['simulator'] });
    expect(plan.tasks).toHaveLength(CHAIN_LENGTH);
    expect(plan.tasks[CHAIN_LENGTH - 1].dependencies).toEqual([`t${CHAIN_LENGTH - 2}`]);
  });

  it(`validates a ${CHAIN_LENGTH}-task chain listed backwards (every dependency on a later task)`, () => {
    expect(validatePlan({ tasks: chain(CHAIN_LENGTH).reverse() }).ok).toBe(true);
  });

  it(`finds the cycle closing a ${CHAIN_LENGTH}-task chain`, () => {
    const tasks = chain(CHAIN_LENGTH);
    tasks[0]['dependencies'] = [`t${CHAIN_LENGTH - 1}`];
    const issues = issuesOf(validatePlan({ tasks }));
    expect(issues.map((issue) => issue.code)).toEqual(['CYCLE']);
    // Named in short: the first ids, how many are left out, the last one and the one closing the cycle.
    expect(issues[0].message).toBe(
      `dependency cycle of ${CHAIN_LENGTH} tasks: t0 -> t1 -> t2 -> t3 -> t4 -> t5 -> t6 -> t7 -> t8 -> t9 -> … ${CHAIN_LENGTH - 11} more … -> t${CHAIN_LENGTH - 1} -> t0`,
    );
  });

  it(`analyses a ${CHAIN_LENGTH}-task chain`, () => {
    const analysis = analyzePlan(parsePlan({ tasks: chain(CHAIN_LENGTH) }));
    expect(analysis.criticalPathMs).toBe(CHAIN_LENGTH);
    expect(analysis.levels).toHaveLength(CHAIN_LENGTH);
  });

  it('validates a random 5 000-task DAG listed in random order', () => {
    const random = seededRandom(42);
    const size = 5000;
    const edges: [number, number][] = [];
    for (let i = 0; i < size * 4; i++) edges.push([Math.floor(random() * size), Math.floor(random() * size)]);
    const order = [...Array(size).keys()].sort(() => random() - 0.5);
    const tasks = dagTasks(size, edges, order);
    expect(edges.length).toBeGreaterThan(0);
    const result = validatePlan({ tasks });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

/** A chain with every level listed as a parallel group of one, the way a hand-written plan may list them. */
function chainWithLevels(size: number): Record<string, unknown> {
  const tasks = chain(size);
  return { tasks, parallelGroups: tasks.map((t) => ({ tasks: [t['id']] })), criticalPath: tasks.map((t) => t['id']) };
}

/** size − 1 independent tasks listed as one parallel group, and a last task that depends on all of them. */
function wideWithSink(size: number): Record<string, unknown> {
  const tasks = Array.from({ length: size - 1 }, (_, i) => task(`w${i}`));
  const ids = tasks.map((t) => t['id'] as string);
  tasks.push(task('sink', ids));
  return { tasks, parallelGroups: [{ name: 'level-1', tasks: ids }], criticalPath: ['w0', 'sink'] };
}

/** Two chains side by side, each group pairing a task of one with the next task of the other (mixed depths). */
function offsetLadder(size: number): Record<string, unknown> {
  const half = Math.floor(size / 2);
  const tasks = [...Array(half).keys()].flatMap((i) => [task(`a${i}`, i === 0 ? [] : [`a${i - 1}`]), task(`b${i}`, i === 0 ? [] : [`b${i - 1}`])]);
  const parallelGroups = [...Array(half - 1).keys()].map((i) => ({ tasks: [`a${i}`, `b${i + 1}`] }));
  return { tasks, parallelGroups };
}

/** Fastest of a few runs, in ms: the least disturbed by GC or other processes. */
function fastestRunMs(run: () => void, runs = 2): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

describe('validatePlan grows linearly', () => {
  // Ten times the tasks should cost about ten times the time; a quadratic step would make it a hundred.
  // Only the ratio is asserted, with room for noise: no wall-clock figure (npm run bench has those).
  it.each([
    ['a chain listing every level', chainWithLevels],
    ['a wide plan with one big group', wideWithSink],
    ['two chains grouped across levels', offsetLadder],
  ])('%s: 10 times the tasks costs well under 100 times the time', (_, shape) => {
    const small = shape(10_000);
    const large = shape(100_000);
    const validate = (raw: Record<string, unknown>) => () => {
      const result = validatePlan(raw, { knownAgents: ['simulator'] });
      if (!result.ok) throw new Error(result.issues[0].message);
    };
    validate(small)(); // warm up the JIT
    const ratio = fastestRunMs(validate(large)) / fastestRunMs(validate(small));
    expect(ratio).toBeLessThan(40);
  });
});

describe('validatePlan properties', () => {
  it('accepts every DAG, whatever the order of its tasks', () => {
    fc.assert(
      fc.property(dagArbitrary, ({ size, edges, order }) => {
        const result = validatePlan({ tasks: dagTasks(size, edges, order) }, { knownAgents: ['simulator'] });
        expect(result.issues).toEqual([]);
      }),
    );
  });

  it('rejects every graph with a back edge, naming a real cycle', () => {
    const withCycle = dagArbitrary
      .filter(({ size }) => size >= 2)
      .chain((dag) =>
        fc.record({
          dag: fc.constant(dag),
          // Indices of a path to close into a cycle: each depends on the next lower one, the lowest on the highest.
          path: fc.uniqueArray(fc.nat({ max: dag.size - 1 }), { minLength: 2, maxLength: dag.size }),
        }),
      );
    fc.assert(
      fc.property(withCycle, ({ dag, path }) => {
        const descending = [...path].sort((a, b) => b - a);
        const pathEdges = descending.slice(1).map((lower, k): [number, number] => [descending[k], lower]);
        const tasks = dagTasks(dag.size, [...dag.edges, ...pathEdges], dag.order);
        const highest = `n${descending[0]}`;
        const lowest = tasks.find((t) => t['id'] === `n${descending[descending.length - 1]}`)!;
        lowest['dependencies'] = [...(lowest['dependencies'] as string[]), highest];

        const issues = issuesOf(validatePlan({ tasks }));
        expect(issues.map((issue) => issue.code)).toEqual(['CYCLE']);
        const { runs, length } = cycleOf(issues[0].message);
        const first = runs[0][0];
        const last = runs[runs.length - 1];
        expect(last[last.length - 1]).toBe(first);
        expect(issues[0].taskId).toBe(first);
        expect(length).toBeGreaterThanOrEqual(2);
        expect(length).toBeLessThanOrEqual(path.length + dag.edges.length);
        const depsById = new Map(tasks.map((t) => [t['id'] as string, t['dependencies'] as string[]]));
        // Execution order: each task in the cycle depends on the one before it.
        for (const run of runs) for (let k = 1; k < run.length; k++) expect(depsById.get(run[k])).toContain(run[k - 1]);
      }),
    );
  });
});
