import { Command } from '@nestjs/cqrs';
import type { RunHandle } from '../../runs/run-handle';

/** Cancel a running run: its running agents see their signal abort. */
export class CancelRunCommand extends Command<RunHandle> {
  constructor(
    readonly runId: string,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
