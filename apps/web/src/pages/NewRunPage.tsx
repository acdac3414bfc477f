import type { ApiSchemas } from '@a2a-mcp/api-client';
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { describeApiError } from '../api/api-error';
import { useApi } from '../api/api-context';
import { runHref } from '../router';
import { EXAMPLES, exampleByFile } from './examples';
import { jsonSpans, lineColumnOf, locatePath, parseJson } from './json-scan';
import { PlanEditor, type PlanEditorHandle } from './new-run/PlanEditor';
import { PlanIssues, type LocatedIssue } from './new-run/PlanIssues';
import { RequestPlanner } from './new-run/RequestPlanner';
import { DEFAULT_RUN_OPTIONS, RunOptions, runOptionsBody, type RunOptionsValue } from './new-run/RunOptions';
import { usePlanCheck, type PlanIssue } from './new-run/use-plan-check';
import { loadPlanDraft, savePlanDraft } from './plan-draft';

const NO_ISSUES: PlanIssue[] = [];
const FIRST_EXAMPLE = exampleByFile('ecommerce-order.json') ?? EXAMPLES[0];

/** Write or pick a plan, see what the host thinks of it as you type, choose how to run it, start it. */
export function NewRunPage(): JSX.Element {
  const { client, readOnly } = useApi();
  const [text, setText] = useState(() => loadPlanDraft() ?? FIRST_EXAMPLE?.text ?? '{\n  "tasks": []\n}\n');
  const [exampleFile, setExampleFile] = useState(() => EXAMPLES.find((example) => example.text === text)?.file ?? '');
  const [options, setOptions] = useState<RunOptionsValue>(DEFAULT_RUN_OPTIONS);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [refused, setRefused] = useState<{ text: string; issues: PlanIssue[] }>();
  const editor = useRef<PlanEditorHandle>(null);

  useEffect(() => savePlanDraft(text), [text]);

  const parsed = useMemo(() => parseJson(text), [text]);
  const syntax = parsed.ok ? undefined : parsed.error;
  const plan = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
  const check = usePlanCheck(text);

  // The host's issues (or those of a refused start, for this same text), each placed in the text.
  const rawIssues = check.state === 'done' ? check.issues : refused?.text === text ? refused.issues : NO_ISSUES;
  const issues = useMemo<LocatedIssue[]>(() => {
    if (rawIssues.length === 0) return [];
    const spans = jsonSpans(text);
    return rawIssues.map((issue) => {
      const span = spans && locatePath(spans, issue.path);
      return span === undefined ? issue : { ...issue, span, line: lineColumnOf(text, span.start).line };
    });
  }, [rawIssues, text]);
  const marked = useMemo(() => {
    const lines = new Set(issues.flatMap((issue) => (issue.line === undefined ? [] : [issue.line])));
    if (syntax !== undefined) lines.add(syntax.line);
    return lines;
  }, [issues, syntax]);

  const edit = (next: string): void => {
    setText(next);
    setStartError(undefined);
  };

  const pickExample = (file: string): void => {
    setExampleFile(file);
    const example = exampleByFile(file);
    if (example !== undefined) edit(example.text);
  };

  const start = async (): Promise<void> => {
    if (plan === undefined) return;
    const extra = runOptionsBody(options);
    if ('error' in extra) {
      setStartError(extra.error);
      return;
    }
    setStarting(true);
    setStartError(undefined);
    try {
      const { data, error, response } = await client.POST('/v1/runs', { body: { plan: plan as ApiSchemas['PlanDto'], ...extra.body } });
      if (data !== undefined) {
        window.location.hash = runHref(data.runId);
        return;
      }
      const listed = issuesOf(error);
      if (listed !== undefined) setRefused({ text, issues: listed });
      setStartError(describeApiError(error, response));
    } catch (error) {
      setStartError(describeApiError(error));
    } finally {
      setStarting(false);
    }
  };

  const knownInvalid = syntax !== undefined || plan === undefined || (check.state === 'done' && !check.valid);
  return (
    <div className="new-run">
      <div className="page-head">
        <h1>New run</h1>
        <p className="muted">Pick an example, paste a plan, or have the planner write one; the host checks it as you type.</p>
      </div>
      <div className="new-run-grid">
        <section className="editor-column">
          <div className="editor-toolbar">
            <label>
              Example
              <select data-testid="example-select" value={exampleFile} onChange={(event) => pickExample(event.target.value)}>
                <option value="">(your own plan)</option>
                {EXAMPLES.map((example) => (
                  <option key={example.file} value={example.file} title={example.description}>
                    {example.file}
                  </option>
                ))}
              </select>
            </label>
            {exampleFile !== '' && <span className="muted example-description">{exampleByFile(exampleFile)?.description}</span>}
          </div>
          <PlanEditor
            ref={editor}
            value={text}
            marked={marked}
            onChange={(next) => {
              setExampleFile('');
              edit(next);
            }}
          />
          <RequestPlanner
            onPlanned={(planned) => {
              setExampleFile('');
              edit(`${JSON.stringify(planned, null, 2)}\n`);
            }}
          />
        </section>
        <aside className="side-column">
          <PlanIssues syntax={syntax} notObject={parsed.ok && plan === undefined} check={check} issues={issues} onShow={(span) => editor.current?.select(span)} />
          <RunOptions value={options} onChange={setOptions} />
          <div className="start">
            <button
              type="button"
              className="primary"
              data-testid="start-run"
              disabled={readOnly || starting || knownInvalid}
              onClick={() => void start()}
              title={readOnly ? 'This key is read-only: starting a run needs the runs:write scope.' : undefined}
            >
              {starting ? 'Starting…' : 'Start run'}
            </button>
            {readOnly && <p className="muted">Read-only key: runs can be watched, not started.</p>}
            {startError !== undefined && (
              <p className="error" role="alert" data-testid="start-error">
                {startError}
              </p>
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plan issues of a 422 INVALID_PLAN answer (its `details`), when it has them. */
function issuesOf(error: unknown): PlanIssue[] | undefined {
  if (!isObject(error) || error.code !== 'INVALID_PLAN' || !Array.isArray(error.details)) return undefined;
  return error.details.filter(
    (issue): issue is PlanIssue => isObject(issue) && typeof issue.code === 'string' && typeof issue.path === 'string' && typeof issue.message === 'string',
  );
}
