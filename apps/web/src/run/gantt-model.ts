import type { WorkflowEvent } from '@a2a-mcp/api-client';

export type BarStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

/** One task's time on an agent: first start to end, in ms since the run started. */
export interface GanttBar {
  taskId: string;
  agent: string;
  start: number;
  /** The end, or the latest event's time while the task still runs. */
  end: number;
  status: BarStatus;
  attempts: number;
  /** Index of the agent's lane, and the row within it (tasks of one agent that overlap get rows of their own). */
  lane: number;
  row: number;
}

export interface GanttLane {
  agent: string;
  rows: number;
}

export interface GanttLevel {
  level: number;
  at: number;
  end?: number;
  concurrent: boolean;
}

export interface GanttModel {
  /** In the order the tasks first started. */
  bars: GanttBar[];
  lanes: GanttLane[];
  levels: GanttLevel[];
  /** The result's makespan once the run ended, else the latest event's time. */
  makespan: number;
  finished: boolean;
}

interface LaneRows {
  index: number;
  /** Per row: when its last bar ended; Infinity while that bar runs. */
  freeAt: number[];
}

/**
 * The Gantt chart's content, from the events alone (the Compare page has no RunState): bars from
 * task_start to task_complete / task_failed / task_cancelled, packed first-fit into rows of their agent's
 * lane, and the level boundaries of level-by-level strategies. A row is chosen when the task starts, from
 * bars that ended before: a later event never moves an earlier bar.
 */
export function buildGanttModel(events: readonly WorkflowEvent[]): GanttModel {
  const bars: GanttBar[] = [];
  const byTask = new Map<string, GanttBar>();
  const lanes: GanttLane[] = [];
  const laneRows = new Map<string, LaneRows>();
  const levels: GanttLevel[] = [];
  let now = 0;
  let makespan: number | undefined;

  const place = (agent: string, at: number): { lane: number; row: number } => {
    let rows = laneRows.get(agent);
    if (rows === undefined) {
      rows = { index: lanes.length, freeAt: [] };
      laneRows.set(agent, rows);
      lanes.push({ agent, rows: 0 });
    }
    let row = rows.freeAt.findIndex((freeAt) => freeAt <= at);
    if (row < 0) {
      row = rows.freeAt.length;
      rows.freeAt.push(Infinity);
      lanes[rows.index].rows = rows.freeAt.length;
    } else rows.freeAt[row] = Infinity;
    return { lane: rows.index, row };
  };
  const end = (bar: GanttBar, at: number, status: BarStatus): void => {
    bar.end = Math.max(bar.start, at);
    bar.status = status;
    const rows = laneRows.get(bar.agent);
    if (rows !== undefined) rows.freeAt[bar.row] = bar.end;
  };

  for (const event of events) {
    now = Math.max(now, event.at);
    switch (event.type) {
      case 'task_start': {
        const bar = byTask.get(event.taskId);
        if (bar !== undefined) {
          // A retry: the bar spans every attempt, as the run's own durationMs does.
          bar.status = 'running';
          bar.attempts = event.attempt;
          const rows = laneRows.get(bar.agent);
          if (rows !== undefined) rows.freeAt[bar.row] = Infinity;
          break;
        }
        const created: GanttBar = { taskId: event.taskId, agent: event.agent, start: event.at, end: event.at, status: 'running', attempts: event.attempt, ...place(event.agent, event.at) };
        bars.push(created);
        byTask.set(event.taskId, created);
        break;
      }
      case 'task_paused':
      case 'task_resumed': {
        const bar = byTask.get(event.taskId);
        if (bar !== undefined) bar.status = event.type === 'task_paused' ? 'paused' : 'running';
        break;
      }
      case 'task_complete':
      case 'task_failed':
      case 'task_cancelled': {
        const bar = byTask.get(event.taskId);
        const status = event.type === 'task_complete' ? 'completed' : event.type === 'task_failed' ? 'failed' : 'cancelled';
        if (bar !== undefined && (bar.status === 'running' || bar.status === 'paused')) end(bar, event.at, status);
        break;
      }
      case 'level_start':
        levels.push({ level: event.level, at: event.at, concurrent: event.concurrent });
        break;
      case 'level_complete': {
        const level = levels.find((candidate) => candidate.level === event.level && candidate.end === undefined);
        if (level !== undefined) level.end = event.at;
        break;
      }
      case 'workflow_complete':
        makespan = event.result.makespanMs;
        addSummaryBars(event.result.tasks, byTask, bars, place, end);
        break;
      default:
        break;
    }
  }
  for (const bar of bars) if (bar.status === 'running' || bar.status === 'paused') bar.end = Math.max(bar.start, now);
  return { bars, lanes, levels, makespan: makespan ?? now, finished: makespan !== undefined };
}

type Summaries = Extract<WorkflowEvent, { type: 'workflow_complete' }>['result']['tasks'];

/** A log kept as its summary (start, plan, result) has no task events: the result's times stand in. */
function addSummaryBars(
  tasks: Summaries,
  byTask: Map<string, GanttBar>,
  bars: GanttBar[],
  place: (agent: string, at: number) => { lane: number; row: number },
  end: (bar: GanttBar, at: number, status: BarStatus) => void,
): void {
  const missing = Object.entries(tasks)
    .filter(([id, task]) => !byTask.has(id) && task.startedAtMs !== undefined && task.finishedAtMs !== undefined)
    .sort(([, a], [, b]) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0));
  for (const [taskId, task] of missing) {
    const start = task.startedAtMs ?? 0;
    const bar: GanttBar = { taskId, agent: task.agent, start, end: start, status: 'running', attempts: task.attempts, ...place(task.agent, start) };
    end(bar, task.finishedAtMs ?? start, task.status === 'completed' ? 'completed' : task.status === 'failed' ? 'failed' : 'cancelled');
    bars.push(bar);
    byTask.set(taskId, bar);
  }
}

/** A round step for about `count` ticks over `span` ms: 1, 2 or 5 times a power of ten. */
export function tickStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * The time axis's span: the makespan once the run has ended; while it runs, the elapsed time rounded
 * up to the next 1, 2 or 5 times a power of ten, so the scale changes a few times a run rather than
 * on every update (a change of scale moves every bar on screen).
 */
export function axisSpan(model: Pick<GanttModel, 'makespan' | 'finished'>): number {
  if (model.finished) return Math.max(model.makespan, 1);
  const elapsed = Math.max(model.makespan, 1);
  const power = 10 ** Math.floor(Math.log10(elapsed));
  for (const step of [1, 2, 5, 10]) if (step * power >= elapsed) return step * power;
  return 10 * power;
}
