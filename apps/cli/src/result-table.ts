import type { RunResult } from '@a2a-mcp/core-graph';
import type { RunTaskView } from './remote/orchestrator-client';
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

/** What a task's row shows: a run result's task line, or a host's view of a task (status as sent). */
export type TaskRowFields = RunTaskView;

/** The per-task table, one row per task in plan order. */
export function renderResultTable(result: RunResult, width?: number): string {
  return renderTaskTable(result.tasks, width).join('\n');
}

/** The per-task table's lines, for any map of task id → task fields. */
export function renderTaskTable(tasks: Readonly<Record<string, TaskRowFields>>, width?: number): string[] {
  return renderTable(COLUMNS, Object.entries(tasks).map(([id, task]) => rowOf(id, task)), width);
}

function rowOf(id: string, task: TaskRowFields): string[] {
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
