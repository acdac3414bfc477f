import { randomUUID } from 'node:crypto';
import { rawPost } from '../support/http';
import { examplePlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { API_KEYS, KEYS, bearer, call, startPausedRun } from './support/auth-fixtures';

jest.setTimeout(60_000);

interface RpcAnswer {
  jsonrpc: string;
  id: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

describe('AUTH_MODE=apikey at /a2a: the caller, its scopes and its tenant on every task operation', () => {
  let t: TestApp;
  let globexRun: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS });
    globexRun = await startPausedRun(t.url, KEYS.globex);
  });
  afterAll(() => t.close());

  /** A JSON-RPC 1.0 call (A2A-Version: 1.0) with `key` (none: no credentials). */
  function rpc(method: string, params: unknown, key?: string) {
    const headers = { 'content-type': 'application/json', 'A2A-Version': '1.0', ...(key === undefined ? {} : bearer(key)) };
    return rawPost<RpcAnswer>(`${t.url}/a2a`, JSON.stringify({ jsonrpc: '2.0', id: 3, method, params }), headers);
  }

  const planMessage = () => ({ message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ data: examplePlan('ecommerce-order') }] } });

  it('the agent card is public and advertises the API key schemes', async () => {
    const card = await call<{ securitySchemes: Record<string, unknown>; security?: unknown; securityRequirements?: unknown }>('GET', `${t.url}/.well-known/agent-card.json`);
    expect(card.status).toBe(200);
    expect(JSON.stringify(card.body.securitySchemes)).toContain('X-API-Key');
    expect(JSON.stringify(card.body.securitySchemes).toLowerCase()).toContain('bearer');
  });

  it('401 with WWW-Authenticate and a JSON-RPC error naming UNAUTHENTICATED without a key', async () => {
    const refused = await rpc('GetTask', { id: globexRun });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.body).toMatchObject({ jsonrpc: '2.0', id: 3, error: { code: -32000, data: { code: 'UNAUTHENTICATED' } } });
    expect(refused.text).not.toContain('approval');
  });

  it('403 naming the scope when a read-only key sends a message (no run starts)', async () => {
    const before = await call<{ items: unknown[] }>('GET', `${t.url}/v1/runs`, KEYS.acme);
    const refused = await rpc('SendMessage', planMessage(), KEYS.acmeReader);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ data: { code: 'FORBIDDEN' }, message: expect.stringContaining('runs:write') });
    expect((await call<{ items: unknown[] }>('GET', `${t.url}/v1/runs`, KEYS.acme)).body.items).toHaveLength(before.body.items.length);
    expect((await rpc('GetTask', { id: globexRun }, KEYS.acmeReader)).status).toBe(200);
  });

  it('a run started over A2A belongs to the caller: its tenant reads it, another gets TaskNotFound', async () => {
    const sent = await rpc('SendMessage', planMessage(), KEYS.acme);
    expect(sent.status).toBe(200);
    const taskId = (sent.body.result?.task as { id: string }).id;
    expect((await call('GET', `${t.url}/v1/runs/${taskId}`, KEYS.acme)).status).toBe(200);
    expect((await call('GET', `${t.url}/v1/runs/${taskId}`, KEYS.globex)).status).toBe(404);
    expect((await rpc('GetTask', { id: taskId }, KEYS.globex)).body.error).toMatchObject({ code: -32001 });
  });

  it("GetTask, CancelTask, SubscribeToTask and an answer on another tenant's task are TaskNotFound; ListTasks leaves it out", async () => {
    const read = await rpc('GetTask', { id: globexRun }, KEYS.acme);
    expect(read.body.error).toMatchObject({ code: -32001 });
    expect(read.body.result).toBeUndefined();

    const cancel = await rpc('CancelTask', { id: globexRun }, KEYS.acme);
    expect(cancel.body.error).toMatchObject({ code: -32001 });

    const answer = await rpc('SendMessage', { message: { messageId: randomUUID(), role: 'ROLE_USER', taskId: globexRun, parts: [{ text: 'yes' }] } }, KEYS.acme);
    expect(answer.body.error).toMatchObject({ code: -32001 });

    // A refused stream answers with the error alone: no task, no update of the run (the SDK logs the refusal).
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const subscribed = await rpc('SubscribeToTask', { id: globexRun }, KEYS.acme);
    logged.mockRestore();
    expect(subscribed.text).toContain('-32001');
    expect(subscribed.text).not.toContain('approval');

    const listed = await rpc('ListTasks', { pageSize: 100 }, KEYS.acme);
    const ids = (listed.body.result?.tasks as { id: string }[]).map((task) => task.id);
    expect(ids).not.toContain(globexRun);
    expect(ids.length).toBeGreaterThan(0);
    // The total is not the store's (which would tell how busy the other tenants are).
    expect(listed.body.result?.totalSize).toBe(ids.length);

    // The owner's run is untouched and its owner sees it everywhere.
    const own = await rpc('GetTask', { id: globexRun }, KEYS.globex);
    expect(own.body.result).toMatchObject({ id: globexRun, status: { state: 'TASK_STATE_INPUT_REQUIRED' } });
    const ownList = await rpc('ListTasks', { pageSize: 100 }, KEYS.globex);
    expect((ownList.body.result?.tasks as { id: string }[]).map((task) => task.id)).toEqual([globexRun]);
  });

  it("the owner answers its paused task over A2A; the operator (tenant *) sees every tenant's tasks", async () => {
    const runId = await startPausedRun(t.url, KEYS.acme);
    const answered = await rpc('SendMessage', { message: { messageId: randomUUID(), role: 'ROLE_USER', taskId: runId, parts: [{ text: 'yes' }] } }, KEYS.acme);
    expect(answered.body.error).toBeUndefined();
    const operator = await rpc('ListTasks', { pageSize: 100 }, KEYS.operator);
    const ids = (operator.body.result?.tasks as { id: string }[]).map((task) => task.id);
    expect(ids).toEqual(expect.arrayContaining([runId, globexRun]));
  });
});
