/**
 * Linear-time algorithms over a DAG given as ids and each id's dependencies (edges dep → id).
 * Plain functions so the planner, the validator and the engine share one implementation.
 */
export interface DagView {
  readonly ids: readonly string[];
  dependenciesOf(id: string): readonly string[];
  /** Optional reverse index; computed when absent. */
  dependentsOf?(id: string): readonly string[];
}

/** Builds a DagView from plan-like records. Unknown dependency ids are kept; callers validate first. */
export function dagOf(tasks: readonly { id: string; dependencies?: readonly string[] }[]): DagView {
  const deps = new Map<string, readonly string[]>();
  for (const task of tasks) deps.set(task.id, task.dependencies ?? []);
  return { ids: tasks.map((t) => t.id), dependenciesOf: (id) => deps.get(id) ?? [] };
}

/** Returns one cycle as a closed path (`[a, b, c, a]`), or null when the graph is acyclic. */
export function findCycle(dag: DagView): string[] | null {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<string, number>();
  for (const id of dag.ids) color.set(id, WHITE);
  for (const root of dag.ids) {
    if (color.get(root) !== WHITE) continue;
    // Iterative DFS along dependency edges; `stack` holds the current path.
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    color.set(root, GREY);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const deps = dag.dependenciesOf(frame.id);
      if (frame.next < deps.length) {
        const dep = deps[frame.next++];
        const c = color.get(dep);
        if (c === undefined) continue; // unknown id: not part of this graph
        if (c === GREY) {
          const start = stack.findIndex((f) => f.id === dep);
          // Path runs along "depends on" edges; report it in execution order (dependency first).
          return [...stack.slice(start).map((f) => f.id), dep].reverse();
        }
        if (c === WHITE) {
          color.set(dep, GREY);
          stack.push({ id: dep, next: 0 });
        }
      } else {
        color.set(frame.id, BLACK);
        stack.pop();
      }
    }
  }
  return null;
}

export class CycleError extends Error {
  readonly code = 'CYCLE';
  constructor(readonly cycle: string[]) {
    super(`dependency cycle: ${cycle.join(' -> ')}`);
    this.name = 'CycleError';
  }
}

/** Lookup id → ids that depend on it: the view's own index, or one built in a single pass. */
export function dependentsIndex(dag: DagView): (id: string) => readonly string[] {
  if (dag.dependentsOf) return dag.dependentsOf.bind(dag);
  const dependents = new Map<string, string[]>();
  for (const id of dag.ids) dependents.set(id, []);
  for (const id of dag.ids) {
    for (const dep of dag.dependenciesOf(id)) dependents.get(dep)?.push(id);
  }
  return (id) => dependents.get(id) ?? [];
}

/** Kahn's order: dependencies before dependents, ties in the order of `dag.ids`. Throws CycleError. */
export function topologicalOrder(dag: DagView): string[] {
  return topologicalLevels(dag).flat();
}

/**
 * Execution levels: level k holds the tasks whose dependencies all sit in levels < k
 * (the seed's `identify_parallel_tasks()`). Throws CycleError.
 */
export function topologicalLevels(dag: DagView): string[][] {
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
  const byPosition = (a: string, b: string): number => (position.get(a) as number) - (position.get(b) as number);
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
    // Within a level, keep the order of `dag.ids` (plan order), not the order tasks became ready.
    current = next.length > 1 ? next.sort(byPosition) : next;
  }
  if (placed < dag.ids.length) throw new CycleError(findCycle(dag) ?? []);
  return levels;
}

/**
 * Upward rank: a task's weight plus the largest rank among its dependents — the length of the
 * longest path from the task to the end. Hybrid runs ready tasks by descending rank.
 */
export function upwardRanks(
  dag: DagView,
  weightOf: (id: string) => number,
  order: readonly string[] = topologicalOrder(dag),
): Map<string, number> {
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

/**
 * The longest path by weight (ids in execution order) and its length. Empty DAG → `{[], 0}`.
 * Pass `order` when a topological order is already at hand (it must list every id of the DAG).
 */
export function criticalPath(
  dag: DagView,
  weightOf: (id: string) => number,
  order: readonly string[] = topologicalOrder(dag),
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
