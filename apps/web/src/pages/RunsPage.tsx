import type { RunListItem, RunPage as RunsPageData } from '@a2a-mcp/api-client';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { describeApiError } from '../api/api-error';
import { useApi } from '../api/api-context';
import { RunRow } from './runs/RunRow';

const STATUSES = ['running', 'completed', 'partial', 'failed', 'cancelled'] as const;
type StatusFilter = '' | RunListItem['status'];
const PAGE_SIZES = [10, 20, 50, 100];
/** While a shown run is running, the page is read again this often. */
const LIVE_REFRESH_MS = 2000;

/** The runs, newest first, a page at a time (the API's cursor); live while one of them runs. */
export function RunsPage(): JSX.Element {
  const { client } = useApi();
  // The cursor of each page visited: [undefined] is the first page; Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [limit, setLimit] = useState(20);
  const [filter, setFilter] = useState<StatusFilter>('');
  const [page, setPage] = useState<RunsPageData>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const abort = new AbortController();
    client
      .GET('/v1/runs', {
        params: { query: { limit, ...(cursor === undefined ? {} : { cursor }), ...(filter === '' ? {} : { status: [filter] }) } },
        signal: abort.signal,
      })
      .then(({ data, error: failure, response }) => {
        if (abort.signal.aborted) return;
        if (data !== undefined) {
          setPage(data);
          setError(undefined);
        } else setError(describeApiError(failure, response));
      })
      .catch((failure: unknown) => {
        if (!abort.signal.aborted) setError(describeApiError(failure));
      });
    return () => abort.abort();
  }, [client, cursor, limit, filter, reloads]);

  const anyRunning = page?.items.some((run) => run.status === 'running') ?? false;
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), LIVE_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [anyRunning, page]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  // The host filters (every page of the list, not just this one); a run that changed status since stays until the next read.
  const shown = page?.items ?? [];

  return (
    <div className="runs-page">
      <div className="page-head">
        <h1>Runs</h1>
        <div className="toolbar">
          <label>
            Status
            <select
              data-testid="status-filter"
              value={filter}
              onChange={(event) => {
                setFilter(event.target.value as StatusFilter);
                setCursors([undefined]);
              }}
            >
              <option value="">all</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </label>
          <label>
            Per page
            <select
              data-testid="page-size"
              value={limit}
              onChange={(event) => {
                setLimit(Number(event.target.value));
                setCursors([undefined]);
              }}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={reload} data-testid="runs-refresh">
            Refresh
          </button>
          {anyRunning && (
            <span className="live" data-testid="runs-live">
              live
            </span>
          )}
        </div>
      </div>
      {error !== undefined && (
        <p className="error banner" role="alert" data-testid="runs-error">
          {error}
        </p>
      )}
      <div className="card table-card">
        <table className="runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th>Strategy</th>
              <th className="num">Tasks</th>
              <th className="num">Done / failed</th>
              <th className="num">Makespan</th>
              <th className="num" title="1 − makespan ÷ the sum of task durations">
                Parallel eff.
              </th>
              <th className="num">Quality</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <RunRow key={run.runId} run={run} />
            ))}
          </tbody>
        </table>
        {page !== undefined && shown.length === 0 && (
          <p className="empty" data-testid="runs-empty">
            {page.items.length === 0 ? (
              cursors.length === 1 ? (
                <>
                  No runs yet. <a href="#/new">Start one</a>.
                </>
              ) : (
                'No more runs.'
              )
            ) : (
              `No ${filter} run on this page.`
            )}
          </p>
        )}
        {page === undefined && error === undefined && <p className="empty">Loading…</p>}
      </div>
      <div className="pager">
        <button type="button" data-testid="runs-previous" disabled={cursors.length === 1} onClick={() => setCursors((all) => all.slice(0, -1))}>
          ← Newer
        </button>
        <span className="muted" data-testid="runs-page-number">
          Page {cursors.length}
          {filter !== '' && ' (the status filter applies to this page)'}
        </span>
        <button
          type="button"
          data-testid="runs-next"
          disabled={page?.nextCursor === undefined}
          onClick={() => page?.nextCursor !== undefined && setCursors((all) => [...all, page.nextCursor])}
        >
          Older →
        </button>
      </div>
    </div>
  );
}
