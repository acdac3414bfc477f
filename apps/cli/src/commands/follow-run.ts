import { applyEvent, createRunState, type RunResult } from '@a2a-mcp/core-graph';
import { PROGRAM } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { LiveProgress } from '../live-progress';
import { snapshotOf } from '../progress-bar';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { FollowOptions, OrchestratorClient } from '../remote/orchestrator-client';
import { RemoteError } from '../remote/remote-error';
import { reportResult } from '../report-result';
import { terminalSafe } from '../terminal-safe';

/**
 * Follows a run on the orchestrator: the same fold as the engine (`applyEvent`) rebuilds its state
 * from the SSE stream, which feeds the same progress bar as an embedded run. Ctrl-C cancels the
 * run on the server and keeps following until it reports the cancellation.
 */
export async function followRun(client: OrchestratorClient, runId: string, json: boolean, io: CliIo): Promise<number> {
  return followStream(client, (options) => client.followEvents(runId, options), runId, json, io);
}

/** Starts a run with `POST /v1/runs/stream` and follows it in the same response. */
export async function startAndFollowRun(client: OrchestratorClient, body: Record<string, unknown>, json: boolean, io: CliIo): Promise<number> {
  let runId = '';
  const announce = (id: string): void => {
    runId = id;
    if (!json) io.stderr.write(`${PROGRAM}: ${terminalSafe(`run ${id} submitted to ${client.base}`)}\n`);
  };
  return followStream(client, (options) => client.startAndFollow(body, announce, options), () => runId, json, io);
}

async function followStream(
  client: OrchestratorClient,
  open: (options: FollowOptions) => AsyncGenerator<WorkflowEvent>,
  runIdOf: string | (() => string),
  json: boolean,
  io: CliIo,
): Promise<number> {
  const currentRunId = (): string => (typeof runIdOf === 'string' ? runIdOf : runIdOf());
  const state = createRunState(currentRunId());
  const progress = !json && io.stderr.isTTY === true
    ? new LiveProgress(io.stderr, (elapsedMs) => snapshotOf(state, elapsedMs), widthOf(io.stderr, io.env))
    : undefined;
  let cancelling: Promise<void> | undefined;
  const stopListening = io.onInterrupt?.(() => {
    const runId = currentRunId();
    if (runId === '') return; // not accepted yet: nothing runs on the server
    cancelling ??= client.cancelRun(runId).catch((error: unknown) => {
      io.stderr.write(`${PROGRAM}: ${terminalSafe(`could not cancel run ${runId}: ${String((error as Error).message ?? error)}`)}\n`);
    });
  });
  let result: RunResult | undefined;
  progress?.start();
  try {
    for await (const event of open({
      onReconnect: (attempt, lastSeq) => {
        if (!json) io.stderr.write(`\n${PROGRAM}: event stream dropped; resuming after event ${lastSeq} (attempt ${attempt})\n`);
      },
    })) {
      if (state.runId === '') state.runId = event.runId;
      applyEvent(state, event);
      if (event.type === 'workflow_complete') result = event.result;
    }
  } finally {
    stopListening?.();
    progress?.stop();
  }
  await cancelling;
  if (!result) throw new RemoteError('BAD_RESPONSE', `the event stream of run ${currentRunId()} ended without a result`);
  if (cancelling) io.stderr.write(`${PROGRAM}: interrupted; the run was cancelled on the server\n`);
  return reportResult(result, json, io);
}
