import { Query } from '@nestjs/cqrs';
import type { RunPage } from '../../runs/run-manager.service';

/** A page of runs, newest first (`limit` ≤ 100, `cursor` from the previous page). */
export class ListRunsQuery extends Query<RunPage> {
  constructor(
    readonly limit?: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
