import fc from 'fast-check';
import './support/property-settings';
import { CycleError, DagView, WorkflowGraph, criticalPath, dagOf, topologicalLevels, topologicalOrder, upwardRanks } from '../src';
import { referenceCriticalPath, referenceLevels, referenceRanks } from './support/reference-dag';

interface Case {
  tasks: { id: string; dependencies?: string[] }[];
  weights: Map<string, number>;
  withDependents: boolean;
  order: string[];
}

/**
 * DAG views as callers hand them over: ids in any order, dependencies on unknown ids, repeated
 * dependencies, sometimes a cycle (a dependency on a later task), sometimes a view's own dependents index.
 */
const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 0, max: 24 }),
    picks: fc.array(fc.array(fc.tuple(fc.nat(99), fc.nat(999)), { maxLength: 5 }), { minLength: 24, maxLength: 24 }),
    weights: fc.array(fc.integer({ min: -3, max: 40 }), { minLength: 24, maxLength: 24 }),
    cyclic: fc.boolean(),
    withDependents: fc.boolean(),
    shuffle: fc.nat(),
    orderPicks: fc.array(fc.nat(99), { maxLength: 30 }),
  })
  .map(({ n, picks, weights, cyclic, withDependents, shuffle, orderPicks }) => {
    const tasks = Array.from({ length: n }, (_, i) => {
      const dependencies: string[] = [];
      for (const [pick, at] of picks[i]) {
        if (pick < 8) dependencies.push(`ghost${at % 3}`);
        else if (cyclic && pick < 20 && i + 1 < n) dependencies.push(`t${i + 1 + (at % (n - i - 1))}`);
        else if (i > 0) dependencies.push(`t${at % i}`);
      }
      // Now and then no `dependencies` key at all.
      const omitted = picks[i].length === 1 && picks[i][0][0] === 0;
      return { id: `t${i}`, dependencies: omitted ? undefined : dependencies };
    });
    // Rotate the list: plan order is not creation order.
    const offset = n === 0 ? 0 : shuffle % n;
    const rotated = [...tasks.slice(offset), ...tasks.slice(0, offset)];
    // Each id at most once (a repeat could loop the path back on itself), in any order.
    const order = [...new Set(orderPicks.map((k) => (k < 10 || n === 0 ? `ghost${k % 3}` : `t${k % n}`)))];
    return { tasks: rotated, weights: new Map(tasks.map((t, i) => [t.id, weights[i]])), withDependents, order };
  });

function viewOf(c: Case): DagView {
  const base = dagOf(c.tasks);
  if (!c.withDependents) return base;
  // A view's own reverse index, with a dependent listed once per dependency edge.
  const dependents = new Map<string, string[]>();
  for (const task of c.tasks) {
    for (const dep of task.dependencies ?? []) {
      const list = dependents.get(dep) ?? [];
      list.push(task.id);
      dependents.set(dep, list);
    }
  }
  return { ids: base.ids, dependenciesOf: base.dependenciesOf, dependentsOf: (id) => dependents.get(id) ?? [] };
}

/** The outcome of `fn`: its value, or the error's class and cycle. */
function outcome<T>(fn: () => T): { value: T } | { error: string; cycle?: string[] } {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: (error as Error).name, cycle: (error as CycleError).cycle };
  }
}

describe('DAG passes over positions', () => {
  it('give the same levels, order, ranks and critical path as the Map-based passes, on any view', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const view = viewOf(c);
        const weightOf = (id: string): number => c.weights.get(id) ?? 1;
        expect(outcome(() => topologicalLevels(view))).toEqual(outcome(() => referenceLevels(view)));
        expect(outcome(() => topologicalOrder(view))).toEqual(outcome(() => referenceLevels(view).flat()));
        expect(outcome(() => [...upwardRanks(view, weightOf)])).toEqual(outcome(() => [...referenceRanks(view, weightOf)]));
        expect(outcome(() => criticalPath(view, weightOf))).toEqual(outcome(() => referenceCriticalPath(view, weightOf)));
        // An explicit order may be partial, out of order or name ids outside the view.
        expect([...upwardRanks(view, weightOf, c.order)]).toEqual([...referenceRanks(view, weightOf, c.order)]);
        expect(criticalPath(view, weightOf, c.order)).toEqual(referenceCriticalPath(view, weightOf, c.order));
      }),
      { numRuns: 400 },
    );
  });

  it('give a graph the same answers as a plain view of its plan, or refuse a cyclic plan', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const known = new Set(c.tasks.map((t) => t.id));
        const tasks = c.tasks.map((t) => ({ ...t, dependencies: t.dependencies?.filter((d) => known.has(d)) }));
        const view = dagOf(tasks);
        const weightOf = (id: string): number => c.weights.get(id) ?? 1;
        const specs = tasks.map((t) => ({ id: t.id, description: t.id, agent: 'a', dependencies: t.dependencies }));
        const expected = outcome(() => referenceLevels(view));
        if ('error' in expected) {
          expect(() => WorkflowGraph.fromSpecs(specs)).toThrow(/cycle/);
          return;
        }
        const graph = WorkflowGraph.fromSpecs(specs);
        expect(topologicalLevels(graph)).toEqual(expected.value);
        expect([...upwardRanks(graph, weightOf)]).toEqual([...referenceRanks(view, weightOf)]);
        expect(criticalPath(graph, weightOf)).toEqual(referenceCriticalPath(view, weightOf));
        const order = c.order.filter((id) => known.has(id));
        expect(criticalPath(graph, weightOf, order)).toEqual(referenceCriticalPath(view, weightOf, order));
        expect(criticalPath(graph, weightOf, c.order)).toEqual(referenceCriticalPath(view, weightOf, c.order));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps plan order inside a level and takes the first of equal paths', () => {
    const view = dagOf([
      { id: 'late', dependencies: ['root'] },
      { id: 'root' },
      { id: 'early', dependencies: ['root'] },
      { id: 'end', dependencies: ['early', 'late'] },
    ]);
    expect(topologicalLevels(view)).toEqual([['root'], ['late', 'early'], ['end']]);
    // late and early weigh the same: the path goes through the one listed first among end's dependencies.
    expect(criticalPath(view, () => 1)).toEqual({ path: ['root', 'early', 'end'], length: 3 });
    expect(criticalPath(dagOf([]), () => 1)).toEqual({ path: [], length: 0 });
  });
});
