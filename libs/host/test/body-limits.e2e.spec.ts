import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { OrchestratorConfigError } from '@a2a-mcp/orchestration';
import { MAX_JSON_DEPTH } from '../src/http/body/json-body';
import { simulatorPlan } from './support/plans';
import { post, rawPost, waitFor, type JsonResponse } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { code?: string; path: string; reason?: string; taskId?: string; message?: string }[];
}

/** Sends bytes as they are (compressed, oddly encoded, deeply nested) as JSON. */
function send(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<JsonResponse<ErrorBody>> {
  return rawPost<ErrorBody>(url, body, { 'content-type': 'application/json', ...headers });
}

/** `{"plan": [[[…]]]}` with `depth` levels in all (the body object counts as one). */
function nestedBody(depth: number): string {
  return `{"plan":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

const JSON_ROUTES = ['/v1/runs', '/v1/runs/stream', '/v1/plans', '/v1/runs/some-run/nodes', '/v1/runs/some-run/input'];

describe('request bodies: no 5xx for bad bytes, bounded size, bounded depth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it(`400 JSON_TOO_DEEP on every JSON route for ~2 000 levels in 4 KB, before anything walks the body`, async () => {
    const deep = nestedBody(2000);
    expect(deep.length).toBeLessThan(4100);
    for (const route of JSON_ROUTES) {
      const res = await send(`${t.url}${route}`, deep);
      expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 400, code: 'JSON_TOO_DEEP' });
      expect(res.body.message).toContain(`${MAX_JSON_DEPTH} levels`);
    }
    // Objects count like arrays; brackets inside strings do not count at all.
    const objects = `{"plan":{"tasks":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}}`;
    expect((await send(`${t.url}/v1/runs`, objects)).body.code).toBe('JSON_TOO_DEEP');
    const inString = JSON.stringify({ plan: simulatorPlan([{ id: 'a', description: '['.repeat(5000) }]) });
    expect((await send(`${t.url}/v1/runs`, inString)).status).toBe(202);
  });

  it(`takes exactly ${MAX_JSON_DEPTH} levels; one more is refused`, async () => {
    const atLimit = await send(`${t.url}/v1/runs`, nestedBody(MAX_JSON_DEPTH));
    // Not refused for its depth: the plan (an array here) then fails the envelope.
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.code).toBe('VALIDATION_FAILED');
    const over = await send(`${t.url}/v1/runs`, nestedBody(MAX_JSON_DEPTH + 1));
    expect(over.body.code).toBe('JSON_TOO_DEEP');
  });

  it('a compressed body is read; a corrupt one is 400 INVALID_BODY_ENCODING; an unknown encoding or charset is 415', async () => {
    const plan = JSON.stringify({ plan: simulatorPlan([{ id: 'zipped' }]) });
    expect((await send(`${t.url}/v1/runs`, gzipSync(plan), { 'content-encoding': 'gzip' })).status).toBe(202);
    expect((await send(`${t.url}/v1/runs`, brotliCompressSync(plan), { 'content-encoding': 'br' })).status).toBe(202);

    const corrupt: [string, Buffer][] = [
      ['gzip', Buffer.from('this is not gzip at all')],
      ['gzip', gzipSync(plan).subarray(0, 12)],
      ['deflate', Buffer.from('garbage!!')],
      ['deflate', deflateSync(plan).subarray(0, 6)],
      ['br', Buffer.from('garbage!!')],
    ];
    for (const [encoding, bytes] of corrupt) {
      const res = await send(`${t.url}/v1/runs`, bytes, { 'content-encoding': encoding });
      expect({ encoding, status: res.status, code: res.body.code }).toEqual({ encoding, status: 400, code: 'INVALID_BODY_ENCODING' });
      expect(res.body.message).toContain(`not valid ${encoding} data`);
    }

    const compress = await send(`${t.url}/v1/runs`, plan, { 'content-encoding': 'compress' });
    expect([compress.status, compress.body.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
    for (const charset of ['latin1', 'utf-16le']) {
      const res = await send(`${t.url}/v1/runs`, plan, { 'content-type': `application/json; charset=${charset}` });
      expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
      expect(res.body.message).toContain('UTF-8');
    }
  });

  it('errors that repeat input stay small: a 1 MB unknown field, a 1 MB task id', async () => {
    const hugeKey = await send(`${t.url}/v1/runs`, JSON.stringify({ plan: simulatorPlan([{ id: 'a' }]), ['k'.repeat(1_000_000)]: 1 }));
    expect(hugeKey.status).toBe(400);
    expect(hugeKey.body.details?.[0].path).toMatch(/^k+…$/);
    expect(hugeKey.text.length).toBeLessThan(1000);

    const hugeId = await send(`${t.url}/v1/runs`, JSON.stringify({ plan: simulatorPlan([{ id: 'x'.repeat(1_000_000) }]) }));
    expect(hugeId.status).toBe(422);
    expect(hugeId.body.details?.[0]).toMatchObject({ code: 'ID_TOO_LONG', path: 'plan.tasks[0].id' });
    expect(hugeId.text.length).toBeLessThan(2000);
  });

  it('a plan with many issues lists at most 100 of them; the message counts them all', async () => {
    const tasks = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, agent: 'simulator' }));
    const res = await send(`${t.url}/v1/runs`, JSON.stringify({ plan: { tasks } }));
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveLength(100);
    expect(res.body.message).toMatch(/\(and 499 more\)$/);
  });
});

describe('limits configured at boot', () => {
  it('refuses bad MAX_BODY_BYTES and PLAN_MAX_* values, naming each variable', async () => {
    const boot = startTestApp({ MAX_BODY_BYTES: '0', PLAN_MAX_TASKS: 'many', PLAN_MAX_INPUT_BYTES: '-5' });
    await expect(boot).rejects.toBeInstanceOf(OrchestratorConfigError);
    await expect(boot).rejects.toThrow(/MAX_BODY_BYTES="0".*PLAN_MAX_TASKS="many".*PLAN_MAX_INPUT_BYTES="-5"/);
  });

  describe('with small limits', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ MAX_BODY_BYTES: '2000', PLAN_MAX_TASKS: '3', PLAN_MAX_ID_LENGTH: '12', PLAN_MAX_INPUT_BYTES: '64' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('413 PAYLOAD_TOO_LARGE names MAX_BODY_BYTES, counted after decompression', async () => {
      const big = JSON.stringify({ request: 'x'.repeat(3000) });
      const res = await send(`${t.url}/v1/plans`, big);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than the limit of 2000 bytes (MAX_BODY_BYTES)' });
      // 100 KB of zeros gzip to ~100 bytes: the limit applies to what they expand to.
      const bomb = gzipSync(JSON.stringify({ request: '0'.repeat(100_000) }));
      expect(bomb.length).toBeLessThan(2000);
      expect((await send(`${t.url}/v1/plans`, bomb, { 'content-encoding': 'gzip' })).body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('POST /v1/runs and /v1/runs/stream hold a submitted plan to PLAN_MAX_TASKS', async () => {
      const plan = simulatorPlan([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }]);
      for (const route of ['/v1/runs', '/v1/runs/stream']) {
        const res = await post<ErrorBody>(`${t.url}${route}`, { plan });
        expect(res.status).toBe(422);
        expect(res.body.details).toEqual([expect.objectContaining({ code: 'TOO_MANY_TASKS', path: 'plan.tasks' })]);
      }
    });

    it('POST /v1/plans holds the planned plan to PLAN_MAX_TASKS', async () => {
      const res = await post<ErrorBody>(`${t.url}/v1/plans`, {
        request: 'Charge the card for order 1042, reserve the items, then ship the order, email the customer and send an SMS',
      });
      expect(res.status).toBe(422);
      expect(res.body.details?.[0]).toMatchObject({ code: 'TOO_MANY_TASKS', path: 'plan.tasks' });
    });

    it('nodes added to a run are held to PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH and PLAN_MAX_INPUT_BYTES', async () => {
      const started = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'hold', input: { durationMs: 60_000 } }]) });
      expect(started.status).toBe(202);
      const nodes = `${t.url}/v1/runs/${started.body.runId}/nodes`;
      const node = (id: string, input: Record<string, unknown> = {}) => ({ id, description: id, agent: 'simulator', dependencies: ['hold'], input });
      try {
        const tooMany = await post<ErrorBody>(nodes, { nodes: [node('a'), node('b'), node('c'), node('d')] });
        expect(tooMany.status).toBe(422);
        expect(tooMany.body.details).toEqual([expect.objectContaining({ code: 'TOO_MANY_TASKS', path: 'nodes' })]);
        const longId = await post<ErrorBody>(nodes, { nodes: [node('1234567890abc')] });
        expect(longId.body.details?.[0]).toMatchObject({ code: 'ID_TOO_LONG', path: 'nodes[0].id' });
        const bigInput = await post<ErrorBody>(nodes, { nodes: [node('a', { note: 'y'.repeat(100) })] });
        expect(bigInput.body.details?.[0]).toMatchObject({ code: 'INPUT_TOO_LARGE', path: 'nodes[0].input', taskId: 'a' });
        // Three nodes, each depending on the running task: within every limit.
        const fine = await post<{ added: string[] }>(nodes, { nodes: [node('a'), node('b'), node('c')] });
        expect(fine.status).toBe(200);
        expect(fine.body.added).toEqual(['a', 'b', 'c']);
      } finally {
        await fetch(`${t.url}/v1/runs/${started.body.runId}`, { method: 'DELETE' });
      }
    });
  });
});

describe('nodes follow the planner task rules', () => {
  let t: TestApp;
  let runId: string;
  let nodes: string;

  beforeAll(async () => {
    t = await startTestApp();
    const started = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'hold', input: { durationMs: 60_000 } }, { id: 'other' }]) });
    runId = started.body.runId;
    nodes = `${t.url}/v1/runs/${runId}/nodes`;
    await waitFor(async () => {
      const res = await fetch(`${t.url}/v1/runs/${runId}`);
      const view = (await res.json()) as { tasks: Record<string, { status: string }> };
      return view.tasks.other.status === 'completed' ? true : undefined;
    });
  });

  afterAll(async () => {
    await fetch(`${t.url}/v1/runs/${runId}`, { method: 'DELETE' });
    await t.close();
  });

  it('names each bad field of each node, suggests the field meant, and adds nothing', async () => {
    const res = await post<ErrorBody>(nodes, {
      nodes: [
        { id: 'n1', description: 'ok', agent: 'simulator', dependencies: ['hold'] },
        { id: 'n2', description: 'bad', agent: 'simulator', estimatedDuration: -1, dependsOn: ['hold'] },
        { id: 'n3', description: 'bad', agent: 'simulator', dependencies: ['n1', 'n1'] },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FIELD', path: 'nodes[1].dependsOn', taskId: 'n2', message: expect.stringContaining('did you mean "dependencies"') }),
      expect.objectContaining({ code: 'INVALID_NUMBER', path: 'nodes[1].estimatedDuration', taskId: 'n2' }),
      expect.objectContaining({ code: 'DUPLICATE_DEPENDENCY', path: 'nodes[2].dependencies[1]', taskId: 'n3' }),
    ]);
    for (const detail of res.body.details ?? []) expect(detail.message).not.toMatch(/tasks\[/);
    const view = (await (await fetch(`${t.url}/v1/runs/${runId}`)).json()) as { tasks: Record<string, unknown> };
    expect(Object.keys(view.tasks)).toEqual(['hold', 'other']);
  });

  it('a node may depend on running and finished tasks of the run and on nodes of the same change; a cycle among new nodes is refused', async () => {
    const added = await post<{ added: string[] }>(nodes, {
      nodes: [
        { id: 'after-both', description: 'x', agent: 'simulator', dependencies: ['hold', 'other', 'first'] },
        { id: 'first', description: 'x', agent: 'simulator', dependencies: ['other'] },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body.added).toEqual(['after-both', 'first']);
    const view = (await (await fetch(`${t.url}/v1/runs/${runId}`)).json()) as { tasks: Record<string, { dependencies: string[] }> };
    expect(view.tasks['after-both'].dependencies).toEqual(['hold', 'other', 'first']);

    const cycle = await post<ErrorBody>(nodes, {
      nodes: [
        { id: 'p', description: 'x', agent: 'simulator', dependencies: ['q', 'hold'] },
        { id: 'q', description: 'x', agent: 'simulator', dependencies: ['p'] },
      ],
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.details).toEqual([expect.objectContaining({ code: 'CYCLE', path: expect.stringMatching(/^nodes\[[01]\]\.dependencies$/) })]);
  });

  it('a new node reusing the id of a task of the run is the graph’s conflict (409 DUPLICATE_NODE)', async () => {
    const res = await post<ErrorBody>(nodes, { nodes: [{ id: 'other', description: 'again', agent: 'simulator' }] });
    expect([res.status, res.body.code]).toEqual([409, 'DUPLICATE_NODE']);
  });
});
