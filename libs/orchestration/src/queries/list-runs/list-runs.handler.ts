import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RunManager } from '../../runs/run-manager.service';
import { toRunSummaryView, type RunSummaryPage } from '../run-views';
import { ListRunsQuery } from './list-runs.query';

@QueryHandler(ListRunsQuery)
export class ListRunsHandler implements IQueryHandler<ListRunsQuery> {
  constructor(private readonly runs: RunManager) {}

  async execute(query: ListRunsQuery): Promise<RunSummaryPage> {
    const page = await this.runs.list(query.limit, query.cursor, query.tenant, query.statuses);
    const items = page.items.map((stored) => toRunSummaryView(stored, this.runs.live(stored.runId)));
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  }
}
