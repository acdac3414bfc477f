import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';
import { RunManager } from '../../runs/run-manager.service';
import { GetRunQuery } from './get-run.query';

@QueryHandler(GetRunQuery)
export class GetRunHandler implements IQueryHandler<GetRunQuery> {
  constructor(private readonly runs: RunManager) {}

  async execute(query: GetRunQuery): Promise<ManagedRun> {
    return this.runs.get(query.runId);
  }
}
