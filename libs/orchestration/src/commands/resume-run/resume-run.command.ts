import { Command } from '@nestjs/cqrs';
import type { RunHandle } from '../../runs/run-handle';

/** Answer a task paused by `ctx.requestInput(question)`. */
export class ResumeRunCommand extends Command<RunHandle> {
  constructor(
    readonly runId: string,
    readonly taskId: string,
    readonly answer: unknown,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
