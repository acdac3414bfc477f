import fc from 'fast-check';
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
    expect(issues[0].message.split(' -> ')).toHaveLength(CHAIN_LENGTH + 1);
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
        const cycle = issues[0].message.replace('dependency cycle: ', '').split(' -> ');
        expect(cycle[0]).toBe(cycle[cycle.length - 1]);
        expect(issues[0].taskId).toBe(cycle[0]);
        const depsById = new Map(tasks.map((t) => [t['id'] as string, t['dependencies'] as string[]]));
        // Execution order: each task in the cycle depends on the one before it.
        for (let k = 1; k < cycle.length; k++) expect(depsById.get(cycle[k])).toContain(cycle[k - 1]);
      }),
    );
  });
});
