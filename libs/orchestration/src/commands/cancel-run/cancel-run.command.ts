import { Command } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';

/** Cancel a running run: its running agents see their signal abort. */
export class CancelRunCommand extends Command<ManagedRun> {
  constructor(
    readonly runId: string,
    /** The caller's tenant (AUTH_MODE apikey|jwt); a run of another tenant is RUN_NOT_FOUND. Undefined: no tenancy. */
    readonly tenant?: string,
  ) {
    super();
  }
}
