import type { RunArgsById, RunsListArgs } from '../cli-args';
import { EXIT_OK } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { OrchestratorClient, type RunDetails, type RunListItem } from '../remote/orchestrator-client';
import { resolveRunId } from '../remote/resolve-run-id';
import { renderTaskTable } from '../result-table';
import { renderSummaryLine, shortRunId } from '../run-summary';
import { terminalSafe } from '../terminal-safe';
import { renderTable, type TableColumn } from '../text-table';

const LIST_COLUMNS: readonly TableColumn[] = [
  { header: 'RUN' },
  { header: 'STATUS' },
  { header: 'STRATEGY' },
  { header: 'TASKS', align: 'right' },
  { header: 'OK', align: 'right' },
  { header: 'FAILED', align: 'right' },
  { header: 'SKIPPED', align: 'right' },
  { header: 'CREATED' },
];

/** `a2a-mcp runs list`: one page of the server's runs, newest first, with the short ids `watch` and `runs get` take. */
export async function runsListCommand(args: RunsListArgs, io: CliIo): Promise<number> {
  const page = await new OrchestratorClient(args.server, args.apiKey).listRuns({ limit: args.limit, cursor: args.cursor });
  if (args.json) {
    io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = page.items.length === 0 ? ['no runs'] : renderTable(LIST_COLUMNS, page.items.map(listRow), widthOf(io.stdout, io.env));
  if (page.nextCursor !== undefined) lines.push('', `more runs: ${terminalSafe(`a2a-mcp runs list --cursor ${page.nextCursor}`)}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

/** `a2a-mcp runs get <id>`: a run's state per task and, once it ended, its summary. */
export async function runsGetCommand(args: RunArgsById, io: CliIo): Promise<number> {
  const client = new OrchestratorClient(args.server, args.apiKey);
  const details = await client.getRun(await resolveRunId(client, args.runId));
  if (args.json) {
    io.stdout.write(`${JSON.stringify(details, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout.write(`${renderDetails(details, widthOf(io.stdout, io.env)).join('\n')}\n`);
  return EXIT_OK;
}

/** `a2a-mcp runs cancel <id>`: cancels a running run; one that already ended is refused (409 RUN_FINISHED, exit 2). */
export async function runsCancelCommand(args: RunArgsById, io: CliIo): Promise<number> {
  const client = new OrchestratorClient(args.server, args.apiKey);
  const cancelled = await client.cancelRunStrictly(await resolveRunId(client, args.runId));
  if (args.json) io.stdout.write(`${JSON.stringify(cancelled, null, 2)}\n`);
  else io.stdout.write(`${terminalSafe(`run ${cancelled.runId} ${cancelled.status}`)}\n`);
  return EXIT_OK;
}

function listRow(run: RunListItem): string[] {
  return [shortRunId(run.runId), run.status, run.strategy, String(run.taskCount), String(run.successful), String(run.failed), String(run.skipped), run.createdAt];
}

function renderDetails(details: RunDetails, width: number | undefined): string[] {
  const reason = details.strategyReason === undefined ? '' : ` (${details.strategyReason})`;
  const lines = [terminalSafe(`Run ${details.runId} ${details.status} · strategy ${details.strategy}${reason} · created ${details.createdAt}`), '', ...renderTaskTable(details.tasks, width)];
  if (details.result !== undefined) lines.push('', terminalSafe(renderSummaryLine(details.result)));
  return lines;
}
