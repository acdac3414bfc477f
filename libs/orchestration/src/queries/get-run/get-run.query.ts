import { Query } from '@nestjs/cqrs';
import type { RunView } from '../run-views';

/** A snapshot of one run (state per task, result once it ended); RUN_NOT_FOUND when the host does not keep it. */
export class GetRunQuery extends Query<RunView> {
  constructor(
    readonly runId: string,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
