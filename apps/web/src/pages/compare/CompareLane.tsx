import type { RunResult } from '@a2a-mcp/api-client';
import { useEffect, useState, type JSX } from 'react';
import { useApi } from '../../api/api-context';
import { runHref } from '../../router';
import { GanttChart } from '../../run/GanttChart';
import { useElementWidth } from '../../run/use-element-width';
import { useRunEvents } from '../../run/use-run-events';
import { formatMs, formatPercent } from '../format';
import { fetchRunResult } from './run-result';

export type CompareStrategy = 'sequential' | 'parallel' | 'hybrid';

interface CompareLaneProps {
  strategy: CompareStrategy;
  runId: string;
  onResult(strategy: CompareStrategy, result: RunResult): void;
  onError(strategy: CompareStrategy, message: string): void;
}

/** One strategy's run, live on a timeline; once it has ended, its makespan from the run's result. */
export function CompareLane({ strategy, runId, onResult, onError }: CompareLaneProps): JSX.Element {
  const { client } = useApi();
  const { events, done, error } = useRunEvents(runId);
  const [result, setResult] = useState<RunResult>();
  const [box, width] = useElementWidth<HTMLDivElement>(420, 240);

  useEffect(() => {
    if (!done) return;
    const abort = new AbortController();
    fetchRunResult(client, runId, abort.signal).then(
      (found) => {
        if (abort.signal.aborted) return;
        setResult(found);
        onResult(strategy, found);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) onError(strategy, failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => abort.abort();
  }, [client, runId, done, strategy, onResult, onError]);

  return (
    <section className="card compare-lane" data-strategy={strategy}>
      <header>
        <h2>{strategy}</h2>
        <a href={runHref(runId)} className="muted">
          run <code>{runId.slice(0, 8)}</code>
        </a>
        {result !== undefined ? (
          <span className="makespan" data-testid="compare-makespan" data-strategy={strategy} data-ms={result.makespanMs}>
            {formatMs(result.makespanMs)}
          </span>
        ) : (
          <span className="muted">{done ? 'reading the result…' : 'running…'}</span>
        )}
      </header>
      {error !== undefined && <p className="error">{error}</p>}
      <div ref={box} className="lane-chart">
        <GanttChart events={events} width={width} />
      </div>
      {result !== undefined && (
        <p className="muted">
          {result.status} · parallel efficiency {formatPercent(result.parallelEfficiency)} · critical path {formatMs(result.criticalPathMs)}
        </p>
      )}
    </section>
  );
}
