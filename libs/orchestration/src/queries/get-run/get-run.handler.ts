import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RunManager } from '../../runs/run-manager.service';
import { toRunView, type RunView } from '../run-views';
import { GetRunQuery } from './get-run.query';

@QueryHandler(GetRunQuery)
export class GetRunHandler implements IQueryHandler<GetRunQuery> {
  constructor(private readonly runs: RunManager) {}

  async execute(query: GetRunQuery): Promise<RunView> {
    return toRunView(await this.runs.lookup(query.runId, query.tenant));
  }
}
