import { Query } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';

/** One run (state, result, event stream); RUN_NOT_FOUND when the host does not keep it. */
export class GetRunQuery extends Query<ManagedRun> {
  constructor(readonly runId: string) {
    super();
  }
}
