import type { WatchArgs } from '../cli-args';
import type { CliIo } from '../cli-io';
import { OrchestratorClient } from '../remote/orchestrator-client';
import { resolveRunId } from '../remote/resolve-run-id';
import { followRun } from './follow-run';

/** `a2a-mcp watch <runId> --server URL`: follows a run (named by its id or a unique prefix) from its first event, resuming after drops. */
export async function watchCommand(args: WatchArgs, io: CliIo): Promise<number> {
  const client = new OrchestratorClient(args.server, args.apiKey);
  return followRun(client, await resolveRunId(client, args.runId), args.json, io);
}
