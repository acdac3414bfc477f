import { IntLists } from '../collections/int-lists';

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
  const { index, ids } = indexOfView(dag);
  const plan = levelPlan(index, dag);
  const order = new Array<string>(plan.order.length);
  for (let i = 0; i < order.length; i++) order[i] = ids[plan.order[i]];
  return order;
}

/**
 * Execution levels: level k holds the tasks whose dependencies all sit in levels < k
 * (the original Python framework's `identify_parallel_tasks()`). Throws CycleError.
 */
export function topologicalLevels(dag: DagView): string[][] {
  const { index, ids } = indexOfView(dag);
  return levelsAsIds(levelPlan(index, dag), ids);
}

/**
 * Upward rank: a task's weight plus the largest rank among its dependents — the length of the
 * longest path from the task to the end. Hybrid runs ready tasks by descending rank.
 */
export function upwardRanks(
  dag: DagView,
  weightOf: (id: string) => number,
  order?: readonly string[],
): Map<string, number> {
  const { index, ids, positions } = indexOfView(dag, order);
  const sequence = positions ?? levelPlan(index, dag).order;
  const weights = new Float64Array(index.size);
  for (let i = sequence.length - 1; i >= 0; i--) weights[sequence[i]] = weightOf(ids[sequence[i]]);
  const rank = rankArray(index, weights, sequence);
  // Insertion order as the ranks are computed: last task first.
  const ranks = new Map<string, number>();
  for (let i = sequence.length - 1; i >= 0; i--) ranks.set(ids[sequence[i]], rank[sequence[i]]);
  return ranks;
}

/**
 * The longest path by weight (ids in execution order) and its length. Empty DAG → `{[], 0}`.
 * Pass `order` when a topological order is already at hand (it must list every id of the DAG).
 */
export function criticalPath(
  dag: DagView,
  weightOf: (id: string) => number,
  order?: readonly string[],
): { path: string[]; length: number } {
  const { index, ids, positions } = indexOfView(dag, order);
  const sequence = positions ?? levelPlan(index, dag).order;
  const weights = new Float64Array(index.size);
  for (let i = 0; i < sequence.length; i++) weights[sequence[i]] = weightOf(ids[sequence[i]]);
  const longest = longestPath(index, sequence, weights);
  const path = new Array<string>(longest.path.length);
  for (let i = 0; i < path.length; i++) path[i] = ids[longest.path[i]];
  return { path, length: longest.length };
}

// ---- the same passes over integer positions ----------------------------------------------------

/** Read side of IntLists: the passes walk lists, never change them. */
export type ReadonlyIntLists = Pick<IntLists, 'countOf' | 'first' | 'next' | 'value' | 'includes' | 'mapped'>;

/**
 * A DAG over positions 0 … size − 1: per position, the positions it depends on and those that
 * depend on it. WorkflowGraph keeps one up to date (`dagIndex()`), so the passes below cost typed
 * arrays only: no Map per pass, no closure per node, no array per node.
 */
export interface DagIndex {
  readonly size: number;
  readonly dependencies: ReadonlyIntLists;
  readonly dependents: ReadonlyIntLists;
}

/** A view that maintains its own index, positions in the order of `ids` (WorkflowGraph). */
export interface IndexedDagView extends DagView {
  dagIndex(): DagIndex;
  /** Position of `id` in `ids`, or -1. */
  indexOf(id: string): number;
}

/** Levels as one array of positions, level after level, each level in position order. */
export interface LevelPlan {
  /** Positions level by level: a topological order. */
  readonly order: Int32Array;
  /** Level k is `order[levelStart[k] … levelStart[k + 1])`; length = level count + 1. */
  readonly levelStart: Int32Array;
}

/**
 * Kahn's walk by levels over positions. A position joins the next level when its last counted
 * dependency is placed; each level is sorted by position (plan order), as `topologicalLevels` promises.
 * Throws CycleError (naming a cycle of `dag`) when some position can never be placed.
 */
export function levelPlan(index: DagIndex, dag: DagView): LevelPlan {
  const size = index.size;
  const { dependencies, dependents } = index;
  const remaining = new Int32Array(size);
  const order = new Int32Array(size);
  let tail = 0;
  for (let p = 0; p < size; p++) {
    remaining[p] = dependencies.countOf(p);
    if (remaining[p] === 0) order[tail++] = p;
  }
  const starts: number[] = [];
  let head = 0;
  while (head < tail) {
    starts.push(head);
    const levelEnd = tail;
    for (let i = head; i < levelEnd; i++) {
      for (let e = dependents.first(order[i]); e !== IntLists.NONE; e = dependents.next(e)) {
        const dependent = dependents.value(e);
        if (--remaining[dependent] === 0) order[tail++] = dependent;
      }
    }
    // Within a level, plan order, not the order tasks became ready.
    if (tail - levelEnd > 1) order.subarray(levelEnd, tail).sort();
    head = levelEnd;
  }
  if (tail < size) throw new CycleError(findCycle(dag) ?? []);
  starts.push(tail);
  return { order, levelStart: Int32Array.from(starts) };
}

export function levelsAsIds(plan: LevelPlan, ids: readonly string[]): string[][] {
  const { order, levelStart } = plan;
  const levels = new Array<string[]>(levelStart.length - 1);
  for (let k = 0; k < levels.length; k++) {
    const level = new Array<string>(levelStart[k + 1] - levelStart[k]);
    for (let i = levelStart[k], j = 0; i < levelStart[k + 1]; i++, j++) level[j] = ids[order[i]];
    levels[k] = level;
  }
  return levels;
}

/**
 * Upward ranks over `order` walked backwards: weight plus the best rank among dependents ranked
 * so far (0 for one not ranked, as for a dependent outside `order`).
 */
export function rankArray(index: DagIndex, weights: Float64Array, order: ArrayLike<number>): Float64Array {
  const { dependents } = index;
  const rank = new Float64Array(index.size);
  for (let i = order.length - 1; i >= 0; i--) {
    const p = order[i];
    let best = 0;
    for (let e = dependents.first(p); e !== IntLists.NONE; e = dependents.next(e)) best = Math.max(best, rank[dependents.value(e)]);
    rank[p] = weights[p] + best;
  }
  return rank;
}

/**
 * Longest path along `order`: a position extends the best of its dependencies met earlier in
 * `order` (the first of equals); the path ends at the first position with the greatest finish.
 */
export function longestPath(index: DagIndex, order: ArrayLike<number>, weights: Float64Array): { path: number[]; length: number } {
  const { dependencies } = index;
  const finish = new Float64Array(index.size);
  const via = new Int32Array(index.size).fill(-1);
  const seen = new Uint8Array(index.size);
  let end = -1;
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    let best = 0;
    let from = -1;
    for (let e = dependencies.first(p); e !== IntLists.NONE; e = dependencies.next(e)) {
      const dep = dependencies.value(e);
      if (seen[dep] === 0) continue;
      const f = finish[dep];
      if (from === -1 || f > best) {
        best = f;
        from = dep;
      }
    }
    const f = best + weights[p];
    finish[p] = f;
    via[p] = from;
    seen[p] = 1;
    if (end === -1 || f > finish[end]) end = p;
  }
  const path: number[] = [];
  for (let p = end; p !== -1; p = via[p]) path.push(p);
  return { path: path.reverse(), length: end === -1 ? 0 : finish[end] };
}

function isIndexed(dag: DagView): dag is IndexedDagView {
  return typeof (dag as Partial<IndexedDagView>).dagIndex === 'function';
}

/**
 * The view's positions and index, plus `order` as positions when given. A graph lends its own
 * index; any other view (or an order naming ids outside the graph) gets one built in a single pass,
 * with ids only `order` names appended (a dependency on them counts once they are walked).
 */
function indexOfView(dag: DagView, order?: readonly string[]): { index: DagIndex; ids: readonly string[]; positions?: Int32Array } {
  if (isIndexed(dag)) {
    if (!order) return { index: dag.dagIndex(), ids: dag.ids };
    const positions = new Int32Array(order.length);
    let known = true;
    for (let i = 0; i < order.length && known; i++) {
      positions[i] = dag.indexOf(order[i]);
      known = positions[i] >= 0;
    }
    if (known) return { index: dag.dagIndex(), ids: dag.ids, positions };
  }
  const ids = [...dag.ids];
  const known = ids.length;
  const positionOf = new Map<string, number>();
  for (let p = 0; p < known; p++) if (!positionOf.has(ids[p])) positionOf.set(ids[p], p);
  if (order) {
    for (const id of order) {
      if (positionOf.has(id)) continue;
      positionOf.set(id, ids.length);
      ids.push(id);
    }
  }
  const size = ids.length;
  const dependencies = new IntLists(size, size);
  const dependents = new IntLists(size, size);
  dependencies.growOwners(size);
  dependents.growOwners(size);
  for (let p = 0; p < size; p++) {
    for (const dep of dag.dependenciesOf(ids[p])) {
      const d = positionOf.get(dep);
      if (d === undefined) continue; // unknown dependency: not part of this graph
      dependencies.push(p, d);
      // Derived reverse edges only between the view's own ids (what `dependentsIndex` builds).
      if (!dag.dependentsOf && p < known && d < known) dependents.push(d, p);
    }
  }
  if (dag.dependentsOf) {
    for (let p = 0; p < size; p++) {
      for (const dependent of dag.dependentsOf(ids[p])) {
        const q = positionOf.get(dependent);
        if (q !== undefined) dependents.push(p, q);
      }
    }
  }
  let positions: Int32Array | undefined;
  if (order) {
    positions = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) positions[i] = positionOf.get(order[i]) as number;
  }
  return { index: { size, dependencies, dependents }, ids, positions };
}
