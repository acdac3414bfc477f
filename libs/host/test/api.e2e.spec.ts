import { examplePlan, simulatorPlan } from './support/plans';
import { del, get, post, request, waitFor } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { path: string; reason: string; taskId?: string; code?: string }[];
}

describe('HTTP API (real app on a random port)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const finished = (runId: string) =>
    waitFor(async () => {
      const { body } = await get<{ status: string; result?: unknown }>(`${t.url}/v1/runs/${runId}`);
      return body.status === 'running' ? undefined : body;
    }, 5000, `run ${runId} to finish`);

  describe('POST /v1/runs', () => {
    it('accepts a plan: 202 with the run id, strategy, links and a Location header', async () => {
      const res = await post<{ runId: string; status: string; strategy: string; links: Record<string, string> }>(`${t.url}/v1/runs`, {
        plan: examplePlan('ecommerce-order'),
      });
      expect(res.status).toBe(202);
      const { runId } = res.body;
      expect(res.body).toEqual({
        runId: expect.any(String),
        status: 'running',
        strategy: 'hybrid',
        links: {
          self: `/v1/runs/${runId}`,
          events: `/v1/runs/${runId}/events`,
          cancel: `/v1/runs/${runId}`,
          nodes: `/v1/runs/${runId}/nodes`,
          input: `/v1/runs/${runId}/input`,
        },
      });
      expect(res.headers.get('location')).toBe(`/v1/runs/${runId}`);
      const done = await finished(runId);
      expect(done.status).toBe('completed');
    });

    it('accepts a request: the planner plans it first', async () => {
      const res = await post<{ runId: string }>(`${t.url}/v1/runs`, { request: 'Charge the card for order 1042 and email the customer' });
      expect(res.status).toBe(202);
      const done = await finished(res.body.runId);
      expect(done).toMatchObject({ status: 'completed', tasks: { payment: { status: 'completed' }, email: { status: 'completed' } } });
    });

    it('takes strategy, maxConcurrency, parallelThreshold and qualityPolicy', async () => {
      const res = await post<{ runId: string; strategy: string }>(`${t.url}/v1/runs`, {
        plan: examplePlan('ecommerce-order'),
        strategy: 'parallel',
        maxConcurrency: 2,
        parallelThreshold: 2,
        qualityPolicy: 'warn',
      });
      expect(res.status).toBe(202);
      expect(res.body.strategy).toBe('parallel');
      const done = await get<{ strategyReason: string }>(`${t.url}/v1/runs/${res.body.runId}`);
      expect(done.body.strategyReason).toBe('requested strategy parallel');
    });

    it('400 VALIDATION_FAILED names each bad field of the envelope, before the plan is looked at', async () => {
      const plan = examplePlan('ecommerce-order') as { tasks: Record<string, unknown>[] };
      plan.tasks[0].estimatedDuration = -5;
      const res = await post<ErrorBody>(`${t.url}/v1/runs`, { plan, maxConcurrency: 0, strategy: 'fastest' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { path: 'strategy', reason: expect.stringContaining('strategy must be one of') },
        { path: 'maxConcurrency', reason: 'maxConcurrency must not be less than 1' },
      ]);
    });

    it('422 INVALID_PLAN: the planner names each bad plan field, with its path from the body', async () => {
      const plan = examplePlan('ecommerce-order') as { tasks: Record<string, unknown>[] };
      plan.tasks[0].estimatedDuration = -5;
      plan.tasks[3].dependencis = ['payment'];
      const res = await post<ErrorBody>(`${t.url}/v1/runs`, { plan, maxConcurrency: 2 });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_PLAN');
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'INVALID_NUMBER', taskId: 'payment', path: 'plan.tasks[0].estimatedDuration' }),
        expect.objectContaining({ code: 'UNKNOWN_FIELD', taskId: plan.tasks[3].id, path: 'plan.tasks[3].dependencis', message: expect.stringContaining('dependencies') }),
      ]);
      expect(res.body.message).toMatch(/estimatedDuration.*\(and 1 more\)$/);
    });

    it('400 when neither or both of plan and request are given, or an unknown field', async () => {
      for (const body of [{}, { plan: simulatorPlan([{ id: 'a' }]), request: 'x' }, { request: 'x', extra: 1 }]) {
        const res = await post<ErrorBody>(`${t.url}/v1/runs`, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('400 INVALID_JSON for a malformed body, and for a body that is not an object', async () => {
      const malformed = await request<ErrorBody>('POST', `${t.url}/v1/runs`, '{"plan": {');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('INVALID_JSON');
      const array = await request<ErrorBody>('POST', `${t.url}/v1/runs`, '[1, 2]');
      expect(array.status).toBe(400);
      expect(array.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '', reason: expect.stringContaining('JSON object') }] });
    });

    it('422 INVALID_PLAN names the task and field (unknown agent, unknown dependency, cycle)', async () => {
      const plan = simulatorPlan([
        { id: 'a', agent: 'nobody' },
        { id: 'b', dependencies: ['c'] },
        { id: 'c', dependencies: ['b'] },
        { id: 'd', dependencies: ['ghost'] },
      ]);
      const res = await post<ErrorBody>(`${t.url}/v1/runs`, { plan });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_PLAN');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'UNKNOWN_AGENT', taskId: 'a', path: 'plan.tasks[0].agent' }),
          expect.objectContaining({ code: 'UNKNOWN_DEPENDENCY', taskId: 'd', path: 'plan.tasks[3].dependencies[0]' }),
        ]),
      );
      const cyclic = await post<ErrorBody>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'b', dependencies: ['c'] }, { id: 'c', dependencies: ['b'] }]) });
      expect(cyclic.status).toBe(422);
      expect(cyclic.body.details).toEqual([expect.objectContaining({ code: 'CYCLE', message: expect.stringMatching(/b.*c.*b|c.*b.*c/) })]);
      const empty = await post<ErrorBody>(`${t.url}/v1/runs`, { plan: { tasks: [] } });
      expect(empty.status).toBe(422);
      expect(empty.body.details).toEqual([expect.objectContaining({ code: 'EMPTY_PLAN' })]);
    });

    it('422 with the planning code for a request no agent can serve', async () => {
      const res = await post<ErrorBody>(`${t.url}/v1/runs`, { request: 'quantum flux capacitor recalibration' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_MATCHING_AGENT');
    });
  });

  describe('POST /v1/plans', () => {
    it('200 with the enriched plan', async () => {
      const res = await post<Record<string, unknown>>(`${t.url}/v1/plans`, {
        request: 'Charge the card for order 1042, reserve the items, then ship the order and email the customer',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tasks: expect.arrayContaining([expect.objectContaining({ agent: 'payment_processor' })]),
        criticalPath: expect.any(Array),
        estimatedTotalTime: expect.any(Number),
        estimatedParallelTime: expect.any(Number),
        parallelGroups: expect.any(Array),
        qualityValidationPlan: expect.any(Object),
        coordinationStrategy: expect.any(String),
      });
    });

    it('400 without a request, 422 EMPTY_REQUEST for a blank one, 422 LLM_NOT_CONFIGURED for the unset LLM planner', async () => {
      const missing = await post<ErrorBody>(`${t.url}/v1/plans`, {});
      expect(missing.status).toBe(400);
      expect(missing.body.details?.[0].path).toBe('request');
      const blank = await post<ErrorBody>(`${t.url}/v1/plans`, { request: '   ' });
      expect(blank.status).toBe(422);
      expect(blank.body.code).toBe('EMPTY_REQUEST');
      const llm = await post<ErrorBody>(`${t.url}/v1/plans`, { request: 'charge the card', planner: 'llm' });
      expect(llm.status).toBe(422);
      expect(llm.body.code).toBe('LLM_NOT_CONFIGURED');
      const unknown = await post<ErrorBody>(`${t.url}/v1/plans`, { request: 'charge the card', planner: 'magic' });
      expect(unknown.status).toBe(400);
    });
  });

  describe('GET /v1/runs', () => {
    it('pages newest first with an opaque cursor, no run twice, none left out', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: `p${i}` }]) });
        ids.push(res.body.runId);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const query = cursor === undefined ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
        const page = await get<{ items: { runId: string; taskCount: number }[]; nextCursor?: string }>(`${t.url}/v1/runs${query}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.runId));
        cursor = page.body.nextCursor;
      } while (cursor !== undefined);
      expect(new Set(seen).size).toBe(seen.length);
      // The five just made are the newest, in reverse order of creation.
      expect(seen.slice(0, 5)).toEqual([...ids].reverse());
      const first = await get<{ items: Record<string, unknown>[] }>(`${t.url}/v1/runs?limit=1`);
      expect(first.body.items[0]).toEqual({
        runId: ids[4],
        status: expect.any(String),
        strategy: expect.any(String),
        createdAt: expect.any(String),
        taskCount: 1,
        successful: expect.any(Number),
        failed: 0,
        skipped: 0,
      });
    });

    it('?status keeps the runs in those statuses, repeated or comma-separated, through its pages; 400 names a bad status', async () => {
      type Page = { items: { runId: string; status: string }[]; nextCursor?: string };
      const start = async (plan: Record<string, unknown>): Promise<string> => (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan })).body.runId;
      const failed = [await start(simulatorPlan([{ id: 'boom', maxRetries: 0, input: { failAlways: true } }])), await start(simulatorPlan([{ id: 'boom', maxRetries: 0, input: { failAlways: true } }]))];
      const completed = await start(simulatorPlan([{ id: 'fine' }]));
      for (const runId of [...failed, completed]) await finished(runId);

      const onlyFailed = await get<Page>(`${t.url}/v1/runs?status=failed&limit=100`);
      expect(onlyFailed.status).toBe(200);
      expect(onlyFailed.body.items.slice(0, 2).map((item) => item.runId)).toEqual([...failed].reverse());
      expect(onlyFailed.body.items.every((item) => item.status === 'failed')).toBe(true);
      // The next page of a filtered list stays filtered.
      const first = await get<Page>(`${t.url}/v1/runs?status=failed&limit=1`);
      expect(first.body.items.map((item) => item.runId)).toEqual([failed[1]]);
      const second = await get<Page>(`${t.url}/v1/runs?status=failed&limit=1&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
      expect(second.body.items.map((item) => item.runId)).toEqual([failed[0]]);
      for (const query of ['status=failed&status=completed', 'status=failed,completed']) {
        const both = await get<Page>(`${t.url}/v1/runs?${query}&limit=3`);
        expect(both.body.items.map((item) => item.runId)).toEqual([completed, failed[1], failed[0]]);
      }

      const bad = await get<ErrorBody>(`${t.url}/v1/runs?status=failed,done`);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(bad.body)).toContain('status');
    });

    it('400 for a bad limit or cursor', async () => {
      expect((await get<ErrorBody>(`${t.url}/v1/runs?limit=0`)).status).toBe(400);
      expect((await get<ErrorBody>(`${t.url}/v1/runs?limit=101`)).status).toBe(400);
      expect((await get<ErrorBody>(`${t.url}/v1/runs?limit=abc`)).body.code).toBe('VALIDATION_FAILED');
      const cursor = await get<ErrorBody>(`${t.url}/v1/runs?cursor=not-a-cursor`);
      expect(cursor.status).toBe(400);
      expect(cursor.body.code).toBe('INVALID_CURSOR');
    });
  });

  describe('GET /v1/runs/:id', () => {
    it('the state per task and, once ended, the result', async () => {
      const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: examplePlan('ecommerce-order') });
      const done = (await finished(body.runId)) as Record<string, unknown>;
      expect(done).toMatchObject({
        runId: body.runId,
        status: 'completed',
        strategy: 'hybrid',
        strategyReason: 'plan coordinationStrategy hybrid',
        createdAt: expect.any(String),
        tasks: {
          payment: { status: 'completed', agent: 'payment_processor', attempts: 1, dependencies: [], durationMs: expect.any(Number) },
          shipping: { status: 'completed', dependencies: ['payment', 'inventory'] },
        },
        result: { status: 'completed', successful: expect.arrayContaining(['payment', 'inventory', 'shipping', 'email', 'sms']) },
      });
    });

    it('404 RUN_NOT_FOUND for an unknown run (every run endpoint)', async () => {
      const unknown = `${t.url}/v1/runs/00000000-0000-0000-0000-000000000000`;
      for (const res of [
        await get<ErrorBody>(unknown),
        await get<ErrorBody>(`${unknown}/events`),
        await del<ErrorBody>(unknown),
        await post<ErrorBody>(`${unknown}/nodes`, { nodes: [{ id: 'x', description: 'x', agent: 'simulator' }] }),
        await post<ErrorBody>(`${unknown}/input`, { taskId: 'x', answer: 1 }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('RUN_NOT_FOUND');
      }
    });
  });

  describe('DELETE /v1/runs/:id', () => {
    it('202 cancelled; 409 RUN_FINISHED once it has ended', async () => {
      const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'slow', input: { durationMs: 60_000 } }]) });
      const cancelled = await del(`${t.url}/v1/runs/${body.runId}`);
      expect(cancelled.status).toBe(202);
      expect(cancelled.body).toEqual({ runId: body.runId, status: 'cancelled' });
      const again = await del<ErrorBody>(`${t.url}/v1/runs/${body.runId}`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RUN_FINISHED');
    });
  });

  describe('POST /v1/runs/:id/nodes and /input on a finished run', () => {
    it('409 RUN_FINISHED', async () => {
      const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'a' }]) });
      await finished(body.runId);
      const nodes = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/nodes`, { nodes: [{ id: 'b', description: 'b', agent: 'simulator' }] });
      expect(nodes.status).toBe(409);
      expect(nodes.body.code).toBe('RUN_FINISHED');
      const input = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/input`, { taskId: 'a', answer: 'yes' });
      expect(input.status).toBe(409);
      expect(input.body.code).toBe('RUN_FINISHED');
    });

    it('400 for bodies that do not validate', async () => {
      const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'a' }]) });
      const empty = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/nodes`, {});
      expect(empty.status).toBe(400);
      const badEdge = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/nodes`, { edges: [['a']] });
      expect(badEdge.status).toBe(400);
      expect(badEdge.body.details?.[0].path).toBe('edges');
      // Nodes are tasks: the planner's rules, 422 naming node and field.
      const badNode = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/nodes`, { nodes: [{ id: 'x', agent: 'simulator' }] });
      expect(badNode.status).toBe(422);
      expect(badNode.body.details).toEqual([{ code: 'MISSING_FIELD', path: 'nodes[0].description', taskId: 'x', message: expect.stringContaining('(nodes[0])') }]);
      const noAnswer = await post<ErrorBody>(`${t.url}/v1/runs/${body.runId}/input`, { taskId: 'a' });
      expect(noAnswer.status).toBe(400);
      expect(noAnswer.body.details?.[0].path).toBe('answer');
    });
  });

  describe('GET /v1/agents, /health, /docs-json', () => {
    it('lists the demo agents, the simulator and approval_agent', async () => {
      const res = await get<{ items: { name: string; skills: unknown[] }[] }>(`${t.url}/v1/agents`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((card) => card.name)).toEqual(
        expect.arrayContaining(['payment_processor', 'inventory_manager', 'shipping_agent', 'email_agent', 'sms_agent', 'simulator', 'approval_agent']),
      );
      expect(res.body.items.length).toBe(12);
    });

    it('health is up with runs in flight and agents registered', async () => {
      const res = await get<{ status: string; info: { orchestrator: Record<string, unknown> } }>(`${t.url}/health`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.info.orchestrator).toMatchObject({ status: 'up', agentsRegistered: 12, runsInFlight: expect.any(Number) });
    });

    it('serves the OpenAPI document generated from the DTOs', async () => {
      const res = await get<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(`${t.url}/docs-json`);
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/v1/plans', '/v1/runs', '/v1/runs/{id}', '/v1/runs/{id}/events', '/v1/runs/{id}/nodes', '/v1/runs/{id}/input', '/v1/agents', '/health']),
      );
      expect(res.body.components.schemas).toHaveProperty('PlanTaskDto');
      expect(res.body.components.schemas).toHaveProperty('CreateRunDto');
      const docs = await fetch(`${t.url}/docs`);
      expect(docs.status).toBe(200);
      await docs.text();
    });

    it('404 NOT_FOUND in the error shape for an unknown route', async () => {
      const res = await get<ErrorBody>(`${t.url}/v1/nothing`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });
  });
});
