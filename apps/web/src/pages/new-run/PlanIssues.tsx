import type { JSX } from 'react';
import type { JsonSyntaxError, Span } from '../json-scan';
import type { PlanCheck, PlanIssue } from './use-plan-check';

export interface LocatedIssue extends PlanIssue {
  span?: Span;
  line?: number;
}

interface PlanIssuesProps {
  syntax?: JsonSyntaxError;
  /** Set when the text is JSON but not an object. */
  notObject: boolean;
  check: PlanCheck;
  issues: LocatedIssue[];
  onShow(span: Span): void;
}

/** What is wrong with the plan, each issue at its path (a click selects it in the editor). */
export function PlanIssues({ syntax, notObject, check, issues, onShow }: PlanIssuesProps): JSX.Element {
  const status = statusOf(syntax, notObject, check);
  return (
    <section className="plan-check" aria-live="polite">
      <p className={`plan-status ${status.state}`} data-testid="plan-status" data-state={status.state}>
        {status.text}
      </p>
      <ul className="issues" data-testid="plan-issues">
        {syntax !== undefined && (
          <li data-testid="plan-issue" data-path="" data-code="INVALID_JSON">
            <button type="button" className="issue" onClick={() => onShow({ start: syntax.offset, end: syntax.offset + 1 })}>
              <span className="where">
                line {syntax.line}, column {syntax.column}
              </span>
              <span className="code">INVALID_JSON</span>
              <span className="message">{syntax.message}</span>
            </button>
          </li>
        )}
        {syntax === undefined &&
          issues.map((issue, index) => (
            <li key={`${issue.path}:${issue.code}:${index}`} data-testid="plan-issue" data-path={issue.path} data-code={issue.code}>
              <button type="button" className="issue" disabled={issue.span === undefined} onClick={() => issue.span && onShow(issue.span)}>
                <span className="where">
                  <code>{issue.path === '' ? '(plan)' : issue.path}</code>
                  {issue.line !== undefined && <span className="line"> line {issue.line}</span>}
                </span>
                <span className="code">{issue.code}</span>
                <span className="message">{issue.message}</span>
              </button>
            </li>
          ))}
      </ul>
    </section>
  );
}

function statusOf(syntax: JsonSyntaxError | undefined, notObject: boolean, check: PlanCheck): { state: string; text: string } {
  if (syntax !== undefined) return { state: 'syntax', text: 'Not valid JSON yet.' };
  if (notObject) return { state: 'invalid', text: 'A plan is a JSON object with a "tasks" array.' };
  switch (check.state) {
    case 'idle':
    case 'checking':
      return { state: 'checking', text: 'Checking with the host…' };
    case 'error':
      return { state: 'error', text: `Could not check the plan: ${check.message}` };
    case 'done':
      if (check.valid) return { state: 'valid', text: `Valid: ${check.taskCount ?? '?'} task${check.taskCount === 1 ? '' : 's'}, ready to run on this host.` };
      return { state: 'invalid', text: `${check.issues.length} issue${check.issues.length === 1 ? '' : 's'}: POST /v1/runs would refuse this plan.` };
  }
}
