import { Command } from '@nestjs/cqrs';
import type { ManagedRun } from '../../runs/managed-run';

/** Cancel a running run: its running agents see their signal abort. */
export class CancelRunCommand extends Command<ManagedRun> {
  constructor(readonly runId: string) {
    super();
  }
}
