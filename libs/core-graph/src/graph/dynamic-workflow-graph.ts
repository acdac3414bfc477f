import type { StrategyName } from '../events/workflow-event';
import { WorkflowGraph } from './workflow-graph';
import { WorkflowNodeSpec } from './workflow-node';

/**
 * A graph meant to change while it runs (the original Python framework's `DynamicWorkflowGraph`):
 * subgraphs can be grafted in. A run of it accepts the same changes through `WorkflowRun.modify`.
 */
export class DynamicWorkflowGraph extends WorkflowGraph {
  override readonly defaultStrategy: StrategyName = 'sequential';

  /**
   * Adds every node of `subgraph` with its internal edges; its entry nodes (those without
   * dependencies inside the subgraph) also wait for `dependsOn`.
   */
  addSubgraph(subgraph: WorkflowGraph | readonly WorkflowNodeSpec[], options: { dependsOn?: readonly string[] } = {}): this {
    return this.addNodes(subgraphSpecs(subgraph, options.dependsOn ?? []));
  }
}

export function subgraphSpecs(
  subgraph: WorkflowGraph | readonly WorkflowNodeSpec[],
  dependsOn: readonly string[],
): WorkflowNodeSpec[] {
  const specs = subgraph instanceof WorkflowGraph ? subgraph.toSpecs() : [...subgraph];
  return specs.map((spec) =>
    (spec.dependencies ?? []).length === 0 && dependsOn.length > 0 ? { ...spec, dependencies: [...dependsOn] } : spec,
  );
}
