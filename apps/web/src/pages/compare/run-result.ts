import type { ApiClient, RunResult } from '@a2a-mcp/api-client';
import { describeApiError } from '../../api/api-error';

const ATTEMPTS = 20;
const PAUSE_MS = 250;

/**
 * The result of a run whose stream has ended. The store may record the result a moment after the last
 * event went out, so a run still without one is asked again, a few times.
 */
export async function fetchRunResult(client: ApiClient, runId: string, signal: AbortSignal): Promise<RunResult> {
  for (let attempt = 1; ; attempt++) {
    const { data, error, response } = await client.GET('/v1/runs/{id}', { params: { path: { id: runId } }, signal });
    if (data === undefined) throw new Error(describeApiError(error, response));
    if (data.result !== undefined) return data.result;
    if (attempt >= ATTEMPTS) throw new Error(`run ${runId} has ended but has no result yet (status ${data.status})`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    if (signal.aborted) throw new Error('aborted');
  }
}
