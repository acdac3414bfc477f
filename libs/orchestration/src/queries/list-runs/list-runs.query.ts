import type { RunStatus } from '@a2a-mcp/core-graph';
import { Query } from '@nestjs/cqrs';
import type { RunSummaryPage } from '../run-views';

/** A page of run summaries, newest first (`limit` ≤ 100, `cursor` from the previous page, only `statuses` if any). */
export class ListRunsQuery extends Query<RunSummaryPage> {
  constructor(
    readonly limit?: number,
    readonly cursor?: string,
    /** The caller's tenant (AUTH_MODE apikey|jwt); only its runs are listed. Undefined: no tenancy. */
    readonly tenant?: string,
    readonly statuses: readonly RunStatus[] = [],
  ) {
    super();
  }
}
