import { Command } from '@nestjs/cqrs';
import type { RunChange, RunChangeResult } from '../../runs/run-manager.service';

/** Add nodes and edges to a running graph (refused with a GraphError naming the node or cycle). */
export class ModifyRunCommand extends Command<RunChangeResult> {
  constructor(
    readonly runId: string,
    readonly change: RunChange,
  ) {
    super();
  }
}
