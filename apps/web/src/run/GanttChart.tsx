import { memo, useDeferredValue, useMemo, useState, type MouseEvent } from 'react';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import { formatMs } from './format';
import { axisSpan, GANTT_CHUNK, GanttModelBuilder, tickStep, type BarStatus, type GanttBar } from './gantt-model';
import { useThrottled } from './use-throttled';

export interface GanttChartProps {
  events: WorkflowEvent[];
  title?: string;
  /** Width of the chart in px (default 960). */
  width?: number;
  /** Called with a bar's task id when it is clicked. */
  onSelectTask?: (taskId: string) => void;
}

const LABEL_WIDTH = 136;
const RIGHT_PAD = 20;
const TOP = 22;
const AXIS_HEIGHT = 26;
const LANE_GAP = 6;
const TOOLTIPS_MAX = 2_000;
/** A log this long has thousands of bars: the chart follows it once a second. */
const BIG_LOG = 5_000;

/**
 * Tasks on a time line: a bar per task from its first start to its end, on its agent's lane, coloured by
 * how it ended; the level boundaries of a level-by-level run as vertical lines (the barriers hybrid
 * removes); a time axis and the makespan. Drawn in SVG. Bars are placed in data units (ms × row) inside
 * scaled groups, so a growing time axis changes a transform, not thousands of bars.
 */
export function GanttChart({ events, title, width = 960, onSelectTask }: GanttChartProps) {
  // A few times a second (once for a chart of thousands of bars, whose every repaint costs a frame), after the
  // urgent parts of a frame: a run streaming thousands of events stays responsive.
  const deferred = useDeferredValue(useThrottled(events, events.length > BIG_LOG ? 1000 : 250));
  // One builder per chart: each update folds only the events added since the last one.
  const [builder] = useState(() => new GanttModelBuilder());
  const model = useMemo(() => builder.update(deferred), [builder, deferred]);

  // A tooltip per bar doubles the elements: past a few thousand bars the chart goes without.
  const tooltips = model.bars.length <= TOOLTIPS_MAX;
  const plotWidth = Math.max(100, width - LABEL_WIDTH - RIGHT_PAD);
  const span = axisSpan(model);
  const pxPerMs = plotWidth / span;
  const totalRows = model.lanes.reduce((sum, lane) => sum + Math.max(1, lane.rows), 0);
  const rowPx = rowHeight(totalRows);
  const laneTops: number[] = [];
  let plotHeight = 0;
  for (const lane of model.lanes) {
    laneTops.push(plotHeight);
    plotHeight += Math.max(1, lane.rows) * rowPx + LANE_GAP;
  }
  plotHeight = Math.max(plotHeight - LANE_GAP, rowPx);
  const height = TOP + plotHeight + AXIS_HEIGHT;
  const step = tickStep(span, Math.max(2, Math.floor(plotWidth / 110)));
  const ticks: number[] = [];
  for (let t = 0; t <= span + step / 1000; t += step) ticks.push(t);

  const onClick = (event: MouseEvent<SVGSVGElement>): void => {
    const taskId = (event.target as Element).getAttribute('data-task-id');
    if (taskId !== null && onSelectTask !== undefined) onSelectTask(taskId);
  };

  return (
    <figure className="gantt" data-testid="gantt">
      <figcaption>
        {title !== undefined && <strong>{title}</strong>}
        <span data-testid="gantt-makespan" data-ms={model.makespan}>
          {model.finished ? 'makespan' : 'elapsed'} {formatMs(model.makespan)}
        </span>
        <span className="muted">
          {model.bars.length} task{model.bars.length === 1 ? '' : 's'} on {model.lanes.length} agent{model.lanes.length === 1 ? '' : 's'}
          {model.levels.length > 0 && ` · ${model.levels.length} levels`}
        </span>
      </figcaption>
      {model.bars.length === 0 ? (
        <p className="muted">No task has started yet.</p>
      ) : (
        <div className="gantt-scroll">
          <svg width={width} height={height} onClick={onClick} role="img" aria-label={`${title ?? 'Run'} timeline`}>
            <g transform={`translate(${LABEL_WIDTH} ${TOP})`}>
              {ticks.map((t) => (
                <line key={t} className="gantt-grid" x1={t * pxPerMs} x2={t * pxPerMs} y1={0} y2={plotHeight} />
              ))}
              {model.lanes.map((lane, i) => (
                <g key={lane.agent} transform={`translate(0 ${laneTops[i]})`}>
                  <rect className="gantt-lane" x={0} y={0} width={plotWidth} height={Math.max(1, lane.rows) * rowPx} />
                  <g transform={`scale(${pxPerMs} ${rowPx})`}>
                    {lane.versions.map((version, k) => (
                      <BarChunk key={k} lane={lane.bars} chunk={k} version={version} tooltip={tooltips} />
                    ))}
                  </g>
                </g>
              ))}
              {model.levels.map((level) => (
                <g key={`${level.level}@${level.at}`} className="gantt-level-mark">
                  <line data-testid="gantt-level" data-level={level.level} data-at={level.at} className="gantt-level" x1={level.at * pxPerMs} x2={level.at * pxPerMs} y1={-10} y2={plotHeight} />
                  <text x={level.at * pxPerMs + 3} y={-8} className="gantt-level-label">
                    L{level.level}
                  </text>
                </g>
              ))}
              <line className="gantt-axis" x1={0} x2={plotWidth} y1={plotHeight} y2={plotHeight} />
              {ticks.map((t) => (
                <text key={t} x={t * pxPerMs} y={plotHeight + 16} className="gantt-tick" textAnchor="middle">
                  {formatMs(t)}
                </text>
              ))}
            </g>
            {model.lanes.map((lane, i) => (
              <text key={lane.agent} x={LABEL_WIDTH - 8} y={TOP + laneTops[i] + Math.min(Math.max(1, lane.rows) * rowPx, 20) / 2 + 4} className="gantt-agent" textAnchor="end">
                {lane.agent}
              </text>
            ))}
          </svg>
        </div>
      )}
    </figure>
  );
}

/**
 * Row height in px for this many rows: a few fixed steps, so the rows' scale (and with it every bar)
 * changes a few times as a run's concurrency shows, not with each new row.
 */
function rowHeight(rows: number): number {
  for (const [upTo, px] of ROW_STEPS) if (rows <= upTo) return px;
  return 2;
}
const ROW_STEPS: [rows: number, px: number][] = [
  [24, 20],
  [48, 10],
  [96, 5],
  [160, 3],
];

interface BarChunkProps {
  /** The lane's bars (changed in place by the builder); the chunk draws its GANTT_CHUNK of them. */
  lane: GanttBar[];
  chunk: number;
  /** Bumped by the builder when a bar of the chunk changes: the only thing the chunk re-renders on. */
  version: number;
  tooltip: boolean;
}

/** A run of bars in start order. Finished chunks never change, so a 10 000-task chart re-renders a few bars per update. */
const BarChunk = memo(
  function BarChunk({ lane, chunk, tooltip }: BarChunkProps) {
    // A group per chunk: the browser keeps the bounds of unchanged groups, so a new bar costs its chunk, not the chart.
    return (
      <g>
        {lane.slice(chunk * GANTT_CHUNK, (chunk + 1) * GANTT_CHUNK).map((bar) => (
          <Bar key={bar.taskId} taskId={bar.taskId} agent={bar.agent} start={bar.start} end={bar.end} row={bar.row} status={bar.status} attempts={bar.attempts} tooltip={tooltip} />
        ))}
      </g>
    );
  },
  (before, after) => before.version === after.version && before.tooltip === after.tooltip && before.lane === after.lane,
);

interface BarProps {
  taskId: string;
  agent: string;
  start: number;
  end: number;
  row: number;
  status: BarStatus;
  attempts: number;
  tooltip: boolean;
}

function Bar({ taskId, agent, start, end, row, status, attempts, tooltip }: BarProps) {
  return (
    <rect
      data-testid="gantt-bar"
      data-task-id={taskId}
      data-start={start}
      data-end={end}
      data-status={status}
      className={`gantt-bar status-${status}`}
      x={start}
      y={row + 0.12}
      width={end - start}
      height={0.76}
      vectorEffect="non-scaling-stroke"
    >
      {tooltip && <title>{`${taskId} (${agent}) ${status}: ${formatMs(start)} → ${formatMs(end)}${attempts > 1 ? `, ${attempts} attempts` : ''}`}</title>}
    </rect>
  );
}
