import { Command } from '@nestjs/cqrs';
import type { RunChange, RunChangeResult } from '../../runs/run-manager.service';

/**
 * Add nodes and edges to a running graph: PlanValidationError (paths `nodes[i]…`) for a bad node,
 * a GraphError naming the node or cycle when the graph refuses the change.
 */
export class ModifyRunCommand extends Command<RunChangeResult> {
  constructor(
    readonly runId: string,
    readonly change: RunChange,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
