import type { RunResult } from '@a2a-mcp/core-graph';
import { EXIT_OK, EXIT_RUN_FAILED } from './cli-error';
import { widthOf, type CliIo } from './cli-io';
import { toResultJson } from './result-json';
import { renderResultTable } from './result-table';
import { renderHeadline, renderSummaryLine } from './run-summary';
import { terminalSafe } from './terminal-safe';

/**
 * Prints a finished run (the JSON object, or the headline, table and summary) and returns the exit code.
 * The text names run, tasks and strategy as a plan or a server gave them: every line is terminal-safe.
 */
export function reportResult(result: RunResult, json: boolean, io: CliIo): number {
  if (json) io.stdout.write(`${JSON.stringify(toResultJson(result), null, 2)}\n`);
  else {
    const width = widthOf(io.stdout, io.env);
    const lines = [terminalSafe(renderHeadline(result)), '', renderResultTable(result, width), '', terminalSafe(renderSummaryLine(result))];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.status === 'completed' ? EXIT_OK : EXIT_RUN_FAILED;
}
