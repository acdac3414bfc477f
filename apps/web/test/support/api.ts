import { createApiClient, type ApiClient, type ApiSchemas } from '@a2a-mcp/api-client';
import { exampleText } from './console';

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

/** Starts a run through the API and returns its id (throws with the API's error). */
export async function startRun(api: ApiClient, plan: Plan, strategy?: 'sequential' | 'parallel' | 'hybrid'): Promise<string> {
  const { data, error } = await api.POST('/v1/runs', { body: { plan, ...(strategy === undefined ? {} : { strategy }) } });
  if (data === undefined) throw new Error(`POST /v1/runs: ${JSON.stringify(error)}`);
  return data.runId;
}

/** Polls GET /v1/runs/{id} until `done` holds for its details (real runs: no clock involved, just retries). */
export async function waitForRun(api: ApiClient, runId: string, done: (details: ApiSchemas['RunDetailsDto']) => boolean): Promise<ApiSchemas['RunDetailsDto']> {
  for (;;) {
    const { data, error } = await api.GET('/v1/runs/{id}', { params: { path: { id: runId } } });
    if (data === undefined) throw new Error(`GET /v1/runs/${runId}: ${JSON.stringify(error)}`);
    if (done(data)) return data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
