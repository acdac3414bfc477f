import { Command } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';

/** Answer a task paused by `ctx.requestInput(question)`. */
export class ResumeRunCommand extends Command<ManagedRun> {
  constructor(
    readonly runId: string,
    readonly taskId: string,
    readonly answer: unknown,
  ) {
    super();
  }
}
