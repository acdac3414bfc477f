import { useMemo } from 'react';
import type { ApiSchemas, WorkflowEvent } from '@a2a-mcp/api-client';
import type { RunState } from '@a2a-mcp/core-graph';
import { formatMs, jsonText } from './format';
import { taskSpecs } from './plan-specs';

export interface TaskPanelProps {
  taskId: string;
  state: RunState;
  events: WorkflowEvent[];
  onClose(): void;
}

interface TaskHistory {
  errors: { attempt?: number; code: string; message: string; final: boolean }[];
  quality?: ApiSchemas['QualityVerdict'];
  qualityMs?: number;
}

/**
 * One task: what was planned (description, agent, input) and what happened (status, attempts, timings,
 * output, errors, quality verdict). Every value is shown as text, agent output included: React escapes
 * it, so markup in an output is displayed, never run.
 */
export function TaskPanel({ taskId, state, events, onClose }: TaskPanelProps) {
  const spec = useMemo(() => taskSpecs(events).get(taskId), [events, taskId]);
  const history = useMemo(() => historyOf(events, taskId), [events, taskId]);
  const task = state.tasks[taskId];

  if (task === undefined) {
    return (
      <aside className="panel task-panel" data-testid="task-panel">
        <p>No task "{taskId}" in this run.</p>
      </aside>
    );
  }
  return (
    <aside className="panel task-panel" data-testid="task-panel" data-task-id={taskId} aria-label={`Task ${taskId}`}>
      <header className="panel-header">
        <h2 className="task-title">{taskId}</h2>
        <span className={`badge status-${task.status}`} data-testid="task-status">
          {task.status}
        </span>
        <button type="button" className="link" onClick={onClose} aria-label="Close the task panel">
          ✕
        </button>
      </header>
      <p className="task-description" data-testid="task-description">
        {task.description}
      </p>
      <dl className="facts">
        <dt>agent</dt>
        <dd data-testid="task-agent">{task.agent}</dd>
        <dt>attempts</dt>
        <dd data-testid="task-attempts">{task.attempts}</dd>
        <dt>depends on</dt>
        <dd>{task.dependencies.length > 0 ? task.dependencies.join(', ') : '–'}</dd>
        <dt>started</dt>
        <dd>{formatMs(task.startedAtMs)}</dd>
        <dt>finished</dt>
        <dd>{formatMs(task.finishedAtMs)}</dd>
        <dt>duration</dt>
        <dd data-testid="task-duration">{formatMs(task.durationMs)}</dd>
        {task.queueWaitMs !== undefined && (
          <>
            <dt>queued</dt>
            <dd>{formatMs(task.queueWaitMs)}</dd>
          </>
        )}
        {task.servedBy !== undefined && (
          <>
            <dt>served by</dt>
            <dd>{task.servedBy}</dd>
          </>
        )}
        {spec?.estimatedDuration !== undefined && (
          <>
            <dt>estimated</dt>
            <dd>{formatMs(spec.estimatedDuration)}</dd>
          </>
        )}
        {task.progress !== undefined && (
          <>
            <dt>progress</dt>
            <dd>{task.progress} %</dd>
          </>
        )}
      </dl>
      {task.question !== undefined && (
        <p className="question" data-testid="task-question">
          Waiting for an answer: {task.question}
        </p>
      )}
      {task.skipReason !== undefined && <p className="muted">Skipped: {task.skipReason}</p>}
      <QualitySection score={task.qualityScore} history={history} />
      {history.errors.length > 0 && (
        <section>
          <h3>Errors</h3>
          <ul className="errors" data-testid="task-errors">
            {history.errors.map((error, i) => (
              <li key={i} className={error.final ? 'error' : undefined}>
                {error.attempt !== undefined && `attempt ${error.attempt}: `}
                <code>{error.code}</code> {error.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>Input</h3>
        <pre data-testid="task-input">{jsonText(spec?.input ?? {})}</pre>
      </section>
      <section>
        <h3>Output</h3>
        <pre data-testid="task-output">{task.status === 'completed' ? jsonText(task.output) : '–'}</pre>
      </section>
    </aside>
  );
}

function QualitySection({ score, history }: { score?: number; history: TaskHistory }) {
  const verdict = history.quality;
  if (score === undefined && verdict === undefined) return null;
  return (
    <section data-testid="task-quality">
      <h3>Quality</h3>
      <p>
        score <strong>{(verdict?.score ?? score ?? 0).toFixed(2)}</strong>
        {verdict !== undefined && ` · ${verdict.approved ? 'approved' : 'not approved'}`}
        {verdict?.domain !== undefined && ` · ${verdict.domain}`}
        {history.qualityMs !== undefined && ` · scored in ${formatMs(history.qualityMs)}`}
      </p>
      {verdict?.issues !== undefined && verdict.issues.length > 0 && (
        <ul data-testid="task-quality-issues">
          {verdict.issues.map((issue) => (
            <li key={issue}>
              <code>{issue}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The task's retries, failure and quality verdict, which the fold keeps only in part. */
function historyOf(events: readonly WorkflowEvent[], taskId: string): TaskHistory {
  const history: TaskHistory = { errors: [] };
  for (const event of events) {
    if (!('taskId' in event) || event.taskId !== taskId) continue;
    if (event.type === 'task_retry') history.errors.push({ attempt: event.attempt, ...event.error, final: false });
    else if (event.type === 'task_failed') history.errors.push({ attempt: event.attempt, ...event.error, final: true });
    else if (event.type === 'task_complete') {
      history.quality = event.quality;
      history.qualityMs = event.qualityMs;
    }
  }
  return history;
}
