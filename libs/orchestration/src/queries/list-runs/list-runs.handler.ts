import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RunManager, type RunPage } from '../../runs/run-manager.service';
import { ListRunsQuery } from './list-runs.query';

@QueryHandler(ListRunsQuery)
export class ListRunsHandler implements IQueryHandler<ListRunsQuery> {
  constructor(private readonly runs: RunManager) {}

  async execute(query: ListRunsQuery): Promise<RunPage> {
    return this.runs.list(query.limit, query.cursor);
  }
}
