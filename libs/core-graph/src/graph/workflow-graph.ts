import { IntLists } from '../collections/int-lists';
import type { StrategyName } from '../events/workflow-event';
import { DagIndex, IndexedDagView } from './dag';
import { GraphError } from './graph-errors';
import { NodeMetadata, WorkflowNode, WorkflowNodeSpec } from './workflow-node';

/**
 * A DAG of workflow nodes (the original Python framework's `WorkflowGraph`). Edges point from a
 * dependency to its dependent. Every mutation is validated before it is applied, so the graph is
 * always acyclic.
 *
 * Nodes live at positions (the order they were added); edges are kept as positions in typed arrays
 * (IntLists), so a big graph costs a few arrays rather than a JS array per node and direction, and
 * the engine walks it without a lookup by id.
 */
export class WorkflowGraph implements IndexedDagView {
  /** Strategy a run of this graph uses when the caller names none. */
  readonly defaultStrategy: StrategyName = 'sequential';

  private readonly positions = new Map<string, number>();
  private readonly order: string[] = [];
  private readonly nodes: WorkflowNode[] = [];
  private readonly dependencyLists = new IntLists();
  private readonly dependentLists = new IntLists();

  /** Builds a graph from plan tasks in one pass; dependencies may point forward in the list. */
  static fromSpecs<G extends WorkflowGraph>(this: new () => G, specs: readonly WorkflowNodeSpec[]): G {
    const graph = new this();
    graph.addNodes(specs);
    return graph;
  }

  get ids(): readonly string[] {
    return this.order;
  }

  get size(): number {
    return this.order.length;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Position of the node (the order nodes were added in), or -1 when there is none. */
  indexOf(id: string): number {
    return this.positions.get(id) ?? -1;
  }

  getNode(id: string): WorkflowNode {
    const position = this.positions.get(id);
    if (position === undefined) throw new GraphError('UNKNOWN_NODE', `unknown node "${id}"`, id);
    return this.nodes[position];
  }

  /** The node at `position` (0 … size − 1). */
  nodeAt(position: number): WorkflowNode {
    return this.nodes[position];
  }

  nodesInOrder(): WorkflowNode[] {
    return this.nodes.slice();
  }

  dependenciesOf(id: string): readonly string[] {
    const position = this.positions.get(id);
    return position === undefined ? [] : this.dependencyLists.mapped(position, this.order);
  }

  dependentsOf(id: string): readonly string[] {
    const position = this.positions.get(id);
    return position === undefined ? [] : this.dependentLists.mapped(position, this.order);
  }

  /** The graph by positions (edges as typed arrays): what the DAG passes and the engine walk. */
  dagIndex(): DagIndex {
    return { size: this.order.length, dependencies: this.dependencyLists, dependents: this.dependentLists };
  }

  /** The node as a plan task (with its current dependencies). */
  specOf(id: string): WorkflowNodeSpec {
    const position = this.positions.get(id);
    if (position === undefined) throw new GraphError('UNKNOWN_NODE', `unknown node "${id}"`, id);
    return this.specAt(position);
  }

  /** Every node as a plan task, in order. */
  toSpecs(): WorkflowNodeSpec[] {
    const specs = new Array<WorkflowNodeSpec>(this.order.length);
    for (let p = 0; p < specs.length; p++) specs[p] = this.specAt(p);
    return specs;
  }

  addNode(spec: WorkflowNodeSpec | WorkflowNode, dependencies?: readonly string[]): this {
    const asSpec = spec instanceof WorkflowNode ? { ...nodeToSpec(spec), dependencies: [...(dependencies ?? [])] } : spec;
    return this.addNodes([asSpec]);
  }

  /** Adds `from → to`: `to` then waits for `from`. */
  addEdge(from: string, to: string): this {
    return this.applyChange([], [[from, to]]);
  }

  /** Adds several nodes at once (all or none); their dependencies may refer to each other. */
  addNodes(specs: readonly WorkflowNodeSpec[]): this {
    return this.applyChange(specs, []);
  }

  /**
   * Validates and applies a change atomically: new nodes with their dependencies, plus extra edges.
   * `canRewire(id)` lets a running run forbid new dependencies on nodes that already started.
   */
  applyChange(
    specs: readonly WorkflowNodeSpec[],
    edges: readonly (readonly [string, string])[],
    canRewire: (id: string) => GraphError | undefined = () => undefined,
  ): this {
    const before = this.order.length;
    // New ids get their positions now, so dependencies may point forward in the batch; a refused
    // change takes them back, leaving the graph exactly as it was.
    let registered = 0;
    try {
      for (const spec of specs) {
        if (typeof spec.id !== 'string' || spec.id === '') throw new GraphError('INVALID_NODE', 'a node needs a non-empty string id');
        if (typeof spec.agent !== 'string' || spec.agent === '') {
          throw new GraphError('INVALID_NODE', `node "${spec.id}" needs an agent`, spec.id);
        }
        if (this.positions.has(spec.id)) throw new GraphError('DUPLICATE_NODE', `node "${spec.id}" already exists`, spec.id);
        this.positions.set(spec.id, before + registered++);
      }
      const batch = this.resolveBatch(specs, before);
      const extra = this.resolveEdges(edges, before, canRewire);
      // A new edge can close a cycle through old nodes, and a batch can cycle among its own nodes
      // only through a forward reference. One linear search covers both; other changes skip it.
      if (edges.length > 0 || batch.forward) this.refuseCycle(specs, batch, extra);
      this.commit(specs, batch, extra);
    } catch (error) {
      for (let i = 0; i < registered; i++) this.positions.delete(specs[i].id);
      throw error;
    }
    return this;
  }

  private specAt(position: number): WorkflowNodeSpec {
    const node = this.nodes[position];
    const dependencies = this.dependencyLists.mapped(position, this.order);
    // Most nodes set no metadata: one literal with the final keys, no property added afterwards.
    if (!hasMetadata(node.metadata)) {
      return { id: node.id, description: node.description, agent: node.agent, input: node.input, dependencies };
    }
    const spec = nodeToSpec(node);
    spec.dependencies = dependencies;
    return spec;
  }

  /** Each new node's dependencies as positions (repeats kept, as written), checked in plan order. */
  private resolveBatch(specs: readonly WorkflowNodeSpec[], before: number): ResolvedBatch {
    const starts = new Int32Array(specs.length + 1);
    let total = 0;
    for (const spec of specs) total += spec.dependencies?.length ?? 0;
    const targets = new Int32Array(total);
    let count = 0;
    let forward = false;
    for (let i = 0; i < specs.length; i++) {
      starts[i] = count;
      const spec = specs[i];
      const deps = spec.dependencies;
      if (deps == null) continue;
      for (const dep of deps) {
        const position = this.positions.get(dep);
        if (position === undefined) throw new GraphError('UNKNOWN_NODE', `node "${spec.id}" depends on unknown node "${dep}"`, dep);
        if (dep === spec.id) throw new GraphError('CYCLE', `node "${spec.id}" depends on itself`, spec.id, [dep, dep]);
        // A dependency listed later in the batch: the only way a batch can cycle on its own.
        if (position > before + i) forward = true;
        targets[count++] = position;
      }
    }
    starts[specs.length] = count;
    return { starts, targets, forward };
  }

  private resolveEdges(
    edges: readonly (readonly [string, string])[],
    before: number,
    canRewire: (id: string) => GraphError | undefined,
  ): Int32Array {
    const resolved = new Int32Array(edges.length * 2);
    for (let k = 0; k < edges.length; k++) {
      const [from, to] = edges[k];
      const fromAt = this.positions.get(from);
      const toAt = this.positions.get(to);
      if (fromAt === undefined) throw new GraphError('UNKNOWN_NODE', `edge ${from} -> ${to}: unknown node "${from}"`, from);
      if (toAt === undefined) throw new GraphError('UNKNOWN_NODE', `edge ${from} -> ${to}: unknown node "${to}"`, to);
      if (from === to) throw new GraphError('CYCLE', `edge ${from} -> ${to} would make a cycle`, to, [from, to]);
      if (toAt < before) {
        const refusal = canRewire(to);
        if (refusal) throw refusal;
      }
      resolved[2 * k] = fromAt;
      resolved[2 * k + 1] = toAt;
    }
    return resolved;
  }

  /**
   * Depth-first search along dependency edges over the graph as it would be after the change, roots
   * in position order: the first cycle met is reported, in execution order (dependency first).
   */
  private refuseCycle(specs: readonly WorkflowNodeSpec[], batch: ResolvedBatch, extra: Int32Array): void {
    const before = this.order.length;
    const size = before + specs.length;
    const extraDeps = new Map<number, number[]>();
    for (let k = 0; k < extra.length; k += 2) {
      const list = extraDeps.get(extra[k + 1]);
      if (list) list.push(extra[k]);
      else extraDeps.set(extra[k + 1], [extra[k]]);
    }
    const GREY = 1;
    const BLACK = 2;
    const color = new Uint8Array(size);
    // The current path, a frame per node; each frame's dependencies sit on one shared stack at
    // `pending[start … end)`, `cursor` being the next one to look at.
    const path: number[] = [];
    const start: number[] = [];
    const cursor: number[] = [];
    const end: number[] = [];
    const pending: number[] = [];
    const enter = (position: number): void => {
      color[position] = GREY;
      path.push(position);
      start.push(pending.length);
      cursor.push(pending.length);
      if (position < before) {
        const lists = this.dependencyLists;
        for (let e = lists.first(position); e !== IntLists.NONE; e = lists.next(e)) pending.push(lists.value(e));
      } else {
        const i = position - before;
        for (let k = batch.starts[i]; k < batch.starts[i + 1]; k++) pending.push(batch.targets[k]);
      }
      const more = extraDeps.get(position);
      if (more) for (const dep of more) pending.push(dep);
      end.push(pending.length);
    };
    const idAt = (position: number): string => (position < before ? this.order[position] : specs[position - before].id);
    for (let root = 0; root < size; root++) {
      if (color[root] !== 0) continue;
      enter(root);
      while (path.length > 0) {
        const top = path.length - 1;
        if (cursor[top] < end[top]) {
          const dep = pending[cursor[top]++];
          if (color[dep] === GREY) {
            const cycle = path.slice(path.indexOf(dep)).map(idAt);
            cycle.push(idAt(dep));
            cycle.reverse();
            throw new GraphError('CYCLE', `the change would make a dependency cycle: ${cycle.join(' -> ')}`, cycle[0], cycle);
          }
          if (color[dep] === 0) enter(dep);
        } else {
          color[path[top]] = BLACK;
          pending.length = start[top];
          path.pop();
          start.pop();
          cursor.pop();
          end.pop();
        }
      }
    }
  }

  /** Applies a validated change; nothing here can fail. */
  private commit(specs: readonly WorkflowNodeSpec[], batch: ResolvedBatch, extra: Int32Array): void {
    const before = this.order.length;
    for (const spec of specs) {
      this.nodes.push(new WorkflowNode(spec));
      this.order.push(spec.id);
    }
    const dependencies = this.dependencyLists;
    const dependents = this.dependentLists;
    dependencies.growOwners(this.order.length);
    dependents.growOwners(this.order.length);
    dependencies.reserve(batch.starts[specs.length] + extra.length / 2);
    dependents.reserve(batch.starts[specs.length] + extra.length / 2);
    const { starts, targets } = batch;
    for (let i = 0; i < specs.length; i++) {
      const position = before + i;
      // A repeated dependency is one edge: short lists are scanned, long ones (a fan-in) use a Set.
      const seen = starts[i + 1] - starts[i] > SCAN_LIMIT ? new Set<number>() : undefined;
      for (let k = starts[i]; k < starts[i + 1]; k++) {
        const dep = targets[k];
        if (seen) {
          if (seen.has(dep)) continue;
          seen.add(dep);
        } else if (occursBefore(targets, starts[i], k)) continue;
        dependencies.push(position, dep);
        dependents.push(dep, position);
      }
    }
    for (let k = 0; k < extra.length; k += 2) {
      const from = extra[k];
      const to = extra[k + 1];
      if (dependencies.includes(to, from)) continue;
      dependencies.push(to, from);
      dependents.push(from, to);
    }
  }
}

interface ResolvedBatch {
  /** Dependencies of the batch's node i are `targets[starts[i] … starts[i + 1])`. */
  readonly starts: Int32Array;
  readonly targets: Int32Array;
  /** Some node depends on one listed after it. */
  readonly forward: boolean;
}

/** Dependency lists up to this long are checked for repeats by scanning, longer ones with a Set. */
const SCAN_LIMIT = 16;

/** True when `targets[k]` already occurs in `targets[from … k)`. */
function occursBefore(targets: Int32Array, from: number, k: number): boolean {
  for (let j = from; j < k; j++) if (targets[j] === targets[k]) return true;
  return false;
}

/** Drops repeated ids in one pass (a Set only when there is something to repeat). */
export function uniqueIds(ids: readonly string[]): readonly string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}

function hasMetadata(meta: NodeMetadata): boolean {
  return (
    meta.priority !== undefined ||
    meta.timeoutMs !== undefined ||
    meta.maxRetries !== undefined ||
    meta.qualityThreshold !== undefined ||
    meta.qualityDomain !== undefined ||
    meta.qualityPolicy !== undefined ||
    meta.parallelSafe !== undefined ||
    meta.estimatedDuration !== undefined
  );
}

function nodeToSpec(node: WorkflowNode): WorkflowNodeSpec {
  const spec: WorkflowNodeSpec = { id: node.id, description: node.description, agent: node.agent, input: node.input };
  const meta = node.metadata;
  // Only the metadata that is set, so specs round-trip through JSON unchanged.
  if (meta.priority !== undefined) spec.priority = meta.priority;
  if (meta.timeoutMs !== undefined) spec.timeoutMs = meta.timeoutMs;
  if (meta.maxRetries !== undefined) spec.maxRetries = meta.maxRetries;
  if (meta.qualityThreshold !== undefined) spec.qualityThreshold = meta.qualityThreshold;
  if (meta.qualityDomain !== undefined) spec.qualityDomain = meta.qualityDomain;
  if (meta.qualityPolicy !== undefined) spec.qualityPolicy = meta.qualityPolicy;
  if (meta.parallelSafe !== undefined) spec.parallelSafe = meta.parallelSafe;
  if (meta.estimatedDuration !== undefined) spec.estimatedDuration = meta.estimatedDuration;
  return spec;
}
