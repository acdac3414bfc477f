import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { fuzzCases, fuzzTally, fuzzTimeout } from '../support/fuzz-budget';
import { del, get, post, request, type JsonResponse } from '../support/http';
import { examplePlan, simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { checkAnswer, StatusCounts } from './api-answers';
import { garbage, jsonMutation, jsonText, mutateJson, type JsonMutation } from './json-mutation';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(fuzzTimeout(60_000));

/**
 * Every endpoint's body, path and query over real HTTP, with random values and valid requests bent by
 * a few edits (a field replaced, deleted, renamed, wrapped in a list, turned into a string, an extra
 * key such as `__proto__`): the answer is the endpoint's success or a 4xx in the API's error shape,
 * never a 5xx (but for a remote agent card that is itself broken: 502 BAD_AGENT_CARD), and the server
 * still runs plans afterwards. An unedited valid request must succeed.
 */

// This file's share of FUZZ_RUNS is 0.15 (375 cases in npm test).
const BODY_CASES = fuzzCases(0.065);
const PATH_CASES = fuzzCases(0.03);
const QUERY_CASES = fuzzCases(0.025);
const CARD_CASES = fuzzCases(0.03);
const tally = fuzzTally('host/dto');

/** The e-commerce scenario at 1 ms per task: valid and quick. */
function basePlan(): Record<string, unknown> {
  const plan = structuredClone(examplePlan('ecommerce-order')) as { tasks: Record<string, unknown>[] };
  for (const task of plan.tasks) task.input = { durationMs: 1 };
  return plan;
}

type Endpoint = 'runs' | 'stream' | 'plans' | 'nodes' | 'input' | 'agents';

interface BodyCase {
  endpoint: Endpoint;
  variant: number;
  mutations: readonly JsonMutation[];
  contentType: string;
}

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', '', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'];

const bodyCase: fc.Arbitrary<BodyCase> = fc.record({
  endpoint: fc.constantFrom<Endpoint>('runs', 'stream', 'plans', 'nodes', 'input', 'agents'),
  variant: fc.nat({ max: 3 }),
  mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 5, arbitrary: fc.array(jsonMutation, { minLength: 1, maxLength: 3 }) }),
  contentType: fc.constantFrom(...CONTENT_TYPES),
});

/** Path segments that are not run ids, or are one bent: random text, traversal, bad percent-encoding, long. */
const pathId = (realIds: readonly string[]): fc.Arbitrary<{ id: string; raw: boolean }> =>
  fc.oneof(
    fc.record({ id: fc.string({ maxLength: 60 }), raw: fc.constant(false) }),
    fc.record({ id: fc.string({ unit: 'binary', maxLength: 30 }), raw: fc.constant(false) }),
    fc.record({ id: fc.constantFrom('..', '.', '%', '%E0%A4%A', '%00', '%2F', 'a%2Fb', '%ZZ', '%C0%AF', '__proto__', 'constructor', 'x'.repeat(2000)), raw: fc.constant(true) }),
    fc.record({
      id: fc.tuple(fc.constantFrom(...realIds), fc.nat(), fc.string({ maxLength: 3 })).map(([id, at, text]) => id.slice(0, at % (id.length + 1)) + text),
      raw: fc.constant(false),
    }),
    fc.record({ id: fc.constantFrom(...realIds), raw: fc.constant(false) }),
  );

const PATH_ACTIONS = ['get', 'delete', 'nodes', 'input', 'events'] as const;

/** `GET /v1/runs` query strings: known and unknown keys, numbers in every spelling, bent real cursors. */
const queryString = (cursor: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('limit', 'cursor', 'status') },
          { weight: 1, arbitrary: fc.constantFrom('limit[]', 'cursor[a]', 'status[]', 'status[0]', 'after', '', 'LIMIT') },
          { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
        ),
        fc.oneof(
          fc.constantFrom('0', '1', '20', '100', '101', '-1', '1.5', '1e2', '0x10', ' 5', 'NaN', 'Infinity', '', '9'.repeat(30), cursor),
          fc.constantFrom('failed', 'running,completed', 'partial,,failed', 'cancelled,nope', 'RUNNING', ' failed', 'paused', ','),
          fc.integer({ min: -5, max: 200 }).map(String),
          fc.tuple(fc.nat(), fc.string({ maxLength: 4 })).map(([at, text]) => cursor.slice(0, at % (cursor.length + 1)) + text + cursor.slice(at % (cursor.length + 1) + 1)),
          fc.string({ maxLength: 40 }),
          fc.string({ maxLength: 300 }),
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString());

/** A fetch response read as JSON (the text itself when it is not JSON: checkAnswer then says so). */
async function jsonAnswer(res: Response): Promise<JsonResponse<unknown>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body, text };
}

interface CardReply {
  status: number;
  type: string;
  body: string;
}

describe(`fuzzing every endpoint's body, path and query (${BODY_CASES + PATH_CASES + QUERY_CASES + CARD_CASES} requests): no 5xx`, () => {
  let t: TestApp;
  // Registers agents from fuzzed cards: a host of its own, whose catalog the other properties never plan on.
  let registrar: TestApp;
  let cards: { server: Server; url: string };
  let served: CardReply = { status: 404, type: 'text/plain', body: '' };
  let realCard: Record<string, unknown>;
  let holdRunId: string;
  let pausedRunId: string;
  let finishedRunId: string;
  let cursor: string;
  let unique = 0;
  /** Every run this file started: a path naming one of them is not an unknown run. */
  const started = new Set<string>();
  const statuses = new StatusCounts();

  async function startRun(plan: Record<string, unknown>): Promise<string> {
    const { runId } = (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan })).body;
    started.add(runId);
    return runId;
  }
  const startPausedRun = (): Promise<string> => startRun(examplePlan('approval-flow'));
  const startHoldRun = (): Promise<string> => startRun(simulatorPlan([{ id: 'hold', input: { durationMs: 600_000 } }]));

  beforeAll(async () => {
    // Hundreds of runs a minute: the per-caller run limit would answer them 429 instead of checking them.
    t = await startTestApp({ MAX_CONCURRENT_TASKS: '64', RATE_LIMIT_RUNS_PER_MINUTE: '0' });
    registrar = await startTestApp({ AGENT_ALLOWED_HOSTS: '127.0.0.1' });
    const server = createServer((_req, res) => {
      res.statusCode = served.status;
      if (served.type !== '') res.setHeader('content-type', served.type);
      res.end(served.status === 204 || served.status === 304 ? undefined : served.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cards = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    realCard = (await get(`${t.url}/.well-known/agent-card.json`)).body;
    holdRunId = await startHoldRun();
    pausedRunId = await startPausedRun();
    finishedRunId = await startRun(basePlan());
    await waitUntilEnded(finishedRunId);
    const page = await get<{ nextCursor?: string }>(`${t.url}/v1/runs?limit=1`);
    cursor = page.body.nextCursor ?? '';
    expect(cursor).not.toBe('');
  });

  afterAll(async () => {
    await del(`${t.url}/v1/runs/${holdRunId}`);
    await Promise.all([t?.close(), registrar?.close(), new Promise((resolve) => cards?.server.close(resolve))]);
    console.log(`fuzz dto: statuses ${statuses.toString()}`);
    tally.report();
  });

  async function waitUntilEnded(runId: string): Promise<string> {
    for (let polls = 0; polls < 1000; polls++) {
      const run = await get<{ status: string }>(`${t.url}/v1/runs/${runId}`);
      if (run.body.status !== 'running' && run.body.status !== 'pending') return run.body.status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`run ${runId} did not end`);
  }

  function validBody(endpoint: Endpoint, variant: number): Record<string, unknown> {
    unique++;
    switch (endpoint) {
      case 'runs':
      case 'stream':
        if (variant === 0) return { request: 'Charge the card for order 1042 and email the customer' };
        if (variant === 1) return { plan: basePlan(), strategy: 'parallel', maxConcurrency: 4, qualityPolicy: 'warn' };
        return { plan: basePlan() };
      case 'plans':
        return variant === 0 ? { request: 'Process the raw data and write the quarterly report', planner: 'deterministic' } : { request: 'Charge the card for order 1042' };
      case 'nodes': {
        const node = { id: `n${unique}`, description: 'added', agent: 'simulator', dependencies: [], input: { durationMs: 0 } };
        return variant === 0 ? { nodes: [node], dependsOn: ['hold'] } : { nodes: [node], edges: [['hold', node.id]] };
      }
      case 'input':
        return { taskId: 'approval', answer: variant === 0 ? 'yes' : { approved: true, approver: 'fuzz' } };
      case 'agents':
        return variant === 0 ? { cardUrl: `${cards.url}/c${unique}`, name: `fuzz_${unique}` } : { cardUrl: `${cards.url}/c${unique}/.well-known/agent-card.json`, name: `fuzz_${unique}` };
    }
  }

  /** POSTs to /v1/runs/stream: an event stream is read up to its first event, then dropped. */
  async function postStream(body: string, headers: Record<string, string>): Promise<JsonResponse<unknown> & { runId?: string; firstEvent?: string }> {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/v1/runs/stream`, { method: 'POST', headers, body, signal: controller.signal });
    if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) return jsonAnswer(res);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    // The first block may be the `retry:` hint: read up to the first event.
    const firstEvent = (): string | undefined => buffer.split('\n\n').slice(0, -1).find((block) => block.includes('\nevent: '));
    while (firstEvent() === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
    }
    controller.abort();
    return { status: res.status, headers: res.headers, body: undefined, text: buffer, runId: res.headers.get('x-run-id') ?? undefined, firstEvent: firstEvent() };
  }

  async function sendBody({ endpoint, variant, mutations, contentType }: BodyCase): Promise<void> {
    tally.count();
    const valid = validBody(endpoint, variant);
    const text = jsonText(mutateJson(valid, mutations));
    const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
    const unedited = mutations.length === 0 && contentType.startsWith('application/json') && !contentType.includes('latin1');
    const what = `POST ${endpoint} ${text.slice(0, 300)} (${contentType || 'no content-type'})`;
    if (endpoint === 'agents') served = { status: 200, type: 'application/json', body: JSON.stringify(realCard) };
    if (endpoint === 'stream') {
      const res = await postStream(text, headers);
      statuses.add(res.status);
      checkAnswer(what, res, { ok: [200] });
      if (unedited) expect(res.status).toBe(200);
      if (res.status === 200) {
        expect(res.firstEvent).toMatch(/^id: \d+\nevent: (planning|workflow_start)\ndata: \{/);
        expect(res.runId).toBeDefined();
        started.add(res.runId!);
        const cancelled = await del(`${t.url}/v1/runs/${res.runId}`);
        checkAnswer(`DELETE after ${what}`, cancelled, { ok: [202] });
      }
      return;
    }
    const base = endpoint === 'agents' ? registrar.url : t.url;
    const path = { runs: '/v1/runs', plans: '/v1/plans', nodes: `/v1/runs/${holdRunId}/nodes`, input: `/v1/runs/${pausedRunId}/input`, agents: '/v1/agents' }[endpoint];
    const res = await request<unknown>('POST', `${base}${path}`, text, headers);
    statuses.add(res.status);
    const ok = { runs: 202, plans: 200, nodes: 200, input: 200, agents: 201 }[endpoint];
    const code = checkAnswer(what, res, { ok: [ok], upstreamCodes: endpoint === 'agents' ? ['BAD_AGENT_CARD', 'AGENT_UNREACHABLE'] : [] });
    if (unedited && endpoint === 'input') expect([undefined, 'NOT_PAUSED']).toContain(code);
    else if (unedited) expect(res.status).toBe(ok);
    if (endpoint === 'runs' && res.status === 202) {
      const { runId } = res.body as { runId: string };
      started.add(runId);
      const cancelled = await del(`${t.url}/v1/runs/${runId}`);
      checkAnswer(`DELETE after ${what}`, cancelled, { ok: [202] });
    }
    // Answered: the next input cases need a run that waits again.
    if (endpoint === 'input' && res.status === 200) pausedRunId = await startPausedRun();
  }

  it('POST bodies of runs, runs/stream, plans, nodes, input and agents: random and bent valid bodies', async () => {
    await fc.assert(fc.asyncProperty(bodyCase, sendBody), { numRuns: BODY_CASES });
  });

  it('run ids in paths: GET, DELETE, nodes, input and events on random, bent and real ids', async () => {
    // Generated from the runs as they are now; a run replaced later still counts as started.
    const ids = [holdRunId, finishedRunId, pausedRunId];
    await fc.assert(
      fc.asyncProperty(pathId(ids), fc.constantFrom(...PATH_ACTIONS), async ({ id, raw }, action) => {
        tally.count();
        let url: URL;
        try {
          const base = `${t.url}/v1/runs/${raw ? id : encodeURIComponent(id)}`;
          url = new URL(action === 'get' || action === 'delete' ? base : `${base}/${action}`);
        } catch {
          return; // not a URL a client could send
        }
        const what = `${action} ${url.pathname.slice(0, 200)}`;
        let res: JsonResponse<unknown>;
        if (action === 'get') res = await request('GET', url.toString());
        else if (action === 'delete') res = await request('DELETE', url.toString());
        else if (action === 'nodes') res = await request('POST', url.toString(), { nodes: [{ id: `p${++unique}`, description: 'added', agent: 'simulator', dependencies: ['hold'] }] });
        else if (action === 'input') res = await request('POST', url.toString(), { taskId: 'approval', answer: 'no' });
        else {
          // A real run's events are a stream: that it starts is enough here.
          const controller = new AbortController();
          const answer = await fetch(url, { signal: controller.signal });
          if ((answer.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
            controller.abort();
            statuses.add(answer.status);
            expect(started.has(id)).toBe(true);
            return;
          }
          res = await jsonAnswer(answer);
        }
        statuses.add(res.status);
        const code = checkAnswer(what, res, { ok: action === 'delete' ? [202] : action === 'events' ? [] : [200] });
        // When the id stays one path segment (no "..", no "/"), an unknown run is 404 RUN_NOT_FOUND or a 400 about the segment.
        const [, v1, runs, segment, ...rest] = url.pathname.split('/');
        const oneSegment = v1 === 'v1' && runs === 'runs' && segment !== '' && rest.length === (action === 'get' || action === 'delete' ? 0 : 1);
        if (oneSegment && !started.has(id) && res.status !== 400) expect([res.status, code]).toEqual([404, 'RUN_NOT_FOUND']);
        if (action === 'delete' && id === holdRunId && res.status === 202) {
          holdRunId = await startHoldRun();
        }
        if (id === pausedRunId && (action === 'delete' || action === 'input') && res.status < 300) {
          pausedRunId = await startPausedRun();
        }
      }),
      { numRuns: PATH_CASES },
    );
  });

  it('GET /v1/runs?limit&cursor&status: numbers in every spelling, unknown keys, bent cursors and statuses', async () => {
    await fc.assert(
      fc.asyncProperty(queryString(cursor), async (query) => {
        tally.count();
        const res = await get<{ items?: { status?: unknown }[]; nextCursor?: unknown }>(`${t.url}/v1/runs?${query}`);
        statuses.add(res.status);
        const code = checkAnswer(`GET /v1/runs?${query}`, res, { ok: [200] });
        if (res.status === 200) {
          expect(Array.isArray(res.body.items)).toBe(true);
          const params = new URLSearchParams(query);
          const limit = params.getAll('limit');
          if (limit.length === 1) expect(res.body.items!.length).toBeLessThanOrEqual(Number(limit[0]));
          if (res.body.nextCursor !== undefined) expect(typeof res.body.nextCursor).toBe('string');
          // A status filter that was accepted holds for every item listed.
          const wanted = params.getAll('status').flatMap((value) => value.split(','));
          if (wanted.length > 0) for (const item of res.body.items!) expect(wanted).toContain(item.status);
        } else expect(['VALIDATION_FAILED', 'INVALID_CURSOR']).toContain(code);
        // A well-formed page request always succeeds.
        if (/^(limit=(100|[1-9][0-9]?)|status=(running|completed|partial|failed|cancelled))$/.test(query)) expect(res.status).toBe(200);
      }),
      { numRuns: QUERY_CASES },
    );
  });

  it('POST /v1/agents on remote cards that are bent, cut short, not JSON or not there: 201, 4xx or 502 BAD_AGENT_CARD', async () => {
    const cardText = JSON.stringify(realCard);
    const reply: fc.Arbitrary<CardReply> = fc.oneof(
      { weight: 6, arbitrary: fc.array(jsonMutation, { minLength: 1, maxLength: 4 }).map((ms) => ({ status: 200, type: 'application/json', body: jsonText(mutateJson(realCard, ms)) })) },
      { weight: 1, arbitrary: garbage.map((value) => ({ status: 200, type: 'application/json', body: jsonText(value) })) },
      { weight: 1, arbitrary: fc.nat().map((cut) => ({ status: 200, type: 'application/json', body: cardText.slice(0, cut % cardText.length) })) },
      {
        weight: 1,
        arbitrary: fc.record({ status: fc.constantFrom(200, 204, 301, 404, 500, 503), type: fc.constantFrom('text/html', 'application/json', ''), body: fc.oneof(fc.string(), fc.constant(cardText)) }),
      },
    );
    const cardUrl = fc.oneof(
      { weight: 8, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'file:///etc/passwd',
          'http://10.0.0.1/',
          'http://169.254.169.254/latest/meta-data',
          'http://[::1]:1/',
          'ftp://127.0.0.1/',
          'javascript:alert(1)',
          'http://127.0.0.1:1/',
          'http://user:pass@127.0.0.1:1/',
          'http://0.0.0.0:1/',
          'http://2130706433:1/',
          'not a url',
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(reply, cardUrl, fc.boolean(), async (card, url, named) => {
        tally.count();
        served = card;
        unique++;
        const body = { cardUrl: url === '' ? `${cards.url}/c${unique}` : url, ...(named ? { name: `card_${unique}` } : {}) };
        const res = await post<unknown>(`${registrar.url}/v1/agents`, body);
        statuses.add(res.status);
        checkAnswer(`POST /v1/agents ${JSON.stringify(body)} serving ${card.status} ${card.body.slice(0, 300)}`, res, { ok: [201], upstreamCodes: ['BAD_AGENT_CARD', 'AGENT_UNREACHABLE'] });
        // The catalog still lists, whatever was registered.
        const listed = await get<{ items: unknown[] }>(`${registrar.url}/v1/agents`);
        expect(listed.status).toBe(200);
      }),
      { numRuns: CARD_CASES },
    );
  });

  it('the servers are still up, the prototype is clean, and a valid plan still completes', async () => {
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
    for (const app of [t, registrar]) expect((await get(`${app.url}/health`)).status).toBe(200);
    const run = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: basePlan() });
    expect(run.status).toBe(202);
    expect(await waitUntilEnded(run.body.runId)).toBe('completed');
    expect((await get(`${t.url}/v1/runs`)).status).toBe(200);
  });
});
