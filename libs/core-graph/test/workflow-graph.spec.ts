import fc from 'fast-check';
import './support/property-settings';
import { DynamicWorkflowGraph, GraphError, WorkflowGraph, WorkflowNodeSpec, dagOf, findCycle } from '../src';

const task = (id: string, dependencies?: string[] | null, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec =>
  ({ id, description: `do ${id}`, agent: 'sim', dependencies, ...extra }) as WorkflowNodeSpec;

/** Everything a caller can read off a graph. */
function snapshot(graph: WorkflowGraph) {
  return {
    ids: [...graph.ids],
    size: graph.size,
    dependencies: graph.ids.map((id) => graph.dependenciesOf(id)),
    dependents: graph.ids.map((id) => graph.dependentsOf(id)),
    specs: graph.toSpecs(),
    positions: graph.ids.map((id) => graph.indexOf(id)),
  };
}

function codeOf(change: () => unknown): string | undefined {
  try {
    change();
    return undefined;
  } catch (error) {
    return error instanceof GraphError ? error.code : `not a GraphError: ${String(error)}`;
  }
}

describe('WorkflowGraph', () => {
  it('keeps a repeated dependency as one edge, in short and long lists', () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}`);
    const graph = WorkflowGraph.fromSpecs([
      ...many.map((id) => task(id)),
      task('sink', [...many, ...many.slice(0, 5), 'd3']),
      task('small', ['d1', 'd1', 'd2', 'd1']),
    ]);
    expect(graph.dependenciesOf('sink')).toEqual(many);
    expect(graph.dependenciesOf('small')).toEqual(['d1', 'd2']);
    expect(graph.dependentsOf('d1')).toEqual(['sink', 'small']);
    expect(graph.dependentsOf('d39')).toEqual(['sink']);
    expect(graph.specOf('sink').dependencies).toEqual(many);
    // An edge that exists already adds nothing.
    graph.addEdge('d1', 'small');
    expect(graph.dependenciesOf('small')).toEqual(['d1', 'd2']);
    expect(graph.dependentsOf('d1')).toEqual(['sink', 'small']);
  });

  it('treats missing or null dependencies as none and answers for unknown ids', () => {
    const graph = WorkflowGraph.fromSpecs([task('a', null), task('b'), task('c', ['a', 'b'])]);
    expect(graph.dependenciesOf('a')).toEqual([]);
    expect(graph.dependentsOf('a')).toEqual(['c']);
    expect(graph.dependenciesOf('nope')).toEqual([]);
    expect(graph.indexOf('nope')).toBe(-1);
    expect(graph.indexOf('c')).toBe(2);
    expect(graph.nodeAt(1).id).toBe('b');
    expect(() => graph.specOf('nope')).toThrow(GraphError);
  });

  it('leaves the graph exactly as it was when it refuses a change, and takes the same ids afterwards', () => {
    const graph = new DynamicWorkflowGraph();
    graph.addNodes([task('a'), task('b', ['a']), task('c', ['b'])]);
    const before = snapshot(graph);
    const refusals: [() => unknown, string][] = [
      [() => graph.addNodes([task('x'), task('y', ['x']), task('x')]), 'DUPLICATE_NODE'],
      [() => graph.addNodes([task('x'), task('y', ['x']), task('z', ['ghost'])]), 'UNKNOWN_NODE'],
      [() => graph.addNodes([task('x', ['y']), task('y', ['z']), task('z', ['x'])]), 'CYCLE'],
      [() => graph.addNodes([task('x'), task('y', ['y'])]), 'CYCLE'],
      [() => graph.addNodes([task('x'), { ...task('y'), agent: '' }]), 'INVALID_NODE'],
      [() => graph.applyChange([task('x')], [['c', 'a']]), 'CYCLE'],
      [() => graph.applyChange([task('x')], [['x', 'ghost']]), 'UNKNOWN_NODE'],
      [() => graph.applyChange([task('x')], [['x', 'a']], (id) => new GraphError('NODE_STARTED', `${id} started`, id)), 'NODE_STARTED'],
    ];
    for (const [change, code] of refusals) {
      expect(codeOf(change)).toBe(code);
      expect(snapshot(graph)).toEqual(before);
      expect(graph.has('x')).toBe(false);
      expect(graph.indexOf('y')).toBe(-1);
    }
    graph.addNodes([task('x', ['y']), task('y')]);
    graph.addEdge('x', 'a');
    expect(graph.ids).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(graph.dependenciesOf('a')).toEqual(['x']);
    expect(graph.dependentsOf('y')).toEqual(['x']);
  });

  it('names the cycle a change would make, in execution order', () => {
    const graph = WorkflowGraph.fromSpecs([task('a'), task('b', ['a']), task('c', ['b'])]);
    let error: GraphError | undefined;
    try {
      graph.addEdge('c', 'a');
    } catch (e) {
      error = e as GraphError;
    }
    expect(error?.code).toBe('CYCLE');
    expect(error?.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(error?.nodeId).toBe('a');
    expect(error?.message).toBe('the change would make a dependency cycle: a -> b -> c -> a');
    // A batch that cycles on its own, through a forward reference.
    expect(() => WorkflowGraph.fromSpecs([task('x', ['z']), task('y', ['x']), task('z', ['y'])])).toThrow(
      'the change would make a dependency cycle: x -> y -> z -> x',
    );
  });

  it('gives each node back as a plan task with the metadata it has, and the specs rebuild the graph', () => {
    const graph = WorkflowGraph.fromSpecs([
      task('a', [], { input: { n: 1 } }),
      task('b', ['a'], { priority: 'high', timeoutMs: 50, estimatedDuration: 3, parallelSafe: false }),
    ]);
    const [a, b] = graph.toSpecs();
    expect(Object.keys(a)).toEqual(['id', 'description', 'agent', 'input', 'dependencies']);
    expect(a).toEqual({ id: 'a', description: 'do a', agent: 'sim', input: { n: 1 }, dependencies: [] });
    expect(Object.keys(b)).toEqual(['id', 'description', 'agent', 'input', 'priority', 'timeoutMs', 'parallelSafe', 'estimatedDuration', 'dependencies']);
    expect(graph.specOf('b')).toEqual(b);
    // A spec is a copy: changing it does not change the graph.
    b.dependencies?.push('zzz');
    expect(graph.dependenciesOf('b')).toEqual(['a']);
    expect(snapshot(WorkflowGraph.fromSpecs(graph.toSpecs()))).toEqual(snapshot(graph));
  });

  it('applies random changes as a plain model of the graph does, refusing the same ones', () => {
    type Op = { kind: 'nodes'; specs: WorkflowNodeSpec[] } | { kind: 'edge'; from: string; to: string };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc
        .array(fc.tuple(fc.nat(12), fc.array(fc.nat(14), { maxLength: 4 })), { minLength: 1, maxLength: 4 })
        .map((nodes) => ({ kind: 'nodes' as const, specs: nodes.map(([id, deps]) => task(`n${id}`, deps.map((d) => `n${d}`))) })),
      fc.tuple(fc.nat(14), fc.nat(14)).map(([from, to]) => ({ kind: 'edge' as const, from: `n${from}`, to: `n${to}` })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const graph = new WorkflowGraph();
        const model = new GraphModel();
        for (const change of ops) {
          const apply = change.kind === 'nodes' ? (g: WorkflowGraph | GraphModel) => g.addNodes(change.specs) : (g: WorkflowGraph | GraphModel) => g.addEdge(change.from, change.to);
          expect(codeOf(() => apply(graph))).toBe(codeOf(() => apply(model)));
          expect(graph.ids).toEqual(model.ids);
          for (const id of model.ids) {
            expect(graph.dependenciesOf(id)).toEqual(model.dependenciesOf(id));
            expect(graph.dependentsOf(id)).toEqual(model.dependentsOf(id));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The graph's rules written plainly: Maps of arrays, validate everything, then apply. */
class GraphModel {
  readonly ids: string[] = [];
  private readonly deps = new Map<string, string[]>();

  dependenciesOf(id: string): string[] {
    return this.deps.get(id) ?? [];
  }

  dependentsOf(id: string): string[] {
    return this.ids.filter((other) => this.dependenciesOf(other).includes(id));
  }

  addNodes(specs: readonly WorkflowNodeSpec[]): this {
    const added = new Map<string, string[]>();
    for (const spec of specs) {
      if (this.deps.has(spec.id) || added.has(spec.id)) throw new GraphError('DUPLICATE_NODE', spec.id);
      added.set(spec.id, [...new Set(spec.dependencies ?? [])]);
    }
    for (const spec of specs) {
      for (const dep of spec.dependencies ?? []) {
        if (!this.deps.has(dep) && !added.has(dep)) throw new GraphError('UNKNOWN_NODE', dep);
        if (dep === spec.id) throw new GraphError('CYCLE', dep);
      }
    }
    const all = new Map([...this.deps, ...added]);
    if (findCycle(dagOf([...all].map(([id, dependencies]) => ({ id, dependencies }))))) throw new GraphError('CYCLE', 'cycle');
    for (const [id, dependencies] of added) {
      this.ids.push(id);
      this.deps.set(id, dependencies);
    }
    return this;
  }

  addEdge(from: string, to: string): this {
    if (!this.deps.has(from) || !this.deps.has(to)) throw new GraphError('UNKNOWN_NODE', `${from} ${to}`);
    if (from === to) throw new GraphError('CYCLE', from);
    const next = this.dependenciesOf(to).includes(from) ? this.dependenciesOf(to) : [...this.dependenciesOf(to), from];
    const all = [...this.deps].map(([id, dependencies]) => ({ id, dependencies: id === to ? next : dependencies }));
    if (findCycle(dagOf(all))) throw new GraphError('CYCLE', 'cycle');
    this.deps.set(to, next);
    return this;
  }
}
