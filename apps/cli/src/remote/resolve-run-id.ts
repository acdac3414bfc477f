import { CliInputError } from '../cli-error';
import { terminalSafe } from '../terminal-safe';
import { MAX_RUNS_PAGE, type OrchestratorClient } from './orchestrator-client';

/** Candidates named in an "ambiguous prefix" error. */
const CANDIDATES_SHOWN = 5;

/**
 * The full id of the run `idOrPrefix` names: the run with exactly that id, else the only run whose id
 * starts with it (the CLI prints the first 8 characters, as `Run 1a2b3c4d completed`). No match or
 * several are bad input naming the prefix (and the candidates).
 */
export async function resolveRunId(client: OrchestratorClient, idOrPrefix: string): Promise<string> {
  if ((await client.findRun(idOrPrefix)) !== undefined) return idOrPrefix;
  const matches: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listRuns({ limit: MAX_RUNS_PAGE, cursor });
    for (const run of page.items) if (run.runId.startsWith(idOrPrefix)) matches.push(run.runId);
    cursor = page.nextCursor;
  } while (cursor !== undefined && matches.length <= CANDIDATES_SHOWN);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new CliInputError(`RUN_NOT_FOUND: no run on ${client.base} has the id or an id starting with "${idOrPrefix}"`);
  }
  const shown = terminalSafe(matches.slice(0, CANDIDATES_SHOWN).join(', '));
  const more = matches.length > CANDIDATES_SHOWN ? ' and more' : '';
  throw new CliInputError(`AMBIGUOUS_RUN_ID: "${idOrPrefix}" starts the ids of several runs (${shown}${more}); give more characters`);
}
