import { examplePlan } from './support/plans';
import { startTestApp, type TestApp } from './support/test-app';

/** Reads a whole text/event-stream body into `{seq, type}` records. */
function parseStream(text: string): { seq: number; type: string; runId: string }[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(6)) as { seq: number; type: string; runId: string });
}

describe('POST /v1/runs/stream: start and stream in one request', () => {
  let host: TestApp;
  beforeAll(async () => {
    host = await startTestApp();
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers with the run\'s events from the first, and names the run in X-Run-Id and Location', async () => {
    const response = await fetch(`${host.url}/v1/runs/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ plan: examplePlan('ecommerce-order'), strategy: 'hybrid' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const runId = response.headers.get('x-run-id');
    expect(runId).toBeTruthy();
    expect(response.headers.get('location')).toBe(`/v1/runs/${runId}`);
    const events = parseStream(await response.text());
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0].type).toBe('workflow_start');
    expect(events[events.length - 1].type).toBe('workflow_complete');
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set([runId]));
    // The same run is then readable as usual.
    const details = (await (await fetch(`${host.url}/v1/runs/${runId}`)).json()) as { status: string };
    expect(details.status).toBe('completed');
  });

  it('refuses bad input before streaming, exactly like POST /v1/runs', async () => {
    const plan = examplePlan('ecommerce-order') as { tasks: { agent: string }[] };
    plan.tasks[2].agent = 'nobody';
    const invalid = await fetch(`${host.url}/v1/runs/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'INVALID_PLAN' });
    const malformed = await fetch(`${host.url}/v1/runs/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan, extra: 1 }) });
    expect(malformed.status).toBe(400);
  });
});
