import type { RunState } from '@a2a-mcp/core-graph';

/** What the progress bar shows at one instant. */
export interface ProgressSnapshot {
  /** Tasks in a terminal state (completed, failed, skipped, cancelled). */
  done: number;
  total: number;
  failed: number;
  /** Ids of the tasks running now, in plan order. */
  running: readonly string[];
  /** Tasks dispatched but waiting for a slot of the host's shared pool. */
  queued: number;
  elapsedMs: number;
}

const BAR_CELLS = 20;
const RUNNING_SHOWN = 3;

export function snapshotOf(state: Readonly<RunState>, elapsedMs: number): ProgressSnapshot {
  const running: string[] = [];
  let failed = 0;
  let queued = 0;
  for (const id of state.order) {
    const status = state.tasks[id].status;
    if (status === 'running' || status === 'paused') running.push(id);
    else if (status === 'queued') queued++;
    else if (status === 'failed') failed++;
  }
  return { done: state.finishedCount, total: state.order.length, failed, running, queued, elapsedMs };
}

/**
 * One line, e.g. `[########------------] 2/5 done · running: shipping, email · 0.1s`.
 * Cut to `width − 1` characters: a line that wraps can no longer be redrawn in place.
 */
export function renderProgressBar(snapshot: ProgressSnapshot, width?: number): string {
  const parts = [`${bar(snapshot.done, snapshot.total)} ${snapshot.done}/${snapshot.total} done`];
  if (snapshot.failed > 0) parts.push(`${snapshot.failed} failed`);
  if (snapshot.running.length > 0) parts.push(`running: ${runningList(snapshot.running)}`);
  if (snapshot.queued > 0) parts.push(`${snapshot.queued} queued`);
  parts.push(`${(snapshot.elapsedMs / 1000).toFixed(1)}s`);
  return fit(parts.join(' · '), width === undefined ? undefined : width - 1);
}

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_CELLS : Math.round((done / total) * BAR_CELLS);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}]`;
}

function runningList(ids: readonly string[]): string {
  const shown = ids.slice(0, RUNNING_SHOWN).join(', ');
  const more = ids.length - RUNNING_SHOWN;
  return more > 0 ? `${shown} +${more} more` : shown;
}

function fit(line: string, max: number | undefined): string {
  if (max === undefined || line.length <= max) return line;
  return max <= 1 ? line.slice(0, Math.max(0, max)) : `${line.slice(0, max - 1)}…`;
}
