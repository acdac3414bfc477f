import type { ApiClient, RunResult } from '@a2a-mcp/api-client';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';

/** What the runs list shows of a finished run's result. */
export interface RunSummary {
  makespanMs?: number;
  parallelEfficiency?: number;
  /** Mean quality score of the tasks that were scored; undefined when none was. */
  quality?: number;
  scored: number;
}

export function summarize(result: RunResult | undefined): RunSummary {
  if (result === undefined) return { scored: 0 };
  const scores = Object.values(result.tasks ?? {}).flatMap((task) => (typeof task.qualityScore === 'number' ? [task.qualityScore] : []));
  return {
    makespanMs: result.makespanMs,
    parallelEfficiency: result.parallelEfficiency,
    quality: scores.length === 0 ? undefined : scores.reduce((sum, score) => sum + score, 0) / scores.length,
    scored: scores.length,
  };
}

// A finished run's result never changes: each is fetched once per page load, whichever list shows it.
const cache = new Map<string, Promise<RunSummary>>();

function fetchSummary(client: ApiClient, runId: string): Promise<RunSummary> {
  let pending = cache.get(runId);
  if (pending === undefined) {
    pending = client.GET('/v1/runs/{id}', { params: { path: { id: runId } } }).then(({ data, response }) => {
      if (data === undefined) throw new Error(`GET /v1/runs/${runId} answered ${response.status}`);
      return summarize(data.result);
    });
    // A failure is not remembered: the next look tries again.
    pending.catch(() => cache.delete(runId));
    cache.set(runId, pending);
  }
  return pending;
}

/** The summary of a finished run, fetched only once `wanted` (the row is on screen and the run has ended). */
export function useRunSummary(runId: string, wanted: boolean): RunSummary | 'error' | undefined {
  const { client } = useApi();
  const [summary, setSummary] = useState<RunSummary | 'error'>();
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    fetchSummary(client, runId).then(
      (found) => live && setSummary(found),
      () => live && setSummary('error'),
    );
    return () => {
      live = false;
    };
  }, [client, runId, wanted]);
  return summary;
}
