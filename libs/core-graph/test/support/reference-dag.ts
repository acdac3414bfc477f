import { CycleError, DagView, findCycle } from '../../src';

/**
 * Straightforward Map-based versions of the DAG passes (how they were written before they moved to
 * positions and typed arrays). Slow and obviously right: the property tests hold the fast ones to them.
 */
function dependentsIndex(dag: DagView): (id: string) => readonly string[] {
  if (dag.dependentsOf) return dag.dependentsOf.bind(dag);
  const dependents = new Map<string, string[]>();
  for (const id of dag.ids) dependents.set(id, []);
  for (const id of dag.ids) {
    for (const dep of dag.dependenciesOf(id)) dependents.get(dep)?.push(id);
  }
  return (id) => dependents.get(id) ?? [];
}

export function referenceLevels(dag: DagView): string[][] {
  const known = new Set(dag.ids);
  const indegree = new Map<string, number>();
  for (const id of dag.ids) {
    let count = 0;
    for (const dep of dag.dependenciesOf(id)) if (known.has(dep)) count++;
    indegree.set(id, count);
  }
  const dependentsOf = dependentsIndex(dag);
  const position = new Map<string, number>();
  dag.ids.forEach((id, i) => position.set(id, i));
  const levels: string[][] = [];
  let current = dag.ids.filter((id) => indegree.get(id) === 0);
  let placed = 0;
  while (current.length > 0) {
    levels.push(current);
    placed += current.length;
    const next: string[] = [];
    for (const id of current) {
      for (const dependent of dependentsOf(id)) {
        if (!indegree.has(dependent)) continue;
        const left = (indegree.get(dependent) ?? 0) - 1;
        indegree.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    current = next.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
  }
  if (placed < dag.ids.length) throw new CycleError(findCycle(dag) ?? []);
  return levels;
}

export function referenceRanks(dag: DagView, weightOf: (id: string) => number, order = referenceLevels(dag).flat()): Map<string, number> {
  const dependentsOf = dependentsIndex(dag);
  const rank = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    let best = 0;
    for (const dependent of dependentsOf(id)) best = Math.max(best, rank.get(dependent) ?? 0);
    rank.set(id, weightOf(id) + best);
  }
  return rank;
}

export function referenceCriticalPath(
  dag: DagView,
  weightOf: (id: string) => number,
  order = referenceLevels(dag).flat(),
): { path: string[]; length: number } {
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  let end: string | undefined;
  for (const id of order) {
    let best = 0;
    let from: string | undefined;
    for (const dep of dag.dependenciesOf(id)) {
      const f = finish.get(dep);
      if (f !== undefined && (from === undefined || f > best)) {
        best = f;
        from = dep;
      }
    }
    const f = best + weightOf(id);
    finish.set(id, f);
    via.set(id, from);
    if (end === undefined || f > (finish.get(end) ?? 0)) end = id;
  }
  const path: string[] = [];
  for (let id = end; id !== undefined; id = via.get(id)) path.push(id);
  return { path: path.reverse(), length: end === undefined ? 0 : finish.get(end) ?? 0 };
}
