import { useDeferredValue, useState, type UIEvent } from 'react';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import { useThrottled } from './use-throttled';

/** The log keeps this many events: a 10 000-task run sends tens of thousands. */
export const EVENT_LOG_LIMIT = 500;
const ROW_HEIGHT = 20;
const VIEW_HEIGHT = 280;
/** Rows drawn beyond the visible ones, on each side. */
const OVERSCAN = 10;

/**
 * The run's events, newest last: the last EVENT_LOG_LIMIT of them, and it says so. Virtualised: only the
 * rows in view are in the page. The scroller is bottom-anchored (column-reverse), so it follows the end
 * while scrolled there without writing scroll positions or reading the layout on every update.
 */
export function EventLog({ events }: { events: WorkflowEvent[] }) {
  const deferred = useDeferredValue(useThrottled(events, 200));
  const kept = deferred.length > EVENT_LOG_LIMIT ? deferred.slice(-EVENT_LOG_LIMIT) : deferred;
  // How far the view is above the end, in px (column-reverse: scrollTop is 0 at the end, negative above).
  const [fromEnd, setFromEnd] = useState(0);
  const onScroll = (event: UIEvent<HTMLDivElement>): void => setFromEnd(Math.max(0, -event.currentTarget.scrollTop));

  const total = kept.length * ROW_HEIGHT;
  const first = Math.max(0, Math.floor((total - fromEnd - VIEW_HEIGHT) / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(kept.length, Math.ceil((total - fromEnd) / ROW_HEIGHT) + OVERSCAN);

  return (
    <section className="panel" aria-label="Event log">
      <header className="panel-header">
        <h2>Events</h2>
        <span className="muted" data-testid="event-count" data-count={deferred.length}>
          {deferred.length > EVENT_LOG_LIMIT ? `the last ${EVENT_LOG_LIMIT} of ${deferred.length} events` : `${deferred.length} events`}
        </span>
      </header>
      <div className="event-log" data-testid="event-log" role="table" aria-label="Events">
        <div className="event-row-cells event-head" role="row">
          <span className="num" role="columnheader">seq</span>
          <span className="num" role="columnheader">at (ms)</span>
          <span role="columnheader">type</span>
          <span role="columnheader">task</span>
          <span role="columnheader">detail</span>
        </div>
        <div className="event-scroll" style={{ height: VIEW_HEIGHT }} onScroll={onScroll}>
          <div className="event-rows" style={{ height: total }}>
            {kept.slice(first, last).map((event, k) => (
              <div
                key={event.seq}
                role="row"
                data-testid="event-row"
                data-seq={event.seq}
                className={`event-row-cells event-${event.type}`}
                style={{ top: (first + k) * ROW_HEIGHT }}
              >
                <span className="num">{event.seq}</span>
                <span className="num">{event.at.toFixed(1)}</span>
                <span>{event.type}</span>
                <span>{'taskId' in event ? event.taskId : ''}</span>
                <span className="detail">{detailOf(event)}</span>
              </div>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}

/** A few words on what the event says beyond its type (plain text: React escapes it). */
function detailOf(event: WorkflowEvent): string {
  switch (event.type) {
    case 'workflow_start':
      return `${event.tasks.length} tasks, ${event.strategy}`;
    case 'plan_ready':
      return `${event.strategy}: ${event.reason}`;
    case 'planning':
      return event.message;
    case 'level_start':
      return `level ${event.level}: ${event.taskIds.length} task(s)${event.concurrent ? ', concurrent' : ''}`;
    case 'level_complete':
      return `level ${event.level} in ${Math.round(event.durationMs)} ms`;
    case 'task_start':
      return `${event.agent}, attempt ${event.attempt}`;
    case 'task_complete':
      return `${Math.round(event.durationMs)} ms${event.qualityScore !== undefined ? `, quality ${event.qualityScore.toFixed(2)}` : ''}`;
    case 'task_failed':
    case 'task_retry':
      return `${event.error.code}: ${event.error.message}`;
    case 'task_paused':
      return event.question;
    case 'task_progress':
      return `${event.pct} %${event.message !== undefined ? ` ${event.message}` : ''}`;
    case 'task_skipped':
      return event.reason;
    case 'task_cancelled':
      return event.reason ?? '';
    case 'graph_modified':
      return `+${event.addedNodes.length} task(s), +${event.addedEdges.length} edge(s)`;
    case 'workflow_complete':
      return `${event.result.status} in ${Math.round(event.result.makespanMs)} ms`;
    default:
      return '';
  }
}
