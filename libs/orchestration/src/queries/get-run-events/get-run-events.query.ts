import { Query } from '@nestjs/cqrs';
import type { RunEventFeed } from '../run-views';

/** One run's event stream (replay, then live); RUN_NOT_FOUND when the host does not keep the run. */
export class GetRunEventsQuery extends Query<RunEventFeed> {
  constructor(
    readonly runId: string,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
