import { examplePlan } from '../support/plans';
import { get } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { API_KEYS, KEYS, call, readEvents, startPausedRun } from './support/auth-fixtures';

// Real host, real runs over HTTP: generous under a loaded CI machine.
jest.setTimeout(60_000);

interface RunPage {
  items: { runId: string }[];
}

describe('AUTH_MODE=apikey over REST and SSE: tenants, scopes, public routes', () => {
  let t: TestApp;
  let acmeRun: string;
  let globexRun: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS });
    acmeRun = await startPausedRun(t.url, KEYS.acme);
    globexRun = await startPausedRun(t.url, KEYS.globex);
  });
  afterAll(() => t.close());

  it('answers 401 UNAUTHENTICATED with WWW-Authenticate without a key or with a wrong one, in the API error shape', async () => {
    const none = await call('GET', `${t.url}/v1/runs`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="a2a-mcp"/);
    expect(none.headers.get('www-authenticate')).toContain('X-API-Key');

    const wrong = await call('GET', `${t.url}/v1/runs`, 'not-a-key-of-this-host-0000');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'the API key is not valid' });
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    // The refused key is not echoed back.
    expect(wrong.text).not.toContain('not-a-key-of-this-host');

    const malformed = await fetch(`${t.url}/v1/runs`, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/Bearer/);
  });

  it('takes the key as X-API-Key too', async () => {
    const listed = await fetch(`${t.url}/v1/runs`, { headers: { 'x-api-key': KEYS.acme } });
    expect(listed.status).toBe(200);
  });

  it("lists only the caller's tenant's runs", async () => {
    const acme = await call<RunPage>('GET', `${t.url}/v1/runs`, KEYS.acme);
    const globex = await call<RunPage>('GET', `${t.url}/v1/runs`, KEYS.globex);
    expect(acme.body.items.map((item) => item.runId)).toEqual([acmeRun]);
    expect(globex.body.items.map((item) => item.runId)).toEqual([globexRun]);
  });

  it("another tenant's run is RUN_NOT_FOUND for get, cancel, modify, input and events, and stays untouched", async () => {
    const base = `${t.url}/v1/runs/${globexRun}`;
    const read = await call('GET', base, KEYS.acme);
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ code: 'RUN_NOT_FOUND' });
    expect(read.text).not.toContain('approval');

    expect((await call('DELETE', base, KEYS.acme)).body).toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });
    const node = { id: 'extra', description: 'one more step', agent: 'simulator', dependencies: [] };
    expect((await call('POST', `${base}/nodes`, KEYS.acme, { nodes: [node] })).body).toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });
    expect((await call('POST', `${base}/input`, KEYS.acme, { taskId: 'approval', answer: 'yes' })).body).toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });

    // The stream is refused before it starts: a JSON 404, no event of the run.
    const events = await readEvents(`${base}/events`, KEYS.acme);
    expect(events.status).toBe(404);
    expect(events.contentType).toMatch(/^application\/json/);
    expect(events.events).toEqual([]);

    // Nothing happened to it: still paused at the approval, with no extra node.
    const own = await call<{ status: string; tasks: Record<string, { status: string }> }>('GET', base, KEYS.globex);
    expect(own.body.status).toBe('running');
    expect(own.body.tasks.approval.status).toBe('paused');
    expect(own.body.tasks.extra).toBeUndefined();
  });

  it('the owner reads, streams, modifies, answers and cancels its own run', async () => {
    const runId = await startPausedRun(t.url, KEYS.acme);
    const base = `${t.url}/v1/runs/${runId}`;
    const events = await readEvents(`${base}/events`, KEYS.acme, 'task_paused');
    expect(events.status).toBe(200);
    expect(events.events[0].event).toBe('workflow_start');
    const node = { id: 'extra', description: 'one more step', agent: 'simulator', dependencies: [] };
    expect((await call('POST', `${base}/nodes`, KEYS.acme, { nodes: [node] })).status).toBe(200);
    expect((await call('POST', `${base}/input`, KEYS.acme, { taskId: 'approval', answer: 'yes' })).status).toBe(200);
    const other = await startPausedRun(t.url, KEYS.acme);
    expect((await call('DELETE', `${t.url}/v1/runs/${other}`, KEYS.acme)).status).toBe(202);
  });

  it('checks scopes: a read-only key reads but may not start, cancel or list agents (403 FORBIDDEN naming the scope)', async () => {
    expect((await call('GET', `${t.url}/v1/runs/${acmeRun}`, KEYS.acmeReader)).status).toBe(200);
    const start = await call('POST', `${t.url}/v1/runs`, KEYS.acmeReader, { plan: examplePlan('ecommerce-order') });
    expect(start.status).toBe(403);
    expect(start.body).toMatchObject({ code: 'FORBIDDEN', details: { scope: 'runs:write' } });
    expect(start.body.message).toContain('runs:write');
    expect((await call('DELETE', `${t.url}/v1/runs/${acmeRun}`, KEYS.acmeReader)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('GET', `${t.url}/v1/agents`, KEYS.acmeReader)).body).toMatchObject({ code: 'FORBIDDEN', details: { scope: 'agents:read' } });
    expect((await call('POST', `${t.url}/v1/plans`, KEYS.acmeReader, { request: 'charge the card' })).body).toMatchObject({ code: 'FORBIDDEN' });
    // Operator routes need admin: the tenants' own keys are refused.
    expect((await call('GET', `${t.url}/v1/stats`, KEYS.acme)).body).toMatchObject({ code: 'FORBIDDEN', details: { scope: 'admin' } });
    expect((await call('POST', `${t.url}/v1/agents`, KEYS.acme, { cardUrl: 'http://127.0.0.1:9/card' })).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('GET', `${t.url}/v1/agents`, KEYS.acme)).status).toBe(200);
  });

  it("admin holds every scope but still sees only its tenant's runs; the tenant * sees every tenant's", async () => {
    const admin = await call<RunPage>('GET', `${t.url}/v1/runs`, KEYS.acmeAdmin);
    expect(admin.body.items.map((item) => item.runId)).toContain(acmeRun);
    expect(admin.body.items.map((item) => item.runId)).not.toContain(globexRun);
    expect((await call('GET', `${t.url}/v1/runs/${globexRun}`, KEYS.acmeAdmin)).status).toBe(404);
    expect((await call('GET', `${t.url}/v1/stats`, KEYS.acmeAdmin)).status).toBe(200);

    const operator = await call<RunPage>('GET', `${t.url}/v1/runs?limit=100`, KEYS.operator);
    expect(operator.body.items.map((item) => item.runId)).toEqual(expect.arrayContaining([acmeRun, globexRun]));
    expect((await call('GET', `${t.url}/v1/runs/${globexRun}`, KEYS.operator)).status).toBe(200);
  });

  it('leaves /health, the agent card, the API docs and /metrics public', async () => {
    expect((await get(`${t.url}/health`)).status).toBe(200);
    expect((await get(`${t.url}/.well-known/agent-card.json`)).status).toBe(200);
    expect((await fetch(`${t.url}/docs`)).status).toBe(200);
    expect((await fetch(`${t.url}/docs-json`)).status).toBe(200);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
  });

  it('METRICS_AUTH=true closes /metrics to everyone but admins', async () => {
    const closed = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS, METRICS_AUTH: 'true' });
    try {
      expect((await fetch(`${closed.url}/metrics`)).status).toBe(401);
      expect((await call('GET', `${closed.url}/metrics`, KEYS.acme)).status).toBe(403);
      const scraped = await fetch(`${closed.url}/metrics`, { headers: { authorization: `Bearer ${KEYS.operator}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('a2a_mcp_framework_');
    } finally {
      await closed.close();
    }
  });
});
