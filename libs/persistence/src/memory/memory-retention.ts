import type { RetentionPolicy } from '../run-store';

/** What retention needs of a finished run. */
export interface FinishedRun {
  ordinal: number;
  finishedAtMs: number;
}

/**
 * The finished runs `policy` deletes at `nowMs`: those that ended more than `maxAgeMs` ago, and
 * those beyond the newest `maxCount` (by end time, then ordinal), as the SQL stores select them.
 */
export function finishedToDelete<T extends FinishedRun>(finished: readonly T[], policy: RetentionPolicy, nowMs: number): T[] {
  const doomed = new Set<T>();
  if (policy.maxAgeMs !== undefined) {
    const cutoff = nowMs - policy.maxAgeMs;
    for (const run of finished) if (run.finishedAtMs < cutoff) doomed.add(run);
  }
  if (policy.maxCount !== undefined && finished.length > policy.maxCount) {
    const newestFirst = [...finished].sort((a, b) => b.finishedAtMs - a.finishedAtMs || b.ordinal - a.ordinal);
    for (const run of newestFirst.slice(Math.max(0, policy.maxCount))) doomed.add(run);
  }
  return [...doomed];
}
