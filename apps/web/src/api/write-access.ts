import type { ApiClient, ApiSchemas } from '@a2a-mcp/api-client';

/**
 * Asks the host whether the key may write, without writing anything: POST /v1/plans with an empty body.
 * The host checks the scope (runs:write) before the body, so a read-only key gets 403 FORBIDDEN (which
 * the auth watch turns into read-only mode) and a writing key gets 400 VALIDATION_FAILED; no plan is made.
 */
export async function probeWriteAccess(client: ApiClient, signal: AbortSignal): Promise<void> {
  try {
    await client.POST('/v1/plans', { body: {} as ApiSchemas['CreatePlanDto'], signal });
  } catch {
    // Aborted, or the host is down: the pages show that on their own calls.
  }
}
