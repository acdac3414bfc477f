import type { RunListItem } from '@a2a-mcp/api-client';
import { useRef, type JSX } from 'react';
import { runHref } from '../../router';
import { formatMs, formatPercent, formatTime, shortId } from '../format';
import { useInView } from './use-in-view';
import { useRunSummary } from './run-summary';

/** A run of the list; its result's figures are fetched once the row is on screen and the run has ended. */
export function RunRow({ run }: { run: RunListItem }): JSX.Element {
  const row = useRef<HTMLTableRowElement>(null);
  const visible = useInView(row);
  const finished = run.status !== 'running';
  const summary = useRunSummary(run.runId, visible && finished);
  const figures = summary === 'error' || summary === undefined ? undefined : summary;
  const pending = finished && summary === undefined ? '…' : '–';

  return (
    <tr ref={row} data-testid="run-row" data-run-id={run.runId} data-status={run.status}>
      <td>
        <a href={runHref(run.runId)} title={run.runId}>
          <code>{shortId(run.runId)}</code>
        </a>
      </td>
      <td>
        <span className={`badge status-${run.status}`}>{run.status}</span>
      </td>
      <td>{run.strategy}</td>
      <td className="num">{run.taskCount}</td>
      <td className="num">
        <span className="ok">{run.successful}</span> / <span className={run.failed > 0 ? 'bad' : undefined}>{run.failed}</span>
        {run.skipped > 0 && <span className="muted"> ({run.skipped} skipped)</span>}
      </td>
      <td className="num" data-testid="run-makespan" data-ms={figures?.makespanMs}>
        {figures ? formatMs(figures.makespanMs) : pending}
      </td>
      <td className="num">{figures ? formatPercent(figures.parallelEfficiency) : pending}</td>
      <td className="num" title={figures && figures.scored > 0 ? `mean of ${figures.scored} scored task(s)` : undefined}>
        {figures ? formatPercent(figures.quality) : pending}
      </td>
      <td className="time">{formatTime(run.createdAt)}</td>
    </tr>
  );
}
