import { useCallback, useState, type JSX } from 'react';
import type { RunState } from '@a2a-mcp/core-graph';
import { criticalPathOf } from './critical-path';
import { DagView } from './DagView';
import { EventLog } from './EventLog';
import { formatMs, formatPercent } from './format';
import { GanttChart } from './GanttChart';
import { RunControls } from './RunControls';
import { TaskPanel } from './TaskPanel';
import { useElementWidth } from './use-element-width';
import { useRunEvents } from './use-run-events';
import './run.css';

/** One run, live: status header, controls, the DAG, the selected task, the timeline and the event log. */
export function RunPage({ runId }: { runId: string }): JSX.Element {
  const { events, state, done, error, graphVersion, paused } = useRunEvents(runId);
  const [selected, setSelected] = useState<string>();
  const [ganttBox, ganttWidth] = useElementWidth<HTMLDivElement>(960);
  const select = useCallback((taskId: string) => setSelected(taskId), []);

  return (
    <div className="run-page">
      <RunHeader runId={runId} state={state} events={events.length} started={events.length > 0} done={done} criticalMs={criticalPathOf(events).ms} />
      {error !== undefined && (
        <p className="error banner" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
      <RunControls runId={runId} state={state} done={done} paused={paused} />
      <div className={`run-main${selected !== undefined ? ' with-panel' : ''}`}>
        <DagView state={state} events={events} graphVersion={graphVersion} selected={selected} onSelect={select} />
        {selected !== undefined && <TaskPanel taskId={selected} state={state} events={events} onClose={() => setSelected(undefined)} />}
      </div>
      <section className="panel" aria-label="Timeline">
        <header className="panel-header">
          <h2>Timeline</h2>
        </header>
        <div ref={ganttBox}>
          <GanttChart events={events} width={ganttWidth} onSelectTask={select} />
        </div>
      </section>
      <EventLog events={events} />
    </div>
  );
}

interface RunHeaderProps {
  runId: string;
  state: RunState;
  events: number;
  started: boolean;
  done: boolean;
  criticalMs?: number;
}

function RunHeader({ runId, state, events, started, done, criticalMs }: RunHeaderProps) {
  const status = started ? state.status : 'loading';
  const result = state.result;
  const total = state.order.length;
  return (
    <header className="run-header">
      <div className="run-title">
        <h1>
          Run <code>{runId}</code>
        </h1>
        <span className={`badge status-${status}`} data-testid="run-status" data-status={status} data-done={done ? 'true' : 'false'}>
          {status}
        </span>
      </div>
      <dl className="run-facts">
        <dt>strategy</dt>
        <dd data-testid="run-strategy">{state.strategy ?? '–'}</dd>
        {state.strategyReason !== undefined && (
          <>
            <dt>why</dt>
            <dd className="reason">{state.strategyReason}</dd>
          </>
        )}
        <dt>tasks</dt>
        <dd data-testid="run-progress">
          {state.finishedCount} / {total} done
        </dd>
        <dt>events</dt>
        <dd data-testid="run-events" data-count={events}>
          {events}
        </dd>
        {result !== undefined ? (
          <>
            <dt>makespan</dt>
            <dd data-testid="run-makespan" data-ms={result.makespanMs}>
              {formatMs(result.makespanMs)}
            </dd>
            <dt>critical path</dt>
            <dd>{formatMs(result.criticalPathMs)}</dd>
            <dt>efficiency</dt>
            <dd data-testid="run-efficiency" data-value={result.parallelEfficiency} title="1 − makespan ÷ the sum of task durations">
              {formatPercent(result.parallelEfficiency)}
            </dd>
          </>
        ) : (
          criticalMs !== undefined && (
            <>
              <dt>est. critical path</dt>
              <dd>{formatMs(criticalMs)}</dd>
            </>
          )
        )}
      </dl>
    </header>
  );
}
