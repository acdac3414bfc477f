import { Command } from '@nestjs/cqrs';
import type { RunChangeResult } from '../../runs/run-manager.service';

/** A change to a running graph as the API takes it: nodes as they arrived (checked by the handler), edges. */
export interface RunChangeRequest {
  /** New tasks, checked with the planner's task rules; their dependencies may name tasks of the run. */
  nodes?: readonly unknown[];
  edges?: [from: string, to: string][];
  /** The new nodes without dependencies also wait for these tasks. */
  dependsOn?: string[];
}

/**
 * Add nodes and edges to a running graph: PlanValidationError (paths `nodes[i]…`) for a bad node,
 * a GraphError naming the node or cycle when the graph refuses the change.
 */
export class ModifyRunCommand extends Command<RunChangeResult> {
  constructor(
    readonly runId: string,
    readonly change: RunChangeRequest,
  ) {
    super();
  }
}
