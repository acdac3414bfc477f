import type { WatchArgs } from '../args';
import type { CliIo } from '../cli-io';
import { OrchestratorClient } from '../remote/orchestrator-client';
import { followRun } from './follow-run';

/** `a2a-mcp watch <runId> --server URL`: follows a run from its first event, resuming after drops. */
export function watchCommand(args: WatchArgs, io: CliIo): Promise<number> {
  return followRun(new OrchestratorClient(args.server), args.runId, args.json, io);
}
