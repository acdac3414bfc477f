import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RunHandle } from '../../runs/run-handle';
import { RunManager } from '../../runs/run-manager.service';
import { CancelRunCommand } from './cancel-run.command';

@CommandHandler(CancelRunCommand)
export class CancelRunHandler implements ICommandHandler<CancelRunCommand> {
  constructor(private readonly runs: RunManager) {}

  async execute(command: CancelRunCommand): Promise<RunHandle> {
    return this.runs.cancel(command.runId, command.tenant);
  }
}
