import { examplePlan, simulatorPlan } from '../support/plans';
import { del, get, post, waitFor } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import type { OrchestrationHealth } from '@a2a-mcp/observability';
import { parsePrometheusText, promCounts, promTable, promValue, type PromSample } from '@a2a-mcp/observability/testing';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(60_000);

const P = 'a2a_mcp_framework_';
const AUTO_CODES = ['single_task', 'no_parallelism', 'uniform_levels', 'dependency_driven'];

type Stats = OrchestrationHealth;

interface RunView {
  runId: string;
  status: string;
  strategy: string;
  tasks: Record<string, { status: string; agent: string; attempts: number }>;
}

async function startRun(t: TestApp, body: Record<string, unknown>): Promise<string> {
  const res = await post<{ runId: string }>(`${t.url}/v1/runs`, body);
  if (res.status !== 202) throw new Error(`run refused (${res.status}): ${res.text}`);
  return res.body.runId;
}

const finished = (t: TestApp, runId: string): Promise<RunView> =>
  waitFor(
    async () => {
      const { body } = await get<RunView>(`${t.url}/v1/runs/${runId}`);
      return body.status === 'running' ? undefined : body;
    },
    30_000,
    `run ${runId} to finish`,
  );

async function scrape(t: TestApp): Promise<{ text: string; samples: PromSample[]; contentType: string | null }> {
  const response = await fetch(`${t.url}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  return { text, samples: parsePrometheusText(text), contentType: response.headers.get('content-type') };
}

/** Tasks of finished runs as `{"<agent> <outcome>": count}`, the way tasks_total counts them. */
function tasksByAgentAndOutcome(views: RunView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const view of views) {
    for (const task of Object.values(view.tasks)) counts[`${task.agent} ${task.status}`] = (counts[`${task.agent} ${task.status}`] ?? 0) + 1;
  }
  return counts;
}

describe('GET /metrics and GET /v1/stats (real app, real runs)', () => {
  describe('with observability on (the default, ORCHESTRATION_MODE=enhanced)', () => {
    let t: TestApp;
    const views: RunView[] = [];

    beforeAll(async () => {
      t = await startTestApp();
      // Both examples at once, as a busy host would see them.
      const ids = await Promise.all([startRun(t, { plan: examplePlan('ecommerce-order') }), startRun(t, { plan: examplePlan('flaky-agents') })]);
      views.push(...(await Promise.all(ids.map((id) => finished(t, id)))));
    });

    afterAll(async () => {
      await t.close();
    });

    it('the examples finish as the plans say', () => {
      const [ecommerce, flaky] = views;
      expect({ status: ecommerce.status, strategy: ecommerce.strategy }).toEqual({ status: 'completed', strategy: 'hybrid' });
      expect({ status: flaky.status, strategy: flaky.strategy }).toEqual({ status: 'partial', strategy: 'parallel' });
      expect(tasksByAgentAndOutcome(views)).toEqual({
        'payment_processor completed': 1,
        'inventory_manager completed': 1,
        'shipping_agent completed': 1,
        'email_agent completed': 1,
        'sms_agent completed': 1,
        'simulator completed': 3,
        'simulator failed': 1,
        'simulator skipped': 1,
      });
    });

    it('scrapes in the Prometheus text format with runs, tasks and agent calls that match the runs', async () => {
      const { text, samples, contentType } = await scrape(t);
      expect(contentType).toMatch(/^text\/plain/);
      expect(contentType).toContain('version=0.0.4');
      expect(promCounts(samples, `${P}runs_started_total`, ['strategy'])).toEqual({ hybrid: 1, parallel: 1 });
      expect(promCounts(samples, `${P}runs_finished_total`, ['strategy', 'status'])).toEqual({ 'hybrid completed': 1, 'parallel partial': 1 });
      // Every task of both plans, by its agent and final state (what GET /v1/runs/:id says).
      expect(promCounts(samples, `${P}tasks_total`, ['agent', 'outcome'])).toEqual(tasksByAgentAndOutcome(views));
      // flaky-agents: `flaky` fails twice then succeeds, `broken` fails twice (1 retry).
      expect(promCounts(samples, `${P}task_retries_total`, ['agent'])).toEqual({ simulator: 3 });
      const calls = promCounts(samples, `${P}agent_requests_total`, ['agent', 'outcome'], { transport: 'local' });
      expect(calls).toEqual({
        'payment_processor success': 1,
        'inventory_manager success': 1,
        'shipping_agent success': 1,
        'email_agent success': 1,
        'sms_agent success': 1,
        'simulator success': 3,
        'simulator error': 4,
      });
      expect(samples.filter((sample) => sample.name === `${P}agent_requests_total` && sample.labels.transport !== 'local' && sample.value !== 0)).toEqual([]);
      // Quality validation is on in enhanced mode: every completed SERVICE task of the order was scored.
      expect(promValue(samples, `${P}quality_score_count`, { domain: 'SERVICE' })).toBe(5);
      expect(promValue(samples, `${P}run_makespan_seconds_count`, { strategy: 'hybrid' })).toBe(1);
      expect(promValue(samples, `${P}task_queue_wait_seconds_count`)).toBe(12);
      expect(promValue(samples, `${P}active_runs`)).toBe(0);
      expect(promValue(samples, `${P}active_tasks`)).toBe(0);
      expect(promTable(samples, `${P}agents_available`, ['transport'])).toEqual({ local: expect.any(Number) });
      expect(promValue(samples, `${P}agents_available`, { transport: 'local' })).toBeGreaterThanOrEqual(6);
      expect(promValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      // Bounded labels: no run id, no task id.
      for (const view of views) expect(text).not.toContain(view.runId);
      for (const id of ['payment', 'inventory', 'shipping', 'flaky', 'broken', 'independent', 'after_broken', 'after_flaky']) {
        expect({ id, labelled: samples.some((sample) => Object.values(sample.labels).includes(id)) }).toEqual({ id, labelled: false });
      }
    });

    it('GET /v1/stats agrees with the runs', async () => {
      const { status, body } = await get<Stats>(`${t.url}/v1/stats`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        activeRuns: 0,
        activeTasks: 0,
        runsStarted: 2,
        runsFinished: 2,
        tasksCompleted: 8,
        tasksFailed: 1,
        strategyUse: { sequential: 0, parallel: 1, hybrid: 1 },
        runStatuses: { completed: 1, partial: 1 },
        // Both plans name their strategy: no auto decision yet.
        lastAutoDecision: null,
      });
      expect(body.successRate).toBeCloseTo(8 / 9, 12);
      expect(body.averageTaskMs).toBeGreaterThan(0);
    });

    it('a run with strategy "auto" sets lastAutoDecision with the optimizer code, and the decision metric', async () => {
      const runId = await startRun(t, { plan: examplePlan('ecommerce-order'), strategy: 'auto' });
      const view = await finished(t, runId);
      expect(view.status).toBe('completed');
      const { body } = await get<Stats>(`${t.url}/v1/stats`);
      const decision = body.lastAutoDecision;
      expect(decision).toMatchObject({ runId, strategy: view.strategy, reason: expect.stringMatching(/^auto: /) });
      expect(AUTO_CODES).toContain(decision?.code);
      expect(decision?.reason.startsWith(`auto: ${decision.code}: `)).toBe(true);
      expect(Number.isNaN(Date.parse(decision?.at ?? ''))).toBe(false);
      const { samples } = await scrape(t);
      expect(promValue(samples, `${P}strategy_decisions_total`, { strategy: view.strategy, reason: decision?.code ?? '' })).toBe(1);
      // The plans' own choices are labelled `plan`, never with their text.
      expect(promCounts(samples, `${P}strategy_decisions_total`, ['strategy', 'reason'])).toEqual({
        'hybrid plan': 1,
        'parallel plan': 1,
        [`${view.strategy} ${decision?.code}`]: 1,
      });
    });

    it('counts a client following a run as an SSE subscriber while it follows, and not after it left', async () => {
      const runId = await startRun(t, { plan: simulatorPlan([{ id: 'long', input: { durationMs: 120_000 } }]) });
      const gauge = async (name: string) => promValue((await scrape(t)).samples, `${P}${name}`);
      const stream = new AbortController();
      try {
        const response = await fetch(`${t.url}/v1/runs/${runId}/events`, { headers: { accept: 'text/event-stream' }, signal: stream.signal });
        expect(response.status).toBe(200);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        await reader.read(); // the replayed events have arrived: the server is writing to us
        await waitFor(async () => ((await gauge('sse_subscribers')) === 1 ? true : undefined), 10_000, 'sse_subscribers 1');
        // The long task is running: one run and one agent call in flight.
        expect(await gauge('active_runs')).toBe(1);
        expect(await gauge('active_tasks')).toBe(1);
        const { body } = await get<Stats>(`${t.url}/v1/stats`);
        expect(body).toMatchObject({ activeRuns: 1, activeTasks: 1 });
      } finally {
        stream.abort();
      }
      await waitFor(async () => ((await gauge('sse_subscribers')) === 0 ? true : undefined), 10_000, 'sse_subscribers back to 0');
      // The run goes on without its follower; cancelling it frees the slot.
      expect(await gauge('active_runs')).toBe(1);
      expect((await del(`${t.url}/v1/runs/${runId}`)).status).toBeLessThan(300);
      const cancelled = await finished(t, runId);
      expect(cancelled.status).toBe('cancelled');
      await waitFor(async () => ((await gauge('active_runs')) === 0 ? true : undefined), 10_000, 'active_runs back to 0');
      const { samples } = await scrape(t);
      expect(promValue(samples, `${P}tasks_total`, { agent: 'simulator', outcome: 'cancelled' })).toBe(1);
      // The agent call ends when the abort reaches it: poll rather than race it.
      await waitFor(
        async () => (promValue((await scrape(t)).samples, `${P}agent_requests_total`, { transport: 'local', agent: 'simulator', outcome: 'cancelled' }) === 1 ? true : undefined),
        10_000,
        'the cancelled agent call to be counted',
      );
      expect(promValue(samples, `${P}runs_finished_total`, { strategy: cancelled.strategy, status: 'cancelled' })).toBe(1);
    });

    it('counts a client of POST /v1/runs/stream (start and follow in one request) as an SSE subscriber too', async () => {
      const gauge = async () => promValue((await scrape(t)).samples, `${P}sse_subscribers`);
      const stream = new AbortController();
      let runId = '';
      try {
        const response = await fetch(`${t.url}/v1/runs/stream`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ plan: simulatorPlan([{ id: 'long', input: { durationMs: 120_000 } }]) }),
          signal: stream.signal,
        });
        expect(response.status).toBe(200);
        runId = response.headers.get('x-run-id') ?? '';
        await (response.body as ReadableStream<Uint8Array>).getReader().read();
        await waitFor(async () => ((await gauge()) === 1 ? true : undefined), 10_000, 'sse_subscribers 1');
      } finally {
        stream.abort();
      }
      await waitFor(async () => ((await gauge()) === 0 ? true : undefined), 10_000, 'sse_subscribers back to 0');
      expect((await del(`${t.url}/v1/runs/${runId}`)).status).toBeLessThan(300);
      expect((await finished(t, runId)).status).toBe('cancelled');
    });
  });

  describe.each([
    ['ENABLE_OBSERVABILITY=false', { ENABLE_OBSERVABILITY: 'false' }],
    ['ORCHESTRATION_MODE=basic', { ORCHESTRATION_MODE: 'basic' }],
  ])('with %s', (_what, env) => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(env);
    });

    afterAll(async () => {
      await t.close();
    });

    it('GET /metrics answers 404 METRICS_DISABLED, and GET /v1/stats still counts runs', async () => {
      const metrics = await get<{ code: string; message: string }>(`${t.url}/metrics`);
      expect(metrics.status).toBe(404);
      expect(metrics.body).toMatchObject({ code: 'METRICS_DISABLED', message: expect.stringContaining('ENABLE_OBSERVABILITY') });
      const view = await finished(t, await startRun(t, { plan: examplePlan('ecommerce-order') }));
      expect(view.status).toBe('completed');
      const stats = await get<Stats>(`${t.url}/v1/stats`);
      expect(stats.status).toBe(200);
      expect(stats.body).toMatchObject({ runsStarted: 1, runsFinished: 1, tasksCompleted: 5, tasksFailed: 0, successRate: 1, runStatuses: { completed: 1 } });
    });
  });
});
