import type { StrategyName } from '../events/workflow-event';
import { DagView, findCycle } from './dag';
import { GraphError } from './graph-errors';
import { WorkflowNode, WorkflowNodeSpec } from './workflow-node';

/**
 * A DAG of workflow nodes (the seed's `WorkflowGraph`). Edges point from a dependency to its
 * dependent. Every mutation is validated before it is applied, so the graph is always acyclic.
 */
export class WorkflowGraph implements DagView {
  /** Strategy a run of this graph uses when the caller names none. */
  readonly defaultStrategy: StrategyName = 'sequential';

  private readonly nodes = new Map<string, WorkflowNode>();
  private readonly dependencies = new Map<string, string[]>();
  private readonly dependents = new Map<string, string[]>();
  private readonly order: string[] = [];

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
    return this.nodes.has(id);
  }

  getNode(id: string): WorkflowNode {
    const node = this.nodes.get(id);
    if (!node) throw new GraphError('UNKNOWN_NODE', `unknown node "${id}"`, id);
    return node;
  }

  nodesInOrder(): WorkflowNode[] {
    return this.order.map((id) => this.nodes.get(id) as WorkflowNode);
  }

  dependenciesOf(id: string): readonly string[] {
    return this.dependencies.get(id) ?? [];
  }

  dependentsOf(id: string): readonly string[] {
    return this.dependents.get(id) ?? [];
  }

  /** The node as a plan task (with its current dependencies). */
  specOf(id: string): WorkflowNodeSpec {
    return { ...nodeToSpec(this.getNode(id)), dependencies: [...this.dependenciesOf(id)] };
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
    const added = new Map<string, WorkflowNodeSpec>();
    for (const spec of specs) {
      if (typeof spec.id !== 'string' || spec.id === '') throw new GraphError('INVALID_NODE', 'a node needs a non-empty string id');
      if (typeof spec.agent !== 'string' || spec.agent === '') {
        throw new GraphError('INVALID_NODE', `node "${spec.id}" needs an agent`, spec.id);
      }
      if (this.nodes.has(spec.id) || added.has(spec.id)) {
        throw new GraphError('DUPLICATE_NODE', `node "${spec.id}" already exists`, spec.id);
      }
      added.set(spec.id, spec);
    }
    const exists = (id: string): boolean => this.nodes.has(id) || added.has(id);
    for (const spec of specs) {
      for (const dep of spec.dependencies ?? []) {
        if (!exists(dep)) throw new GraphError('UNKNOWN_NODE', `node "${spec.id}" depends on unknown node "${dep}"`, dep);
        if (dep === spec.id) throw new GraphError('CYCLE', `node "${spec.id}" depends on itself`, spec.id, [dep, dep]);
      }
    }
    for (const [from, to] of edges) {
      if (!exists(from)) throw new GraphError('UNKNOWN_NODE', `edge ${from} -> ${to}: unknown node "${from}"`, from);
      if (!exists(to)) throw new GraphError('UNKNOWN_NODE', `edge ${from} -> ${to}: unknown node "${to}"`, to);
      if (from === to) throw new GraphError('CYCLE', `edge ${from} -> ${to} would make a cycle`, to, [from, to]);
      if (this.nodes.has(to)) {
        const refusal = canRewire(to);
        if (refusal) throw refusal;
      }
    }
    // A new edge can close a cycle through old nodes, and a batch can cycle among its own nodes
    // only through a forward reference. One linear search covers both; other changes skip it.
    if (edges.length > 0 || hasForwardReference(specs)) {
      const extraDeps = new Map<string, string[]>();
      for (const [from, to] of edges) {
        const list = extraDeps.get(to);
        if (list) list.push(from);
        else extraDeps.set(to, [from]);
      }
      const cycle = findCycle({
        ids: [...this.order, ...added.keys()],
        dependenciesOf: (id) => {
          const base = added.get(id)?.dependencies ?? this.dependenciesOf(id);
          const extra = extraDeps.get(id);
          return extra ? [...base, ...extra] : base;
        },
      });
      if (cycle) {
        throw new GraphError('CYCLE', `the change would make a dependency cycle: ${cycle.join(' -> ')}`, cycle[0], cycle);
      }
    }
    for (const spec of specs) {
      this.nodes.set(spec.id, new WorkflowNode(spec));
      this.dependencies.set(spec.id, []);
      this.dependents.set(spec.id, []);
      this.order.push(spec.id);
    }
    for (const spec of specs) {
      const deps = this.dependencies.get(spec.id) as string[];
      for (const dep of uniqueIds(spec.dependencies ?? [])) {
        deps.push(dep);
        (this.dependents.get(dep) as string[]).push(spec.id);
      }
    }
    for (const [from, to] of edges) {
      const deps = this.dependencies.get(to) as string[];
      if (deps.includes(from)) continue;
      deps.push(from);
      (this.dependents.get(from) as string[]).push(to);
    }
    return this;
  }
}

/**
 * True when some node depends on one listed after it in the batch. Without such a forward
 * reference (plans are usually written in execution order) the batch cannot contain a cycle.
 */
function hasForwardReference(specs: readonly WorkflowNodeSpec[]): boolean {
  if (specs.length < 2) return false;
  const batch = new Set<string>();
  for (const spec of specs) batch.add(spec.id);
  const seen = new Set<string>();
  for (const spec of specs) {
    for (const dep of spec.dependencies ?? []) if (batch.has(dep) && !seen.has(dep)) return true;
    seen.add(spec.id);
  }
  return false;
}

/** Drops repeated ids in one pass (a Set only when there is something to repeat). */
export function uniqueIds(ids: readonly string[]): readonly string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
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
