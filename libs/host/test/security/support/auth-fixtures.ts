import { request, waitFor, type JsonResponse } from '../../support/http';
import { examplePlan } from '../../support/plans';
import { readSse } from '../../support/sse-client';

/** API keys of the tests: two tenants with every run scope, a read-only key, an operator over every tenant. */
export const KEYS = {
  acme: 'acme-key-0123456789abcdef',
  globex: 'globex-key-0123456789abcdef',
  acmeReader: 'acme-reader-0123456789abcdef',
  acmeAdmin: 'acme-admin-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
} as const;

/** API_KEYS for the keys above. */
export const API_KEYS = [
  `${KEYS.acme}:acme:runs:read|runs:write|agents:read`,
  `${KEYS.globex}:globex:runs:read|runs:write|agents:read`,
  `${KEYS.acmeReader}:acme:runs:read`,
  `${KEYS.acmeAdmin}:acme:admin`,
  `${KEYS.operator}:*:admin`,
].join(',');

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** A JSON request with `key` as a bearer token (none: no credentials). */
export function call<T = Record<string, unknown>>(method: string, url: string, key?: string, body?: unknown): Promise<JsonResponse<T>> {
  return request<T>(method, url, body, key === undefined ? {} : bearer(key));
}

/** Starts examples/approval-flow.json as `key`'s tenant and waits until its approval task asks (the run then stays live). */
export async function startPausedRun(base: string, key: string): Promise<string> {
  const started = await call<{ runId: string }>('POST', `${base}/v1/runs`, key, { plan: examplePlan('approval-flow') });
  if (started.status !== 202) throw new Error(`run refused: ${started.status} ${started.text}`);
  const { runId } = started.body;
  await waitFor(
    async () => {
      const run = await call<{ tasks: Record<string, { status: string }> }>('GET', `${base}/v1/runs/${runId}`, key);
      return run.body.tasks?.approval?.status === 'paused' ? true : undefined;
    },
    20_000,
    `run ${runId} to pause`,
  );
  return runId;
}

/** The events a stream sends until it ends or `stopAfter` comes (an SSE read with a bearer key). */
export function readEvents(url: string, key: string, stopAfter?: string): ReturnType<typeof readSse> {
  return readSse(url, { headers: bearer(key), stopWhen: stopAfter === undefined ? undefined : (event) => event.event === stopAfter });
}
