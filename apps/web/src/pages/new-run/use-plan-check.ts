import type { ApiSchemas } from '@a2a-mcp/api-client';
import { useEffect, useState } from 'react';
import { describeApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { parseJson } from '../json-scan';
import { useDebounced } from '../use-debounced';

export type PlanIssue = ApiSchemas['PlanIssueDto'];

export type PlanCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; valid: boolean; issues: PlanIssue[]; taskCount?: number; text: string }
  | { state: 'error'; message: string };

const DEBOUNCE_MS = 350;

/**
 * The host's verdict on the plan (POST /v1/plans/validate: the checks POST /v1/runs applies, with this host's
 * agents and limits), asked once typing pauses. Only the answer for the latest text is kept.
 */
export function usePlanCheck(text: string): PlanCheck {
  const { client } = useApi();
  const settled = useDebounced(text, DEBOUNCE_MS);
  const [check, setCheck] = useState<PlanCheck>({ state: 'idle' });

  useEffect(() => {
    const plan = planObjectOf(settled);
    if (plan === undefined) {
      setCheck({ state: 'idle' });
      return;
    }
    const abort = new AbortController();
    setCheck({ state: 'checking' });
    client
      .POST('/v1/plans/validate', { body: { plan }, signal: abort.signal })
      .then(({ data, error, response }) => {
        if (abort.signal.aborted) return;
        if (data !== undefined) setCheck({ state: 'done', valid: data.valid, issues: data.issues, taskCount: data.taskCount, text: settled });
        else setCheck({ state: 'error', message: describeApiError(error, response) });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setCheck({ state: 'error', message: describeApiError(error) });
      });
    return () => abort.abort();
  }, [client, settled]);

  // While the text moves on, the previous verdict is stale.
  if (check.state === 'done' && check.text !== text) return { state: 'checking' };
  return check;
}

/** The text as a JSON object, the only shape a plan can have; undefined otherwise (the page says why). */
export function planObjectOf(text: string): Record<string, unknown> | undefined {
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return undefined;
  return parsed.value as Record<string, unknown>;
}
