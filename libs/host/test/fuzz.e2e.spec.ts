import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../src/http/body/json-body';
import { fuzzCases, fuzzTally, fuzzTimeout } from './support/fuzz-budget';
import { examplePlan, simulatorPlan } from './support/plans';
import { get, post, rawPost, request } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(fuzzTimeout(60_000));

/**
 * Fuzzing the API's input over real HTTP: random JSON, mutated valid plans (wrong types, missing and
 * extra fields, huge numbers, nested garbage), malformed text, JSON nested thousands deep, compressed
 * bodies that are corrupt or lie about their encoding, multi-megabyte strings. Every answer is a 4xx, or
 * the success code for a body that happens to be valid — never a 5xx — and the server stays up.
 */

// This file's share of FUZZ_RUNS is 0.616 (1 540 bodies in npm test).
const RUN_CASES = fuzzCases(0.24);
const PLAN_CASES = fuzzCases(0.1);
const NODE_CASES = fuzzCases(0.12);
const DEEP_CASES = fuzzCases(0.06);
const ENCODING_CASES = fuzzCases(0.08);
const HUGE_CASES = fuzzCases(0.016);
const ALL_CASES = RUN_CASES + PLAN_CASES + NODE_CASES + DEEP_CASES + ENCODING_CASES + HUGE_CASES;
const tally = fuzzTally('host/fuzz.e2e');

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    -1,
    0,
    0.5,
    1,
    '',
    ' ',
    'x'.repeat(20_000),
    null,
    [],
    {},
    [[]],
    [{}],
    true,
    false,
    '__proto__',
    'constructor',
    'simulator',
    'payment',
    'auto',
    'GENERIC',
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  ),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string(), { maxLength: 4 }),
);

const PLAN_FIELDS = [
  'name',
  'description',
  'request',
  'coordinationStrategy',
  'parallelThreshold',
  'maxConcurrency',
  'qualityPolicy',
  'tasks',
  'criticalPath',
  'estimatedTotalTime',
  'estimatedParallelTime',
  'parallelGroups',
  'qualityValidationPlan',
  'resourceBreakdown',
  'risks',
];
const TASK_FIELDS = [
  'id',
  'description',
  'agent',
  'dependencies',
  'input',
  'qualityDomain',
  'qualityThreshold',
  'qualityPolicy',
  'estimatedDuration',
  'parallelSafe',
  'priority',
  'timeoutMs',
  'maxRetries',
];
const RUN_FIELDS = ['plan', 'request', 'planner', 'strategy', 'maxConcurrency', 'parallelThreshold', 'qualityPolicy'];

interface Mutation {
  where: 'body' | 'plan' | 'task' | 'dependency' | 'input';
  field: string;
  index: number;
  action: 'set' | 'delete' | 'extra';
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  where: fc.constantFrom('body', 'plan', 'task', 'task', 'task', 'dependency', 'input'),
  field: fc.oneof(fc.constantFrom(...PLAN_FIELDS, ...TASK_FIELDS, ...RUN_FIELDS), fc.string({ maxLength: 8 })),
  index: fc.nat({ max: 5 }),
  action: fc.constantFrom('set', 'set', 'delete', 'extra'),
  value: garbage,
});

type Json = Record<string, unknown>;

function mutate(body: Json, mutations: Mutation[]): Json {
  for (const m of mutations) {
    const plan = body.plan as Json | undefined;
    const tasks = Array.isArray(plan?.tasks) ? (plan?.tasks as unknown[]) : [];
    const task = tasks[m.index % Math.max(1, tasks.length)] as Json | undefined;
    let target: Json | undefined;
    if (m.where === 'body') target = body;
    else if (m.where === 'plan') target = typeof plan === 'object' && plan !== null && !Array.isArray(plan) ? plan : undefined;
    else if (typeof task === 'object' && task !== null && !Array.isArray(task)) {
      if (m.where === 'task') target = task;
      else if (m.where === 'input') target = typeof task.input === 'object' && task.input !== null ? (task.input as Json) : task;
      else if (Array.isArray(task.dependencies)) {
        (task.dependencies as unknown[]).push(m.value);
        continue;
      }
    }
    if (!target) continue;
    const field = m.action === 'extra' ? `extra_${m.field}` : m.field;
    if (m.action === 'delete') delete target[field];
    else Object.defineProperty(target, field, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}

/** The e-commerce scenario at 1 ms per task: valid, fast. */
function basePlan(): Json {
  const plan = structuredClone(examplePlan('ecommerce-order')) as Json & { tasks: Json[] };
  for (const task of plan.tasks) task.input = { durationMs: 1 };
  return plan;
}

const runBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => JSON.stringify(mutate({ plan: basePlan() }, ms))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...RUN_FIELDS), garbage).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.record({ request: fc.string({ maxLength: 200 }) }).map((value) => JSON.stringify(value)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(mutation, { maxLength: 2 }), fc.nat())
      .map(([ms, cut]) => {
        const text = JSON.stringify(mutate({ plan: basePlan() }, ms));
        return text.slice(0, cut % text.length); // malformed: cut short
      }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
);

const planBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ request: fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('charge the card for order 1042 and email the customer', 'ship it', '')) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('request', 'planner', 'extra'), garbage).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
);

const nodeBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat())
      .map(([ms, n, k]) => {
        const node: Json = { id: `n${n}`, description: 'added', agent: 'simulator', dependencies: ['hold'], input: { durationMs: 0 } };
        const body = mutate({ plan: { tasks: [node] } }, ms.map((m) => ({ ...m, where: m.where === 'plan' ? 'task' : m.where })));
        const nodes = (body.plan as Json | undefined)?.tasks;
        return JSON.stringify(k % 3 === 0 ? { nodes, dependsOn: ['hold'] } : { nodes });
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ nodes: garbage, edges: fc.oneof(garbage, fc.array(fc.array(fc.constantFrom('hold', 'n1', 'x', ''), { maxLength: 3 }), { maxLength: 3 })), dependsOn: garbage }, { requiredKeys: [] })
      .map((v) => JSON.stringify(v)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
);

/** `inner` wrapped in `depth` arrays or objects, mixed by the bits of `mix`: e.g. `[{"k":[inner]}]`. */
function nest(inner: string, depth: number, mix: number): string {
  let text = inner;
  for (let i = 0; i < depth; i++) text = (mix >>> i % 31) & 1 ? `[${text}]` : `{"k":${text}}`;
  return text;
}

/**
 * A valid plan with a deeply nested value put where a field or an input goes, and the nesting depth of
 * the whole body (0 when the nested text is inside a string, where it is not nesting).
 */
const deepBody: fc.Arbitrary<{ body: string; depth: number }> = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.integer(), fc.constantFrom('input', 'plan', 'field', 'body', 'string'))
  .map(([levels, mix, where]) => {
    const deep = nest('1', levels, mix);
    const plan = basePlan() as Json & { tasks: Json[] };
    // body → plan → tasks → task → input → deep
    if (where === 'input') return { body: JSON.stringify({ plan }).replace('"input":{', `"input":{"deep":${deep},`), depth: 5 + levels };
    if (where === 'plan') return { body: `{"plan":${deep}}`, depth: 1 + levels };
    if (where === 'field') return { body: JSON.stringify({ plan }).replace('"tasks":', `"extra":${deep},"tasks":`), depth: 2 + levels };
    if (where === 'string') return { body: JSON.stringify({ plan: { ...plan, description: deep } }), depth: 0 };
    return { body: deep, depth: levels };
  });

/** Bytes with a Content-Encoding: random garbage, a real body cut short or with bytes flipped, or an unknown coding. */
const encodedBody: fc.Arbitrary<{ bytes: Buffer; encoding: string }> = fc.oneof(
  fc.record({ bytes: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), encoding: fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'identity') }),
  fc
    .tuple(fc.constantFrom('gzip', 'deflate', 'br'), fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean())
    .map(([encoding, cut, flips, truncate]) => {
      const plain = JSON.stringify({ plan: basePlan() });
      const compress = encoding === 'gzip' ? gzipSync : encoding === 'deflate' ? deflateSync : brotliCompressSync;
      const bytes = Buffer.from(compress(plain));
      for (const flip of flips) bytes[flip % bytes.length] ^= 0xff;
      return { bytes: truncate ? bytes.subarray(0, cut % bytes.length) : bytes, encoding };
    }),
  fc.record({ bytes: fc.constant(Buffer.from('{"request":"ship it"}')), encoding: fc.oneof(fc.constantFrom('compress', 'zstd', 'gzip, gzip', 'GZIP', ''), fc.string({ maxLength: 20 })) }),
);

/** A plan or a request with a multi-megabyte string as an id, a description, an agent, a key or the request. */
const hugeBody: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100_000, max: 3_000_000 }), fc.constantFrom('id', 'description', 'agent', 'key', 'request', 'input', 'dependency'))
  .map(([size, where]) => {
    const huge = 'x'.repeat(size);
    if (where === 'request') return JSON.stringify({ request: huge });
    const plan = basePlan() as Json & { tasks: Json[] };
    const task = plan.tasks[0];
    if (where === 'key') task[huge] = 1;
    else if (where === 'input') task.input = { huge };
    else if (where === 'dependency') task.dependencies = [huge];
    else task[where] = huge;
    return JSON.stringify({ plan });
  });

describe(`fuzzing the API input (fast-check, ${ALL_CASES} bodies): only 4xx or success, never 5xx`, () => {
  let t: TestApp;
  const statuses = new Map<number, number>();
  let total = 0;

  beforeAll(async () => {
    // Thousands of runs a minute: the per-caller run limit would answer most of them 429 instead of checking them.
    t = await startTestApp({ MAX_CONCURRENT_TASKS: '64', RATE_LIMIT_RUNS_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await t.close();
    console.log(`fuzz: ${total} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    tally.report();
  });

  async function send(path: string, body: string | Buffer, ok: number, headers: Record<string, string> = {}): Promise<string | undefined> {
    const res = await rawPost(`${t.url}${path}`, body, { 'content-type': 'application/json', ...headers });
    total++;
    tally.count();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status !== ok && (res.status < 400 || res.status >= 500)) {
      const shown = typeof body === 'string' ? body.slice(0, 500) : `${body.length} bytes ${JSON.stringify(headers)}`;
      throw new Error(`POST ${path} answered ${res.status} ${JSON.stringify(res.body).slice(0, 500)} for ${shown}`);
    }
    if (res.status >= 400) {
      const error = res.body as { statusCode?: unknown; code?: unknown; message?: unknown };
      expect(error.statusCode).toBe(res.status);
      expect(typeof error.code).toBe('string');
      expect(typeof error.message).toBe('string');
      return error.code as string;
    }
    return undefined;
  }

  it('POST /v1/runs', async () => {
    await fc.assert(fc.asyncProperty(runBody, async (body) => void (await send('/v1/runs', body, 202))), { numRuns: RUN_CASES });
  });

  it('POST /v1/plans', async () => {
    await fc.assert(fc.asyncProperty(planBody, async (body) => void (await send('/v1/plans', body, 200))), { numRuns: PLAN_CASES });
  });

  it('POST /v1/runs/:id/nodes on a running run', async () => {
    const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'hold', input: { durationMs: 600_000 } }]) });
    await fc.assert(fc.asyncProperty(nodeBody, async (nodes) => void (await send(`/v1/runs/${body.runId}/nodes`, nodes, 200))), { numRuns: NODE_CASES });
    await request('DELETE', `${t.url}/v1/runs/${body.runId}`);
  });

  it('JSON nested up to 3 000 deep, anywhere in the body: 400 JSON_TOO_DEEP or an answer about the plan', async () => {
    await fc.assert(
      fc.asyncProperty(deepBody, async ({ body, depth }) => {
        const code = await send('/v1/runs', body, 202);
        if (depth > MAX_JSON_DEPTH) expect(code).toBe('JSON_TOO_DEEP');
        else expect(code).not.toBe('JSON_TOO_DEEP');
      }),
      { numRuns: DEEP_CASES },
    );
  });

  it('compressed bodies that are corrupt, cut short or in an unknown coding', async () => {
    await fc.assert(
      fc.asyncProperty(encodedBody, fc.constantFrom('/v1/runs', '/v1/plans'), async ({ bytes, encoding }, path) => {
        await send(path, bytes, path === '/v1/plans' ? 200 : 202, encoding === '' ? {} : { 'content-encoding': encoding });
      }),
      { numRuns: ENCODING_CASES },
    );
  });

  it('multi-megabyte strings in ids, descriptions, agents, keys, inputs, dependencies and requests', async () => {
    await fc.assert(
      fc.asyncProperty(hugeBody, async (body) => {
        const isRequest = body.startsWith('{"request"');
        await send(isRequest ? '/v1/plans' : '/v1/runs', body, isRequest ? 200 : 202);
      }),
      { numRuns: HUGE_CASES },
    );
  });

  it('the server is still up and still runs plans', async () => {
    expect(total).toBeGreaterThanOrEqual(ALL_CASES);
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
    const health = await get(`${t.url}/health`);
    expect(health.status).toBe(200);
    const run = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: basePlan() });
    expect(run.status).toBe(202);
  });
});
