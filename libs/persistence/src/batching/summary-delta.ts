import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { StoredRunStatus } from '../run-store';

/** What one batch of a run's events changes in its record's summary columns. */
export interface SummaryDelta {
  /** The status after the batch, when an event of it set one. */
  status: StoredRunStatus | undefined;
  lastSeq: number;
  addedTasks: number;
  successful: number;
  failed: number;
  skipped: number;
  /** The batch holds `workflow_complete`. */
  finished: boolean;
}

/** Folds a run's batch of events into the change of its summary (one pass, no allocation per event). */
export function summaryDelta(events: readonly WorkflowEvent[]): SummaryDelta {
  const delta: SummaryDelta = { status: undefined, lastSeq: -1, addedTasks: 0, successful: 0, failed: 0, skipped: 0, finished: false };
  for (const event of events) {
    delta.lastSeq = event.seq;
    switch (event.type) {
      case 'workflow_start':
        delta.status = 'running';
        delta.addedTasks += event.tasks.length;
        break;
      case 'graph_modified':
        delta.addedTasks += event.addedNodes.length;
        break;
      // The record says `paused` from the first paused task until a task starts or resumes: a cheap
      // hint for lists; the exact state is the folded log.
      case 'task_paused':
        delta.status = 'paused';
        break;
      case 'task_resumed':
      case 'task_start':
        delta.status = 'running';
        break;
      case 'task_complete':
        delta.successful++;
        break;
      case 'task_failed':
        delta.failed++;
        break;
      case 'task_skipped':
        delta.skipped++;
        break;
      case 'workflow_complete':
        delta.status = event.result.status;
        delta.finished = true;
        break;
      default:
        break;
    }
  }
  return delta;
}
