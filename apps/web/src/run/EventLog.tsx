import { useDeferredValue, useLayoutEffect, useRef } from 'react';
import type { WorkflowEvent } from '@a2a-mcp/api-client';

/** At most this many rows are drawn: a 10 000-task run sends tens of thousands of events. */
export const EVENT_LOG_LIMIT = 500;

/** The run's events, newest last; the last EVENT_LOG_LIMIT of them, and it says so. Follows the end while scrolled there. */
export function EventLog({ events }: { events: WorkflowEvent[] }) {
  const deferred = useDeferredValue(events);
  const shown = deferred.length > EVENT_LOG_LIMIT ? deferred.slice(-EVENT_LOG_LIMIT) : deferred;
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = box.current;
    if (element !== null && following.current) element.scrollTop = element.scrollHeight;
  }, [shown]);

  const onScroll = (): void => {
    const element = box.current;
    if (element !== null) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };

  return (
    <section className="panel" aria-label="Event log">
      <header className="panel-header">
        <h2>Events</h2>
        <span className="muted" data-testid="event-count" data-count={deferred.length}>
          {deferred.length > EVENT_LOG_LIMIT ? `the last ${EVENT_LOG_LIMIT} of ${deferred.length} events` : `${deferred.length} events`}
        </span>
      </header>
      <div className="event-log" data-testid="event-log" ref={box} onScroll={onScroll}>
        <table>
          <thead>
            <tr>
              <th className="num">seq</th>
              <th className="num">at (ms)</th>
              <th>type</th>
              <th>task</th>
              <th>detail</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((event) => (
              <tr key={event.seq} data-testid="event-row" data-seq={event.seq} className={`event-${event.type}`}>
                <td className="num">{event.seq}</td>
                <td className="num">{event.at.toFixed(1)}</td>
                <td>{event.type}</td>
                <td>{'taskId' in event ? event.taskId : ''}</td>
                <td className="detail">{detailOf(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
