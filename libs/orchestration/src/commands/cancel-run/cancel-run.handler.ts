import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';
import { RunManager } from '../../runs/run-manager.service';
import { CancelRunCommand } from './cancel-run.command';

@CommandHandler(CancelRunCommand)
export class CancelRunHandler implements ICommandHandler<CancelRunCommand> {
  constructor(private readonly runs: RunManager) {}

  async execute(command: CancelRunCommand): Promise<ManagedRun> {
    return this.runs.cancel(command.runId, command.tenant);
  }
}
