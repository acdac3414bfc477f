import { parsePrometheusText, promCounts, promTable, type PromSample } from '@a2a-mcp/observability/testing';
import { simulatorPlan } from './support/plans';
import { get, post, rawPost } from './support/http';
import { readSse, type SseEvent } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

const P = 'a2a_mcp_framework_';

async function scrape(t: TestApp): Promise<PromSample[]> {
  const response = await fetch(`${t.url}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  return parsePrometheusText(text);
}

/** Starts a run and reads its whole event stream. */
async function runToEnd(t: TestApp, plan: Record<string, unknown>): Promise<{ runId: string; events: SseEvent[] }> {
  const started = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan });
  if (started.status !== 202) throw new Error(`run refused (${started.status}): ${started.text}`);
  const stream = await readSse(`${t.url}/v1/runs/${started.body.runId}/events`);
  return { runId: started.body.runId, events: stream.events };
}

/** One simulator task with its own retry budget. */
const oneTask = (id: string, maxRetries: number, input: Record<string, unknown> = {}): Record<string, unknown> => ({
  tasks: [{ id, description: `task ${id}`, agent: 'simulator', dependencies: [], input, maxRetries }],
});

const payloadsOf = (events: SseEvent[], type: string): Record<string, unknown>[] =>
  events.filter((event) => event.event === type).map((event) => JSON.parse(event.data) as Record<string, unknown>);

describe('the agent boundary at the host', () => {
  describe('circuit breaker (AGENT_CIRCUIT_FAILURES=2)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ AGENT_CIRCUIT_FAILURES: '2', AGENT_CIRCUIT_HALF_OPEN_MS: '600000' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('a run after two faults in a row fails its task with AGENT_CIRCUIT_OPEN on its stream, once, and the circuit shows in GET /metrics', async () => {
      const broken = await runToEnd(t, oneTask('flaky', 1, { failAlways: true }));
      expect(payloadsOf(broken.events, 'task_failed')).toEqual([expect.objectContaining({ taskId: 'flaky', attempt: 2, error: expect.objectContaining({ code: 'SIMULATED_FAILURE' }) })]);

      // A task that would succeed: the circuit refuses it without a call, and its retries are not spent.
      const refused = await runToEnd(t, oneTask('healthy', 3));
      expect(payloadsOf(refused.events, 'task_retry')).toEqual([]);
      expect(payloadsOf(refused.events, 'task_failed')).toEqual([
        expect.objectContaining({
          taskId: 'healthy',
          attempt: 1,
          error: {
            code: 'AGENT_CIRCUIT_OPEN',
            message: expect.stringMatching(/^agent "simulator" failed 2 times in a row \(last error: SIMULATED_FAILURE\); calls resume after a probe in \d+ ms$/),
          },
        }),
      ]);
      const view = await get<{ status: string; tasks: Record<string, { status: string; error?: { code: string } }> }>(`${t.url}/v1/runs/${refused.runId}`);
      expect(view.body.tasks.healthy).toMatchObject({ status: 'failed', error: { code: 'AGENT_CIRCUIT_OPEN' } });

      const samples = await scrape(t);
      const circuits = promTable(samples, `${P}agent_circuit_state`, ['agent']);
      expect(circuits).toMatchObject({ simulator: 2, payment_processor: 0, shipping_agent: 0 });
      expect(promCounts(samples, `${P}agent_circuit_transitions_total`, ['agent', 'to'])).toEqual({ 'simulator open': 1 });
      // Two calls reached the simulator; the refused one counts as an error without a call behind it.
      expect(promCounts(samples, `${P}agent_requests_total`, ['agent', 'outcome'])).toEqual({ 'simulator error': 3 });
      expect(promCounts(samples, `${P}agent_bulkhead_rejected_total`, ['agent'])).toEqual({});
    });
  });

  describe('plan and body limits refuse a run before any work starts', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ MAX_BODY_BYTES: '2000', PLAN_MAX_TASKS: '3' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('a plan over PLAN_MAX_TASKS (422) and a body over MAX_BODY_BYTES (413) leave no run behind and call no agent', async () => {
      const tooMany = simulatorPlan([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }]);
      const tooBig = JSON.stringify({ plan: simulatorPlan([{ id: 'a', input: { note: 'x'.repeat(3000) } }]) });
      for (const route of ['/v1/runs', '/v1/runs/stream']) {
        const refused = await post<{ code: string }>(`${t.url}${route}`, { plan: tooMany });
        expect({ route, status: refused.status, code: refused.body.code }).toEqual({ route, status: 422, code: 'INVALID_PLAN' });
        const huge = await rawPost<{ code: string }>(`${t.url}${route}`, tooBig, { 'content-type': 'application/json' });
        expect({ route, status: huge.status, code: huge.body.code }).toEqual({ route, status: 413, code: 'PAYLOAD_TOO_LARGE' });
      }
      const runs = await get<{ items: unknown[] }>(`${t.url}/v1/runs`);
      expect(runs.status).toBe(200);
      expect(runs.body.items).toEqual([]);
      const samples = await scrape(t);
      expect(promCounts(samples, `${P}runs_started_total`, ['strategy'])).toEqual({});
      expect(promCounts(samples, `${P}agent_requests_total`, ['agent', 'outcome'])).toEqual({});

      // The same host takes a plan within the limits: the refusals above were the limits, not a broken host.
      const ok = await runToEnd(t, simulatorPlan([{ id: 'a' }, { id: 'b' }, { id: 'c' }]));
      expect(payloadsOf(ok.events, 'workflow_complete')[0]).toMatchObject({ result: { status: 'completed' } });
      expect((await get<{ items: unknown[] }>(`${t.url}/v1/runs`)).body.items).toHaveLength(1);
    });
  });
});
