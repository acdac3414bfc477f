import { createApiClient, readRunEvents, type ApiClient, type CreateRunBody, type RunDetails, type WorkflowEvent } from '@a2a-mcp/api-client';

/** The Run page's tests call the host directly too (Node's fetch, the typed client): the page is checked against the API. */
export function apiOf(url: string): ApiClient {
  return createApiClient({ baseUrl: url });
}

export async function startRun(api: ApiClient, body: CreateRunBody): Promise<string> {
  const { data, error, response } = await api.POST('/v1/runs', { body });
  if (data === undefined) throw new Error(`POST /v1/runs answered ${response.status}: ${JSON.stringify(error)}`);
  return data.runId;
}

export async function runDetails(api: ApiClient, runId: string): Promise<RunDetails> {
  const { data, error, response } = await api.GET('/v1/runs/{id}', { params: { path: { id: runId } } });
  if (data === undefined) throw new Error(`GET /v1/runs/${runId} answered ${response.status}: ${JSON.stringify(error)}`);
  return data;
}

/** Every event of a finished run, read from its stream to the end. */
export async function allEvents(api: ApiClient, runId: string): Promise<WorkflowEvent[]> {
  const { response } = await api.GET('/v1/runs/{id}/events', { params: { path: { id: runId } }, parseAs: 'stream' });
  if (!response.ok || response.body === null) throw new Error(`GET /v1/runs/${runId}/events answered ${response.status}`);
  const events: WorkflowEvent[] = [];
  for await (const event of readRunEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
    events.push(event);
    if (event.type === 'workflow_complete') break;
  }
  return events;
}

/** A plan of simulator tasks: a chain of `count` tasks of `durationMs` each. */
export function simulatorChain(count: number, durationMs: number): CreateRunBody['plan'] {
  return {
    tasks: Array.from({ length: count }, (_, i) => ({
      id: `step${i + 1}`,
      description: `step ${i + 1} of ${count}`,
      agent: 'simulator',
      dependencies: i === 0 ? [] : [`step${i}`],
      input: { durationMs },
    })),
  };
}
