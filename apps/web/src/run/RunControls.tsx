import { useState, type FormEvent } from 'react';
import type { ApiSchemas } from '@a2a-mcp/api-client';
import type { RunState } from '@a2a-mcp/core-graph';
import { useApi } from '../api/api-context';
import { describeRefusal } from './run-event-feed';

type Outcome = { ok: true } | { ok: false; message: string };

/** Sends one write and says how it went; a 403 switches the console to read-only. */
function useWrite(): { busy: boolean; error?: string; run(send: () => Promise<{ response: Response; error?: unknown }>): Promise<boolean> } {
  const { markReadOnly } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (send: () => Promise<{ response: Response; error?: unknown }>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    let outcome: Outcome;
    try {
      const { response, error: body } = await send();
      if (response.status === 403) markReadOnly();
      outcome = response.ok ? { ok: true } : { ok: false, message: describeRefusal(response, body) };
    } catch (cause) {
      outcome = { ok: false, message: `UNREACHABLE: ${cause instanceof Error ? cause.message : String(cause)}` };
    }
    setBusy(false);
    if (!outcome.ok) setError(outcome.message);
    return outcome.ok;
  };
  return { busy, error, run };
}

/** Cancel the run, answer paused tasks, add a task: only while the run goes on, and never read-only. */
export function RunControls({ runId, state, done, paused }: { runId: string; state: RunState; done: boolean; paused: string[] }) {
  const { readOnly } = useApi();
  if (readOnly || done || state.status !== 'running' || state.lastSeq === 0) return null;
  return (
    <section className="panel controls" aria-label="Run controls">
      <CancelButton runId={runId} />
      {paused.map((taskId) => (
        <AnswerForm key={taskId} runId={runId} taskId={taskId} question={state.tasks[taskId].question ?? ''} />
      ))}
      <AddNodeForm runId={runId} />
    </section>
  );
}

function CancelButton({ runId }: { runId: string }) {
  const { client } = useApi();
  const write = useWrite();
  const cancel = (): void => {
    void write.run(() => client.DELETE('/v1/runs/{id}', { params: { path: { id: runId } } }));
  };
  return (
    <div className="control-row">
      <button type="button" className="danger" data-testid="cancel-run" disabled={write.busy} onClick={cancel}>
        Cancel run
      </button>
      {write.error !== undefined && <span className="error">{write.error}</span>}
    </div>
  );
}

function AnswerForm({ runId, taskId, question }: { runId: string; taskId: string; question: string }) {
  const { client } = useApi();
  const write = useWrite();
  const [answer, setAnswer] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void write.run(() => client.POST('/v1/runs/{id}/input', { params: { path: { id: runId } }, body: { taskId, answer: parseAnswer(answer) } })).then((ok) => {
      if (ok) setAnswer('');
    });
  };
  return (
    <form className="control-row answer" onSubmit={submit} data-testid="answer-form" data-task-id={taskId}>
      <label>
        <span className="question">
          <strong>{taskId}</strong> asks: {question}
        </span>
        <input data-testid="answer-input" value={answer} onChange={(event) => setAnswer(event.target.value)} placeholder="yes / no, or JSON" />
      </label>
      <button type="submit" data-testid="answer-submit" disabled={write.busy || answer.trim() === ''}>
        Answer
      </button>
      {write.error !== undefined && <span className="error">{write.error}</span>}
    </form>
  );
}

/** An answer that reads as a JSON object or array is sent as one; anything else as the text typed. */
function parseAnswer(text: string): ApiSchemas['ResumeRunDto']['answer'] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as ApiSchemas['ResumeRunDto']['answer'];
    } catch {
      return text;
    }
  }
  return text;
}

function AddNodeForm({ runId }: { runId: string }) {
  const { client } = useApi();
  const write = useWrite();
  const [id, setId] = useState('');
  const [agent, setAgent] = useState('simulator');
  const [description, setDescription] = useState('');
  const [dependsOn, setDependsOn] = useState('');
  const [added, setAdded] = useState<string>();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const deps = dependsOn
      .split(/[\s,]+/)
      .map((dep) => dep.trim())
      .filter((dep) => dep !== '');
    const node = { id: id.trim(), agent: agent.trim(), description: description.trim() || id.trim() };
    // dependsOn: the new task (which names no dependencies itself) waits for these.
    const body = deps.length > 0 ? { nodes: [node], dependsOn: deps } : { nodes: [node] };
    void write.run(() => client.POST('/v1/runs/{id}/nodes', { params: { path: { id: runId } }, body })).then((ok) => {
      if (!ok) return;
      setAdded(node.id);
      setId('');
      setDescription('');
      setDependsOn('');
    });
  };

  return (
    <details className="add-node" data-testid="add-node">
      <summary>Add a task</summary>
      <form onSubmit={submit} className="add-node-form">
        <label>
          id <input data-testid="add-node-id" value={id} onChange={(event) => setId(event.target.value)} required />
        </label>
        <label>
          agent <input data-testid="add-node-agent" value={agent} onChange={(event) => setAgent(event.target.value)} required />
        </label>
        <label>
          description <input data-testid="add-node-description" value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <label>
          depends on <input data-testid="add-node-depends" value={dependsOn} onChange={(event) => setDependsOn(event.target.value)} placeholder="ids, comma-separated" />
        </label>
        <button type="submit" data-testid="add-node-submit" disabled={write.busy || id.trim() === '' || agent.trim() === ''}>
          Add
        </button>
        {write.error !== undefined && (
          <span className="error" data-testid="add-node-error">
            {write.error}
          </span>
        )}
        {added !== undefined && write.error === undefined && <span className="muted">added {added}</span>}
      </form>
    </details>
  );
}
