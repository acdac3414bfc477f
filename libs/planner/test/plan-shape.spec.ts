import fc from 'fast-check';
import './property-settings';
import { criticalPath, dagOf, topologicalLevels } from '@a2a-mcp/core-graph';
import { analyzePlan, type PlanTask } from '../src';

/** Tasks n0..n(size-1), each depending only on lower indices (acyclic), listed in `order`, with durations. */
const planArbitrary = fc.integer({ min: 0, max: 30 }).chain((size) =>
  fc
    .record({
      edges: fc.array(fc.tuple(fc.nat({ max: Math.max(size - 1, 0) }), fc.nat({ max: Math.max(size - 1, 0) })), { maxLength: size * 3 }),
      order: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
      durations: fc.array(fc.constantFrom(0, 1, 5, 10, undefined), { minLength: size, maxLength: size }),
    })
    .map(({ edges, order, durations }): PlanTask[] => {
      const deps = Array.from({ length: size }, () => [] as number[]);
      for (const [x, y] of edges) if (x !== y) deps[Math.max(x, y)].push(Math.min(x, y)); // duplicates on purpose
      return order.map((i) => ({
        id: `n${i}`,
        description: `n${i}`,
        agent: 'simulator',
        dependencies: deps[i].map((d) => `n${d}`),
        ...(durations[i] === undefined ? {} : { estimatedDuration: durations[i] }),
      }));
    }),
);

describe('analyzePlan (typed-array passes) agrees with core-graph', () => {
  it('levels and critical path, ties included, on random DAGs', () => {
    fc.assert(
      fc.property(planArbitrary, (tasks) => {
        const analysis = analyzePlan({ tasks });
        const dag = dagOf(tasks);
        const weight = new Map(tasks.map((task) => [task.id, task.estimatedDuration ?? 1]));
        const levels = topologicalLevels(dag);
        const critical = criticalPath(dag, (id) => weight.get(id)!);
        expect(analysis.levels).toEqual(levels);
        expect(analysis.criticalPath).toEqual(critical.path);
        expect(analysis.criticalPathMs).toBe(critical.length);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores dependencies on unknown ids, as core-graph does', () => {
    const tasks: PlanTask[] = [
      { id: 'a', description: 'a', agent: 's', dependencies: ['ghost'] },
      { id: 'b', description: 'b', agent: 's', dependencies: ['a', 'ghost'] },
    ];
    expect(analyzePlan({ tasks }).levels).toEqual([['a'], ['b']]);
  });
});
