import { examplePlan, simulatorPlan } from './support/plans';
import { get, post } from './support/http';
import { readSse, seqOf, type SseEvent } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

const seqs = (events: SseEvent[]) => events.map(seqOf);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('GET /v1/runs/:id/events (Server-Sent Events)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const startRun = async (plan: Record<string, unknown>) => (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan })).body.runId;

  it('streams examples/ecommerce-order.json in seq order, from workflow_start to workflow_complete, then ends', async () => {
    const runId = await startRun(examplePlan('ecommerce-order'));
    const stream = await readSse(`${t.url}/v1/runs/${runId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.ended).toBe(true);
    const { events } = stream;
    expect(seqs(events)).toEqual(range(1, events.length));
    expect(events[0].event).toBe('workflow_start');
    expect(events[events.length - 1].event).toBe('workflow_complete');
    for (const event of events) {
      const data = JSON.parse(event.data) as { type: string; seq: number; runId: string };
      expect(data).toMatchObject({ type: event.event, seq: seqOf(event), runId });
    }
    const types = events.map((event) => event.event);
    expect(types.filter((type) => type === 'task_complete')).toHaveLength(5);
    expect(types).toContain('task_progress'); // enhanced mode: PHASE 7 streaming on
    const result = JSON.parse(events[events.length - 1].data) as { result: { status: string; successful: string[] } };
    expect(result.result.status).toBe('completed');
  });

  it('resumes after a forced disconnect with Last-Event-ID: no gap, no duplicate', async () => {
    const runId = await startRun(
      simulatorPlan([
        { id: 'a', input: { durationMs: 30 } },
        { id: 'b', dependencies: ['a'], input: { durationMs: 30 } },
        { id: 'c', dependencies: ['a'], input: { durationMs: 30 } },
        { id: 'd', dependencies: ['b', 'c'], input: { durationMs: 30 } },
      ]),
    );
    const first = await readSse(`${t.url}/v1/runs/${runId}/events`, { stopWhen: (_event, all) => all.length === 4 });
    expect(first.ended).toBe(false);
    expect(seqs(first.events)).toEqual([1, 2, 3, 4]);
    const lastId = first.events[first.events.length - 1].id as string;
    const rest = await readSse(`${t.url}/v1/runs/${runId}/events`, { headers: { 'Last-Event-ID': lastId } });
    expect(rest.ended).toBe(true);
    const union = [...seqs(first.events), ...seqs(rest.events)];
    expect(union).toEqual(range(1, union.length));
    expect(rest.events[rest.events.length - 1].event).toBe('workflow_complete');
    // The run was still going when we dropped: what we read afterwards was partly live.
    expect(rest.events.length).toBeGreaterThan(4);
  });

  it('resumes with ?after= too, and the header wins over it', async () => {
    const runId = await startRun(simulatorPlan([{ id: 'a' }, { id: 'b', dependencies: ['a'] }]));
    const all = await readSse(`${t.url}/v1/runs/${runId}/events`);
    const n = all.events.length;
    const after = await readSse(`${t.url}/v1/runs/${runId}/events?after=2`);
    expect(seqs(after.events)).toEqual(range(3, n));
    const both = await readSse(`${t.url}/v1/runs/${runId}/events?after=1`, { headers: { 'Last-Event-ID': String(n - 1) } });
    expect(seqs(both.events)).toEqual([n]);
    const bad = await get<{ code: string; details: { path: string }[] }>(`${t.url}/v1/runs/${runId}/events?after=-1`);
    expect(bad.status).toBe(400);
    const badHeader = await fetch(`${t.url}/v1/runs/${runId}/events`, { headers: { 'Last-Event-ID': 'abc' } });
    expect(badHeader.status).toBe(400);
    expect(await badHeader.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'Last-Event-ID' }] });
  });

  it('a run made from a request starts its stream with the planning step', async () => {
    const res = await post<{ runId: string }>(`${t.url}/v1/runs`, { request: 'Charge the card for order 1042 and email the customer' });
    const stream = await readSse(`${t.url}/v1/runs/${res.body.runId}/events`);
    expect(stream.events[0]).toMatchObject({ id: '0', event: 'planning' });
    expect(JSON.parse(stream.events[0].data)).toMatchObject({ type: 'planning', message: expect.stringContaining('deterministic planner') });
    expect(seqs(stream.events.slice(1))).toEqual(range(1, stream.events.length - 1));
    // Resuming skips it: it comes before seq 1.
    const resumed = await readSse(`${t.url}/v1/runs/${res.body.runId}/events`, { headers: { 'Last-Event-ID': '0' } });
    expect(resumed.events[0].event).toBe('workflow_start');
  });

  it('several clients read one run independently; a disconnected client does not disturb the others', async () => {
    const runId = await startRun(examplePlan('ecommerce-order'));
    const [dropped, a, b] = await Promise.all([
      readSse(`${t.url}/v1/runs/${runId}/events`, { stopWhen: (_e, all) => all.length === 2 }),
      readSse(`${t.url}/v1/runs/${runId}/events`),
      readSse(`${t.url}/v1/runs/${runId}/events`),
    ]);
    expect(dropped.events).toHaveLength(2);
    expect(a.events.map((event) => event.data)).toEqual(b.events.map((event) => event.data));
    expect(a.events[a.events.length - 1].event).toBe('workflow_complete');
  });
});
