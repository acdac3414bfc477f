import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { rawPost, waitFor } from '../support/http';
import { examplePlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { StreamAdmission } from '../../src/http/sse/stream-admission';
import { textOf } from '../mcp/mcp-client';
import { API_KEYS, KEYS, bearer, call, startPausedRun } from './support/auth-fixtures';

jest.setTimeout(60_000);

/** An event stream held open: admitted once its first event arrived; `close` hangs up. */
interface OpenStream {
  status: number;
  body: string;
  close(): void;
}

async function openStream(url: string, init: RequestInit = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, headers: { accept: 'text/event-stream', ...(init.headers as Record<string, string>) }, signal: controller.signal });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return { status: response.status, body: await response.text(), close: () => undefined };
  }
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('event: ')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  return { status: response.status, body: text, close: () => controller.abort() };
}

describe('RATE_LIMIT_RUNS_PER_MINUTE: run starts per tenant per minute, over every way to start one', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS, RATE_LIMIT_RUNS_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  const plan = () => ({ plan: examplePlan('ecommerce-order') });

  it('the start past the limit is 429 RATE_LIMITED with Retry-After, in the API error shape; reads go on', async () => {
    for (let i = 0; i < 3; i++) expect((await call('POST', `${t.url}/v1/runs`, KEYS.acme, plan())).status).toBe(202);
    const refused = await call('POST', `${t.url}/v1/runs`, KEYS.acme, plan());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringContaining('RATE_LIMIT_RUNS_PER_MINUTE') });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Every way to start counts against the same minute.
    expect((await rawPost(`${t.url}/v1/runs/stream`, JSON.stringify(plan()), { 'content-type': 'application/json', ...bearer(KEYS.acme) })).status).toBe(429);
    const a2a = await rawPost<{ error?: { data?: { code: string } } }>(
      `${t.url}/a2a`,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ data: examplePlan('ecommerce-order') }] } } }),
      { 'content-type': 'application/json', 'A2A-Version': '1.0', ...bearer(KEYS.acme) },
    );
    expect(a2a.status).toBe(429);
    expect(a2a.headers.get('retry-after')).not.toBeNull();
    expect(a2a.body.error?.data).toEqual({ code: 'RATE_LIMITED' });
    const mcp = new Client({ name: 'a2a-mcp-limit-test', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), { requestInit: { headers: bearer(KEYS.acme) } }));
    try {
      const result = (await mcp.callTool({ name: 'run_workflow', arguments: plan() })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^RATE_LIMITED: more than 3 runs started in a minute/);
    } finally {
      await mcp.close();
    }
    expect((await call('GET', `${t.url}/v1/runs`, KEYS.acme)).status).toBe(200);
  });

  it('another tenant has its own minute; a key of the same tenant shares it', async () => {
    expect((await call('POST', `${t.url}/v1/runs`, KEYS.globex, plan())).status).toBe(202);
    expect((await call('POST', `${t.url}/v1/runs`, KEYS.acmeAdmin, plan())).status).toBe(429);
  });
});

describe('RATE_LIMIT_RUNS_PER_MINUTE without authentication: counted per address; 0 turns it off', () => {
  it('limits the address', async () => {
    const t = await startTestApp({ RATE_LIMIT_RUNS_PER_MINUTE: '1' });
    try {
      expect((await call('POST', `${t.url}/v1/runs`, undefined, { plan: examplePlan('ecommerce-order') })).status).toBe(202);
      const refused = await call('POST', `${t.url}/v1/runs`, undefined, { plan: examplePlan('ecommerce-order') });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await t.close();
    }
  });

  it('0 is no limit', async () => {
    const t = await startTestApp({ RATE_LIMIT_RUNS_PER_MINUTE: '0' });
    try {
      for (let i = 0; i < 5; i++) expect((await call('POST', `${t.url}/v1/runs`, undefined, { plan: examplePlan('ecommerce-order') })).status).toBe(202);
    } finally {
      await t.close();
    }
  });
});

describe('SSE_MAX_CLIENTS_PER_RUN and SSE_MAX_CLIENTS_PER_CALLER: 429 TOO_MANY_STREAMS before a stream starts', () => {
  let t: TestApp;
  let admission: StreamAdmission;
  const held: OpenStream[] = [];

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS, SSE_MAX_CLIENTS_PER_RUN: '2', SSE_MAX_CLIENTS_PER_CALLER: '3' });
    admission = t.app.get(StreamAdmission);
  });
  afterAll(async () => {
    for (const stream of held) stream.close();
    await t.close();
  });

  const events = (runId: string, key: string) => openStream(`${t.url}/v1/runs/${runId}/events`, { headers: bearer(key) });

  it('refuses the stream past the per-run limit, and admits again once a client has gone', async () => {
    const runId = await startPausedRun(t.url, KEYS.acme);
    const first = await events(runId, KEYS.acme);
    const second = await events(runId, KEYS.acmeAdmin);
    held.push(first, second);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toContain('event: workflow_start');

    const refused = await events(runId, KEYS.acmeReader);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 429, code: 'TOO_MANY_STREAMS', message: expect.stringContaining('SSE_MAX_CLIENTS_PER_RUN') });
    expect(refused.body).not.toContain('workflow_start');

    first.close();
    await waitFor(async () => (admission.openOnRun(runId) === 1 ? true : undefined), 10_000, 'the closed stream to be let go');
    const again = await events(runId, KEYS.acmeReader);
    held.push(again);
    expect(again.status).toBe(200);
  });

  it('refuses the stream past the per-caller limit (the tenant, over all its keys and runs), POST /v1/runs/stream included', async () => {
    for (const stream of held.splice(0)) stream.close();
    await waitFor(async () => (admission.openByCaller('tenant:acme') === 0 ? true : undefined), 10_000, 'every stream to be let go');
    const runs = [await startPausedRun(t.url, KEYS.acme), await startPausedRun(t.url, KEYS.acme)];
    held.push(await events(runs[0], KEYS.acme), await events(runs[1], KEYS.acme), await events(runs[1], KEYS.acmeAdmin));
    expect(held.map((stream) => stream.status)).toEqual([200, 200, 200]);

    const third = await startPausedRun(t.url, KEYS.acme);
    const refused = await events(third, KEYS.acme);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'TOO_MANY_STREAMS', message: expect.stringContaining('SSE_MAX_CLIENTS_PER_CALLER') });

    // The stream endpoint refuses before it starts a run.
    const before = (await call<{ items: unknown[] }>('GET', `${t.url}/v1/runs?limit=100`, KEYS.acme)).body.items.length;
    const streamed = await openStream(`${t.url}/v1/runs/stream`, {
      method: 'POST',
      headers: { ...bearer(KEYS.acme), 'content-type': 'application/json' },
      body: JSON.stringify({ plan: examplePlan('ecommerce-order') }),
    });
    expect(streamed.status).toBe(429);
    expect((await call<{ items: unknown[] }>('GET', `${t.url}/v1/runs?limit=100`, KEYS.acme)).body.items).toHaveLength(before);

    // Another tenant is not held back by acme's streams.
    const globexRun = await startPausedRun(t.url, KEYS.globex);
    const globex = await events(globexRun, KEYS.globex);
    held.push(globex);
    expect(globex.status).toBe(200);

    for (const stream of held.splice(0)) stream.close();
    await waitFor(async () => (admission.openByCaller('tenant:acme') === 0 ? true : undefined), 10_000, 'every stream to be let go');
    expect(admission.openOnRun(runs[1])).toBe(0);
  });
});
