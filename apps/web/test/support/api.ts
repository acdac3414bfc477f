import { createApiClient, readRunEvents, type ApiClient, type ApiSchemas, type CreateRunBody, type RunDetails, type WorkflowEvent } from '@a2a-mcp/api-client';
import { exampleText } from './console';

// The tests call the host directly too (Node's fetch, the typed client): the page is checked against the API.

export type Plan = ApiSchemas['PlanDto'];

export function apiFor(url: string, apiKey?: string): ApiClient {
  return createApiClient({ baseUrl: url, apiKey });
}

export function examplePlan(file: string): Plan {
  return JSON.parse(exampleText(file)) as Plan;
}

/** A one-task plan on the simulator. */
export function simulatorPlan(id: string, input: Record<string, unknown>): Plan {
  return { tasks: [{ id, description: `simulated ${id}`, agent: 'simulator', dependencies: [], maxRetries: 0, input }] } as Plan;
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

/** Starts a run through the API and returns its id (throws with the API's error). */
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

/** Polls GET /v1/runs/{id} until `done` holds for its details (real runs: no clock involved, just retries). */
export async function waitForRun(api: ApiClient, runId: string, done: (details: RunDetails) => boolean): Promise<RunDetails> {
  for (;;) {
    const details = await runDetails(api, runId);
    if (done(details)) return details;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
