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
  /** Position among the lane's bars (start order). */
  slot: number;
}

export interface GanttLane {
  agent: string;
  rows: number;
  /** The lane's bars in start order. */
  bars: GanttBar[];
  /** Per chunk of GANTT_CHUNK bars: bumped whenever one of its bars changes (what a chunk re-renders on). */
  versions: number[];
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

/** Bars per chunk: the unit the chart re-renders. */
export const GANTT_CHUNK = 200;

interface LaneRows {
  /** Per row: when its last bar ended; Infinity while that bar runs. */
  freeAt: number[];
}

type Summaries = Extract<WorkflowEvent, { type: 'workflow_complete' }>['result']['tasks'];

/**
 * The Gantt chart's content, from the events alone (the Compare page has no RunState): bars from
 * task_start to task_complete / task_failed / task_cancelled, packed first-fit into rows of their agent's
 * lane, and the level boundaries of level-by-level strategies. A row is chosen when the task starts, from
 * bars that ended before: a later event never moves an earlier bar.
 *
 * Incremental: `update` with the same log grown by new events folds only the new ones (a 10 000-task
 * run has tens of thousands), and bumps the version of each chunk of bars that changed.
 */
export class GanttModelBuilder {
  private first: WorkflowEvent | undefined;
  private seen = 0;
  private bars: GanttBar[] = [];
  private byTask = new Map<string, GanttBar>();
  private lanes: GanttLane[] = [];
  private laneIndex = new Map<string, number>();
  private rows: LaneRows[] = [];
  private levels: GanttLevel[] = [];
  private running = new Set<GanttBar>();
  private now = 0;
  private makespan: number | undefined;

  update(events: readonly WorkflowEvent[]): GanttModel {
    if (events.length < this.seen || (this.seen > 0 && events[0] !== this.first)) this.reset();
    this.first = events[0];
    for (let i = this.seen; i < events.length; i++) this.apply(events[i]);
    this.seen = events.length;
    for (const bar of this.running) {
      const end = Math.max(bar.start, this.now);
      if (bar.end !== end) {
        bar.end = end;
        this.touch(bar);
      }
    }
    return { bars: this.bars, lanes: this.lanes, levels: this.levels, makespan: this.makespan ?? this.now, finished: this.makespan !== undefined };
  }

  private reset(): void {
    this.seen = 0;
    this.bars = [];
    this.byTask = new Map();
    this.lanes = [];
    this.laneIndex = new Map();
    this.rows = [];
    this.levels = [];
    this.running = new Set();
    this.now = 0;
    this.makespan = undefined;
  }

  private apply(event: WorkflowEvent): void {
    this.now = Math.max(this.now, event.at);
    switch (event.type) {
      case 'task_start': {
        const bar = this.byTask.get(event.taskId);
        if (bar === undefined) {
          this.running.add(this.add(event.taskId, event.agent, event.at, event.attempt));
        } else {
          // A retry: the bar spans every attempt, as the run's own durationMs does.
          bar.status = 'running';
          bar.attempts = event.attempt;
          this.rows[bar.lane].freeAt[bar.row] = Infinity;
          this.running.add(bar);
          this.touch(bar);
        }
        break;
      }
      case 'task_paused':
      case 'task_resumed': {
        const bar = this.byTask.get(event.taskId);
        if (bar !== undefined && this.running.has(bar)) {
          bar.status = event.type === 'task_paused' ? 'paused' : 'running';
          this.touch(bar);
        }
        break;
      }
      case 'task_complete':
      case 'task_failed':
      case 'task_cancelled': {
        const bar = this.byTask.get(event.taskId);
        if (bar !== undefined && this.running.has(bar)) {
          this.end(bar, event.at, event.type === 'task_complete' ? 'completed' : event.type === 'task_failed' ? 'failed' : 'cancelled');
        }
        break;
      }
      case 'level_start':
        this.levels.push({ level: event.level, at: event.at, concurrent: event.concurrent });
        break;
      case 'level_complete': {
        const level = this.levels.find((candidate) => candidate.level === event.level && candidate.end === undefined);
        if (level !== undefined) level.end = event.at;
        break;
      }
      case 'workflow_complete':
        this.makespan = event.result.makespanMs;
        this.addSummaryBars(event.result.tasks);
        break;
      default:
        break;
    }
  }

  private add(taskId: string, agent: string, start: number, attempts: number): GanttBar {
    let lane = this.laneIndex.get(agent);
    if (lane === undefined) {
      lane = this.lanes.length;
      this.laneIndex.set(agent, lane);
      this.lanes.push({ agent, rows: 0, bars: [], versions: [] });
      this.rows.push({ freeAt: [] });
    }
    const freeAt = this.rows[lane].freeAt;
    let row = freeAt.findIndex((free) => free <= start);
    if (row < 0) {
      row = freeAt.length;
      freeAt.push(Infinity);
      this.lanes[lane].rows = freeAt.length;
    } else freeAt[row] = Infinity;
    const laneBars = this.lanes[lane].bars;
    const bar: GanttBar = { taskId, agent, start, end: start, status: 'running', attempts, lane, row, slot: laneBars.length };
    laneBars.push(bar);
    this.bars.push(bar);
    this.byTask.set(taskId, bar);
    this.touch(bar);
    return bar;
  }

  private end(bar: GanttBar, at: number, status: BarStatus): void {
    bar.end = Math.max(bar.start, at);
    bar.status = status;
    this.rows[bar.lane].freeAt[bar.row] = bar.end;
    this.running.delete(bar);
    this.touch(bar);
  }

  private touch(bar: GanttBar): void {
    const versions = this.lanes[bar.lane].versions;
    const chunk = Math.floor(bar.slot / GANTT_CHUNK);
    while (versions.length <= chunk) versions.push(0);
    versions[chunk]++;
  }

  /** A log kept as its summary (start, plan, result) has no task events: the result's times stand in. */
  private addSummaryBars(tasks: Summaries): void {
    const missing = Object.entries(tasks)
      .filter(([id, task]) => !this.byTask.has(id) && task.startedAtMs !== undefined && task.finishedAtMs !== undefined)
      .sort(([, a], [, b]) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0));
    for (const [taskId, task] of missing) {
      const bar = this.add(taskId, task.agent, task.startedAtMs ?? 0, task.attempts);
      this.end(bar, task.finishedAtMs ?? bar.start, task.status === 'completed' ? 'completed' : task.status === 'failed' ? 'failed' : 'cancelled');
    }
  }
}

/** The model of a whole log at once. */
export function buildGanttModel(events: readonly WorkflowEvent[]): GanttModel {
  return new GanttModelBuilder().update(events);
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
