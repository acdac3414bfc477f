import { isJsonRpcError } from '@a2a-js/sdk/errors';
import type { Client } from '@a2a-js/sdk/client';
import type { StreamResponse, Task } from '@a2a-js/sdk';
import { get } from '../support/http';
import { examplePlan, simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  a2aClient,
  artifactData,
  asTask,
  collect,
  dataPart,
  sendRequest,
  stateName,
  statesOf,
  statusText,
  textPart,
  userMessage,
} from './support/a2a-client';

// Real server, real runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

interface RunDetails {
  runId: string;
  status: string;
  tasks: Record<string, { status: string; agent: string; output?: unknown }>;
  result?: Record<string, unknown>;
}

/** The status texts of a stream, in order. */
function texts(events: StreamResponse[]): string[] {
  return events.flatMap((event) => (event.payload?.$case === 'statusUpdate' ? [statusText(event.payload.value)] : []));
}

/** What a stream said, one line per event: `status working: task payment started ...`, `artifact task/payment`. */
function lines(events: StreamResponse[]): string[] {
  return events.map((event) => {
    const payload = event.payload;
    if (payload?.$case === 'statusUpdate') return `status ${stateName(payload.value.status?.state)}: ${statusText(payload.value)}`;
    if (payload?.$case === 'artifactUpdate') return `artifact ${payload.value.artifact?.artifactId ?? '?'}`;
    if (payload?.$case === 'task') return `task ${stateName(payload.value.status?.state)}`;
    return payload?.$case ?? 'none';
  });
}

/** The error a promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('the host as an A2A agent: SendMessage and SendStreamingMessage', () => {
  afterEach(() => jest.restoreAllMocks());
  let host: TestApp;
  let client: Client;

  beforeAll(async () => {
    host = await startTestApp();
    client = await a2aClient(host.url);
  });
  afterAll(() => host.close());

  it('runs a plan sent as a data part: the task id is the run id, every task output is an artifact, the result the last', async () => {
    const message = userMessage([dataPart(examplePlan('ecommerce-order'))]);
    const task = asTask(await client.sendMessage(sendRequest(message)));

    expect(stateName(task.status?.state)).toBe('completed');
    expect(statusText(task)).toBe('run completed: 5/5 tasks completed');
    const run = (await get<RunDetails>(`${host.url}/v1/runs/${task.id}`)).body;
    expect(run).toMatchObject({ runId: task.id, status: 'completed' });

    const taskIds = Object.keys(run.tasks);
    expect(taskIds).toEqual(['payment', 'inventory', 'shipping', 'email', 'sms']);
    expect(task.artifacts.map((artifact) => artifact.artifactId).sort()).toEqual([...taskIds.map((id) => `task/${id}`), 'run/result'].sort());
    for (const id of taskIds) {
      expect(task.artifacts.find((artifact) => artifact.artifactId === `task/${id}`)?.name).toBe(id);
      expect(artifactData(task, `task/${id}`)).toEqual(run.tasks[id].output);
    }
    // The result artifact is the REST view's result (the CLI's --json object).
    expect(artifactData(task, 'run/result')).toEqual(run.result);
    expect(task.artifacts[task.artifacts.length - 1].artifactId).toBe('run/result');

    // History: the user's message first (now on the run's task), the headline last.
    expect(task.history[0]).toMatchObject({ messageId: message.messageId, taskId: task.id });
    expect(statusText({ status: { message: task.history[task.history.length - 1] } })).toBe('run completed: 5/5 tasks completed');
  });

  it('streams the run: the task, then a working update per task started and ended in order, each output, the result, completed', async () => {
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart({ plan: examplePlan('ecommerce-order') })]))));

    const first = events[0].payload;
    expect(first?.$case).toBe('task');
    const task = (first as { value: Task }).value;
    expect(stateName(task.status?.state)).toBe('working');

    const states = statesOf(events);
    expect(states[states.length - 1]).toBe('completed');
    expect(states.slice(0, -1).every((state) => state === 'working')).toBe(true);
    const said = lines(events);
    expect(said[said.length - 2]).toBe('artifact run/result');
    expect(said[said.length - 1]).toBe('status completed: run completed: 5/5 tasks completed');

    const at = (line: string): number => {
      const index = said.indexOf(line);
      expect({ line, found: index >= 0 }).toEqual({ line, found: true });
      return index;
    };
    const completedAt = (id: string): number => said.findIndex((line) => new RegExp(`^status working: task ${id} completed \\(\\d/5\\)$`).test(line));
    for (const id of ['payment', 'inventory', 'shipping', 'email', 'sms']) {
      const started = said.findIndex((line) => line.startsWith(`status working: task ${id} started on `));
      expect(started).toBeGreaterThan(0);
      expect(completedAt(id)).toBeGreaterThan(started);
      // Its output follows its completion.
      expect(at(`artifact task/${id}`)).toBe(completedAt(id) + 1);
    }
    // Dependencies: shipping starts after payment and inventory completed; email and sms after payment.
    const shippingStart = said.findIndex((line) => line.startsWith('status working: task shipping started'));
    expect(shippingStart).toBeGreaterThan(completedAt('payment'));
    expect(shippingStart).toBeGreaterThan(completedAt('inventory'));
    // The count of ended tasks goes 1, 2, ... 5.
    const counts = texts(events).flatMap((text) => /\((\d)\/5\)$/.exec(text)?.[1] ?? []);
    expect(counts).toEqual(['1', '2', '3', '4', '5']);
    expect(events.every((event) => event.payload?.$case === 'task' || (event.payload?.value as { taskId?: string }).taskId === task.id)).toBe(true);

    const run = (await get<RunDetails>(`${host.url}/v1/runs/${task.id}`)).body;
    expect(run.status).toBe('completed');
  });

  it('plans and runs a text request ("process order 12345"): the planning step is the first update', async () => {
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([textPart('process order 12345')]))));
    const task = (events[0].payload as { value: Task }).value;
    const said = texts(events);
    expect(said[0]).toMatch(/^the deterministic planner made \d+ task\(s\) from the request "process order 12345"$/);
    expect(statesOf(events).pop()).toBe('completed');

    const run = (await get<RunDetails>(`${host.url}/v1/runs/${task.id}`)).body;
    expect(run.status).toBe('completed');
    const ids = Object.keys(run.tasks);
    expect(ids.length).toBeGreaterThan(0);
    expect(said[said.length - 1]).toBe(`run completed: ${ids.length}/${ids.length} tasks completed`);
    for (const id of ids) expect(said).toContain(`task ${id} started on ${run.tasks[id].agent}`);
  });

  it('ends failed when tasks fail, with the failure, the skipped dependents and the partial result', async () => {
    const plan = simulatorPlan([
      { id: 'ok', input: { durationMs: 1 } },
      { id: 'broken', input: { failAlways: true }, ...{ maxRetries: 0 } },
      { id: 'after', dependencies: ['broken'] },
    ]);
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(plan)]))));
    const said = texts(events);
    expect(said.some((text) => /^task broken failed \(\d\/3\): SIMULATED_FAILURE: task "broken": simulated failure \(failAlways is set\)$/.test(text))).toBe(true);
    expect(said.some((text) => /^task after skipped \(\d\/3\): dependency "broken" did not complete$/.test(text))).toBe(true);
    expect(statesOf(events).pop()).toBe('failed');
    expect(said.pop()).toBe('run partial: 1/3 tasks completed, 1 failed, 1 skipped');
  });

  describe('a message that cannot start a run is a JSON-RPC error, and no run starts', () => {
    async function runCount(): Promise<number> {
      return (await get<{ items: unknown[] }>(`${host.url}/v1/runs?limit=100`)).body.items.length;
    }

    it('a plan naming an unknown agent: invalid params (-32602) naming the field, the issues in the error info', async () => {
      const before = await runCount();
      const plan = examplePlan('ecommerce-order') as { tasks: { agent: string }[] };
      plan.tasks[2].agent = 'shiping_agent';
      const error = await failureOf(client.sendMessage(sendRequest(userMessage([textPart('here is my plan'), dataPart(plan)]))));
      expect(isJsonRpcError(error)).toBe(true);
      expect(error).toMatchObject({ envelopeCode: -32602 });
      expect(error.message).toMatch(/^invalid plan at message\.parts\[1\]\.data\.tasks\[2\]\.agent: task "shipping" \(tasks\[2\]\): unknown agent "shiping_agent"/);
      expect(error.message).toContain('known agents: ');
      const info = (error as unknown as { data: { metadata: Record<string, string> }[] }).data[0].metadata;
      expect(info.code).toBe('INVALID_PLAN');
      expect(info.field).toBe('message.parts[1].data.tasks[2].agent');
      expect(JSON.parse(info.issues)).toEqual([expect.objectContaining({ code: 'UNKNOWN_AGENT', path: 'message.parts[1].data.tasks[2].agent', taskId: 'shipping' })]);
      expect(await runCount()).toBe(before);
    });

    it('a plan wrapped in {"plan": ...} names the path under plan; streaming answers the same error', async () => {
      // The SDK logs a stream that fails before its first event; the error itself is what we check.
      jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const error = await failureOf(collect(client.sendMessageStream(sendRequest(userMessage([dataPart({ plan: { tasks: [{ id: 'a', agent: 'simulator' }] } })])))));
      expect(error).toMatchObject({ envelopeCode: -32602 });
      expect(error.message).toMatch(/^invalid plan at message\.parts\[0\]\.data\.plan\.tasks\[0\]\.description: /);
    });

    it('a data part that holds no plan, or a message with neither text nor data, names what is missing', async () => {
      const notAPlan = await failureOf(client.sendMessage(sendRequest(userMessage([dataPart({ order: 1042 })]))));
      expect(notAPlan).toMatchObject({ envelopeCode: -32602 });
      expect(notAPlan.message).toBe('message.parts[0].data must hold a plan: {"tasks": [...]} or {"plan": {...}}, got an object with "order" (or send a text part with a request)');
      const empty = await failureOf(client.sendMessage(sendRequest(userMessage([textPart('   ')]))));
      expect(empty).toMatchObject({ envelopeCode: -32602 });
      expect(empty.message).toMatch(/^the message has no text part with a request and no data part with a plan/);
    });
  });
});
