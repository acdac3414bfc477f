import { useState, type FormEvent, type JSX } from 'react';
import type { ApiSchemas } from '@a2a-mcp/api-client';
import { describeApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';

/** A request in words; the host's planner turns it into a plan (POST /v1/plans), shown in the editor to review. */
export function RequestPlanner({ onPlanned }: { onPlanned(plan: ApiSchemas['PlanDto']): void }): JSX.Element {
  const { client, readOnly } = useApi();
  const [request, setRequest] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { data, error: failure, response } = await client.POST('/v1/plans', { body: { request: request.trim() } });
      if (data !== undefined) onPlanned(data);
      else setError(describeApiError(failure, response));
    } catch (failure) {
      setError(describeApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="request-planner" onSubmit={(event) => void submit(event)}>
      <label htmlFor="plan-request">…or describe the work</label>
      <div className="row">
        <input
          id="plan-request"
          data-testid="plan-request"
          placeholder="Charge the card for order #1042, reserve the items, then ship and email the customer"
          value={request}
          onChange={(event) => setRequest(event.target.value)}
        />
        <button type="submit" data-testid="plan-request-submit" disabled={busy || readOnly || request.trim() === ''} title={readOnly ? 'Planning needs the runs:write scope' : undefined}>
          {busy ? 'Planning…' : 'Plan it'}
        </button>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
