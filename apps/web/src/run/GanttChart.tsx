import { memo, useDeferredValue, useMemo, type MouseEvent } from 'react';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import { formatMs } from './format';
import { axisSpan, buildGanttModel, tickStep, type BarStatus, type GanttBar } from './gantt-model';
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
/** Bars are rendered in chunks of this many, each re-rendered only when one of its bars changed. */
const CHUNK = 200;

/**
 * Tasks on a time line: a bar per task from its first start to its end, on its agent's lane, coloured by
 * how it ended; the level boundaries of a level-by-level run as vertical lines (the barriers hybrid
 * removes); a time axis and the makespan. Drawn in SVG. Bars are placed in data units (ms × row) inside
 * scaled groups, so a growing time axis changes a transform, not thousands of bars.
 */
export function GanttChart({ events, title, width = 960, onSelectTask }: GanttChartProps) {
  // A few times a second, after the urgent parts of a frame: a run streaming thousands of events stays responsive.
  const deferred = useDeferredValue(useThrottled(events, 250));
  const model = useMemo(() => buildGanttModel(deferred), [deferred]);
  const chunksByLane = useMemo(() => {
    const grouped: GanttBar[][] = model.lanes.map(() => []);
    for (const bar of model.bars) grouped[bar.lane].push(bar);
    return grouped.map((bars) => {
      const chunks: { bars: GanttBar[]; signature: string }[] = [];
      for (let i = 0; i < bars.length; i += CHUNK) {
        const slice = bars.slice(i, i + CHUNK);
        chunks.push({ bars: slice, signature: signatureOf(slice) });
      }
      return chunks;
    });
  }, [model]);

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
                    {chunksByLane[i].map((chunk, k) => (
                      <BarChunk key={k} bars={chunk.bars} signature={chunk.signature} tooltip={tooltips} />
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

/** What a chunk shows, as text: equal signatures, equal bars (the model is rebuilt, its objects are new). */
function signatureOf(bars: readonly GanttBar[]): string {
  let text = '';
  for (const bar of bars) text += `${bar.start}/${bar.end}/${bar.status}/${bar.row}/${bar.attempts};`;
  return text;
}

interface BarChunkProps {
  bars: GanttBar[];
  signature: string;
  tooltip: boolean;
}

/** A run of bars in start order. Finished chunks never change, so a 10 000-task chart re-renders a few bars per update. */
const BarChunk = memo(
  function BarChunk({ bars, tooltip }: BarChunkProps) {
    // A group per chunk: the browser keeps the bounds of unchanged groups, so a new bar costs its chunk, not the chart.
    return (
      <g>
        {bars.map((bar) => (
          <Bar key={bar.taskId} taskId={bar.taskId} agent={bar.agent} start={bar.start} end={bar.end} row={bar.row} status={bar.status} attempts={bar.attempts} tooltip={tooltip} />
        ))}
      </g>
    );
  },
  (before, after) => before.signature === after.signature && before.tooltip === after.tooltip,
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
