import type { RunResult, TaskSummary } from '@a2a-mcp/core-graph';
import { renderTable, type TableColumn } from './text-table';

const COLUMNS: readonly TableColumn[] = [
  { header: 'TASK' },
  { header: 'STATUS' },
  { header: 'AGENT' },
  { header: 'ATTEMPTS', align: 'right' },
  { header: 'MS', align: 'right' },
  { header: 'QUALITY', align: 'right' },
  { header: 'ERROR' },
];

/** The per-task table, one row per task in plan order. */
export function renderResultTable(result: RunResult, width?: number): string {
  const rows = Object.entries(result.tasks).map(([id, task]) => rowOf(id, task));
  return renderTable(COLUMNS, rows, width).join('\n');
}

function rowOf(id: string, task: TaskSummary): string[] {
  return [
    id,
    task.status,
    task.agent,
    String(task.attempts),
    task.durationMs === undefined ? '-' : String(Math.round(task.durationMs)),
    task.qualityScore === undefined ? '-' : task.qualityScore.toFixed(2),
    task.error === undefined ? '' : `${task.error.code}: ${task.error.message}`,
  ];
}
