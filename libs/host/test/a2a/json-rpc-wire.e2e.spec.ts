import { randomUUID } from 'node:crypto';
import type { Task } from '@a2a-js/sdk';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';
import { get, rawPost } from '../support/http';
import { examplePlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { collect, dataPart, sendRequest, stateName, statesOf, textPart, userMessage } from './support/a2a-client';

// Real server, real runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

interface RpcAnswer {
  jsonrpc: string;
  id: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

describe('the host as an A2A agent: JSON-RPC on the wire at /a2a', () => {
  let host: TestApp;
  let endpoint: string;

  beforeAll(async () => {
    host = await startTestApp();
    endpoint = `${host.url}/a2a`;
  });
  afterAll(() => host.close());

  async function rpc(method: string, params: unknown, headers: Record<string, string> = {}): Promise<RpcAnswer> {
    const answer = await rawPost<RpcAnswer>(endpoint, JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }), { 'content-type': 'application/json', ...headers });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('A2A 1.0 (A2A-Version: 1.0): SendMessage with a text part, GetTask; the proto-JSON shapes', async () => {
    const sent = await rpc(
      'SendMessage',
      { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: 'process order 12345' }] } },
      { 'A2A-Version': '1.0' },
    );
    expect(sent.error).toBeUndefined();
    const task = sent.result?.task as { id: string; status: { state: string } };
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect((await get<{ status: string }>(`${host.url}/v1/runs/${task.id}`)).body.status).toBe('completed');

    const read = await rpc('GetTask', { id: task.id }, { 'A2A-Version': '1.0' });
    expect(read.result).toMatchObject({ id: task.id, status: { state: 'TASK_STATE_COMPLETED' } });
  });

  it('A2A 0.3 (no A2A-Version): message/send with a data part, tasks/get, in the v0.3 shapes', async () => {
    const plan = examplePlan('ecommerce-order');
    const sent = await rpc('message/send', { message: { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'data', data: plan }] } });
    expect(sent.error).toBeUndefined();
    expect(sent.result).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    const id = sent.result?.id as string;
    expect((await get<{ status: string }>(`${host.url}/v1/runs/${id}`)).body.status).toBe('completed');
    const artifacts = sent.result?.artifacts as { name: string; parts: { kind: string }[] }[];
    expect(artifacts.map((artifact) => artifact.name).sort()).toEqual(['email', 'inventory', 'payment', 'result', 'shipping', 'sms']);
    expect(artifacts[0].parts[0].kind).toBe('data');

    const read = await rpc('tasks/get', { id });
    expect(read.result).toMatchObject({ kind: 'task', id, status: { state: 'completed' } });
  });

  it("the SDK's v0.3 client (LegacyJsonRpcTransport) streams a run with message/stream and reads it with tasks/get", async () => {
    const transport = new LegacyJsonRpcTransport({ endpoint });
    const events = await collect(transport.sendMessageStream(sendRequest(userMessage([dataPart(examplePlan('ecommerce-order'))]))));
    const states = statesOf(events);
    expect(states[states.length - 1]).toBe('completed');
    const first = events[0].payload;
    expect(first?.$case).toBe('task');
    const id = (first as { value: Task }).value.id;
    const task = await transport.getTask({ tenant: '', id });
    expect(stateName(task.status?.state)).toBe('completed');
    expect(task.artifacts.map((artifact) => artifact.artifactId)).toContain('task/payment');

    const error = await transport.getTask({ tenant: '', id: 'nope' }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/nope/);
    const blocking = await transport.sendMessage(sendRequest(userMessage([textPart('process order 777')])));
    expect(stateName((blocking as Task).status?.state)).toBe('completed');
  });

  it('answers malformed JSON, a batch and an unknown method as JSON-RPC errors, not in the REST shape', async () => {
    const malformed = await rawPost<RpcAnswer>(endpoint, '{"jsonrpc": "2.0", "method": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(200);
    expect(malformed.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(malformed.body.error?.message).toMatch(/^Parse error: the request body is not valid JSON/);

    const batch = await rawPost<RpcAnswer>(endpoint, JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } }]), {
      'content-type': 'application/json',
    });
    expect(batch.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    expect(batch.body.error?.message).toBe('Invalid Request: the body must be one JSON-RPC request object, got an array (batches are not supported)');

    const unknown = await rpc('Frobnicate', {}, { 'A2A-Version': '1.0' });
    expect(unknown).toMatchObject({ id: 7, error: { code: -32601 } });

    // The REST API keeps its own error shape.
    const rest = await rawPost<{ code: string }>(`${host.url}/v1/runs`, '{"plan": ', { 'content-type': 'application/json' });
    expect(rest.status).toBe(400);
    expect(rest.body.code).toBe('INVALID_JSON');
  });

  it('refuses an A2A version the card does not declare', async () => {
    // The SDK logs the refusal; the answer is what we check.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await rawPost<RpcAnswer>(endpoint, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } }), {
      'content-type': 'application/json',
      'A2A-Version': '2.0',
    });
    expect(answer.body.error?.code).toBe(-32009);
    expect(answer.body.error?.message).toMatch(/'2\.0' is not supported/);
    logged.mockRestore();
  });
});
