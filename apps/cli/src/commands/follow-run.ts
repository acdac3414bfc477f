import { applyEvent, createRunState, type RunResult } from '@a2a-mcp/core-graph';
import { PROGRAM } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { LiveProgress } from '../live-progress';
import { snapshotOf } from '../progress-bar';
import type { OrchestratorClient } from '../remote/orchestrator-client';
import { RemoteError } from '../remote/remote-error';
import { reportResult } from '../report-result';

/**
 * Follows a run on the orchestrator: the same fold as the engine (`applyEvent`) rebuilds its state
 * from the SSE stream, which feeds the same progress bar as an embedded run. Ctrl-C cancels the
 * run on the server and keeps following until it reports the cancellation.
 */
export async function followRun(client: OrchestratorClient, runId: string, json: boolean, io: CliIo): Promise<number> {
  const state = createRunState(runId);
  const progress = !json && io.stderr.isTTY === true
    ? new LiveProgress(io.stderr, (elapsedMs) => snapshotOf(state, elapsedMs), widthOf(io.stderr, io.env))
    : undefined;
  let cancelling: Promise<void> | undefined;
  const stopListening = io.onInterrupt?.(() => {
    cancelling ??= client.cancelRun(runId).catch((error: unknown) => {
      io.stderr.write(`${PROGRAM}: could not cancel run ${runId}: ${String((error as Error).message ?? error)}\n`);
    });
  });
  let result: RunResult | undefined;
  progress?.start();
  try {
    for await (const event of client.followEvents(runId, {
      onReconnect: (attempt, lastSeq) => {
        if (!json) io.stderr.write(`\n${PROGRAM}: event stream dropped; resuming after event ${lastSeq} (attempt ${attempt})\n`);
      },
    })) {
      applyEvent(state, event);
      if (event.type === 'workflow_complete') result = event.result;
    }
  } finally {
    stopListening?.();
    progress?.stop();
  }
  await cancelling;
  if (!result) throw new RemoteError('BAD_RESPONSE', `the event stream of run ${runId} ended without a result`);
  if (cancelling) io.stderr.write(`${PROGRAM}: interrupted; the run was cancelled on the server\n`);
  return reportResult(result, json, io);
}
