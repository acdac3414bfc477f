import type { RunResult } from '@a2a-mcp/core-graph';

/** The run id as the CLI prints it; `watch`, `runs get` and `runs cancel` take it back (a unique prefix). */
export function shortRunId(runId: string): string {
  return runId.slice(0, 8);
}

/** e.g. `Run 1a2b3c4d partial: 3/5 tasks completed, 1 failed, 1 skipped`. */
export function renderHeadline(result: RunResult): string {
  const total = Object.keys(result.tasks).length;
  const counts = [`${result.successful.length}/${total} tasks completed`];
  if (result.failed.length > 0) counts.push(`${result.failed.length} failed`);
  if (result.skipped.length > 0) counts.push(`${result.skipped.length} skipped`);
  if (result.cancelled.length > 0) counts.push(`${result.cancelled.length} cancelled`);
  return `Run ${shortRunId(result.runId)} ${result.status}: ${counts.join(', ')}`;
}

/** e.g. `strategy hybrid · makespan 101 ms · critical path payment → shipping (100 ms) · …`. */
export function renderSummaryLine(result: RunResult): string {
  const path = result.criticalPath.length > 0 ? `${result.criticalPath.join(' → ')} (${ms(result.criticalPathMs)})` : 'none';
  return [
    `strategy ${result.strategy}${result.strategyReason.startsWith('auto:') ? ` (${result.strategyReason.slice(6)})` : ''}`,
    `makespan ${ms(result.makespanMs)}`,
    `critical path ${path}`,
    `total task time ${ms(result.totalTaskMs)}`,
    `parallel efficiency ${Math.round(result.parallelEfficiency * 100)}%`,
  ].join(' · ');
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
