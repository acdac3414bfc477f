import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RunHandle } from '../../runs/run-handle';
import { RunManager } from '../../runs/run-manager.service';
import { ResumeRunCommand } from './resume-run.command';

@CommandHandler(ResumeRunCommand)
export class ResumeRunHandler implements ICommandHandler<ResumeRunCommand> {
  constructor(private readonly runs: RunManager) {}

  async execute(command: ResumeRunCommand): Promise<RunHandle> {
    return this.runs.resume(command.runId, command.taskId, command.answer, command.tenant);
  }
}
