import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RunManager } from '../../runs/run-manager.service';
import { toRunEventFeed, type RunEventFeed } from '../run-views';
import { GetRunEventsQuery } from './get-run-events.query';

@QueryHandler(GetRunEventsQuery)
export class GetRunEventsHandler implements IQueryHandler<GetRunEventsQuery> {
  constructor(private readonly runs: RunManager) {}

  async execute(query: GetRunEventsQuery): Promise<RunEventFeed> {
    return toRunEventFeed(await this.runs.lookup(query.runId, query.tenant));
  }
}
