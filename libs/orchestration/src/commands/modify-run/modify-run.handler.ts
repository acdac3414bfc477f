import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RunManager, type RunChangeResult } from '../../runs/run-manager.service';
import { ModifyRunCommand } from './modify-run.command';

@CommandHandler(ModifyRunCommand)
export class ModifyRunHandler implements ICommandHandler<ModifyRunCommand> {
  constructor(private readonly runs: RunManager) {}

  async execute(command: ModifyRunCommand): Promise<RunChangeResult> {
    return this.runs.modify(command.runId, command.change, command.tenant);
  }
}
