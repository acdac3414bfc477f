import type { QueryBus } from '@nestjs/cqrs';
import { GetRunQuery, ListRunsQuery, OrchestrationError, type RunView } from '@a2a-mcp/orchestration';

/** Runs read per page while looking for a prefix (the run list's largest page). */
const PAGE_SIZE = 100;
/** Candidates named when a prefix is ambiguous. */
const CANDIDATES_SHOWN = 5;

/** A run id the client gave that names no run, or several. */
export class RunIdError extends Error {
  constructor(
    readonly code: 'RUN_NOT_FOUND' | 'AMBIGUOUS_RUN_ID',
    message: string,
  ) {
    super(message);
    this.name = 'RunIdError';
  }
}

/**
 * The run `idOrPrefix` names: the run with exactly that id, else the only run whose id starts with it
 * (the CLI prints the first 8 characters: `Run 1a2b3c4d completed`). RunIdError when none or several match.
 * With a `tenant`, only that tenant's runs are looked at (another tenant's run is not found).
 */
export async function findRun(queries: QueryBus, idOrPrefix: string, tenant?: string): Promise<RunView> {
  try {
    return await queries.execute(new GetRunQuery(idOrPrefix, tenant));
  } catch (error) {
    if (!(error instanceof OrchestrationError && error.code === 'RUN_NOT_FOUND')) throw error;
  }
  const matches: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await queries.execute(new ListRunsQuery(PAGE_SIZE, cursor, tenant));
    for (const run of page.items) if (run.runId.startsWith(idOrPrefix)) matches.push(run.runId);
    cursor = page.nextCursor;
  } while (cursor !== undefined && matches.length <= CANDIDATES_SHOWN);
  if (matches.length === 1) return queries.execute(new GetRunQuery(matches[0], tenant));
  const quoted = JSON.stringify(idOrPrefix);
  if (matches.length === 0) throw new RunIdError('RUN_NOT_FOUND', `no run on this host has the id ${quoted} or an id starting with it`);
  const more = matches.length > CANDIDATES_SHOWN ? ' and more' : '';
  throw new RunIdError('AMBIGUOUS_RUN_ID', `${quoted} starts the ids of several runs (${matches.slice(0, CANDIDATES_SHOWN).join(', ')}${more}); give more characters`);
}
