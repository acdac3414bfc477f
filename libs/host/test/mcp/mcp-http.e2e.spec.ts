import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpSessions } from '../../src/mcp/http/mcp-sessions.service';
import { examplePlan, simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { callTool, connectHttpClient, expectIncreasing, textOf } from './mcp-client';

// Real host, real SDK client over real HTTP: generous under a loaded CI machine.
jest.setTimeout(60_000);

interface RunResult {
  runId: string;
  status: string;
  makespanMs?: number;
  successful: string[];
  failed: string[];
  cancelled: string[];
  waitingForInput: { taskId: string; question: string }[];
  tasks: Record<string, { status: string; agent: string; output?: unknown }>;
}

const TOOLS = ['answer_input', 'cancel_run', 'find_agent', 'get_run', 'list_agents', 'plan', 'run_workflow'];

describe('the host as an MCP server over Streamable HTTP (/mcp)', () => {
  let t: TestApp;
  let client: Client;
  let transport: StreamableHTTPClientTransport;

  beforeAll(async () => {
    t = await startTestApp();
    ({ client, transport } = await connectHttpClient(t.url));
  });

  afterAll(async () => {
    await client?.close();
    await t?.close();
  });

  it('lists the tools with their input schemas and the run result as output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('find_agent')?.inputSchema).toMatchObject({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] });
    const run = byName.get('run_workflow')!;
    expect(Object.keys(run.inputSchema.properties ?? {}).sort()).toEqual(
      ['maxConcurrency', 'parallelThreshold', 'plan', 'planner', 'qualityPolicy', 'request', 'strategy', 'wait'].sort(),
    );
    // The plan's fields are documented for the model, though the planner is what checks them.
    expect(run.inputSchema.properties?.plan).toMatchObject({ required: ['tasks'], properties: { tasks: { items: { required: ['id', 'description', 'agent'] } } } });
    expect(run.inputSchema.properties?.strategy).toMatchObject({ enum: ['sequential', 'parallel', 'hybrid', 'auto'] });
    expect(run.outputSchema?.properties).toHaveProperty('makespanMs');
    expect(run.outputSchema?.required).toEqual(expect.arrayContaining(['runId', 'status', 'successful', 'failed', 'skipped', 'tasks']));
    expect(byName.get('answer_input')?.inputSchema.required).toEqual(expect.arrayContaining(['runId', 'taskId']));
    for (const tool of tools) expect(tool.description?.length).toBeGreaterThan(40);
  });

  it("find_agent: the original framework's tool picks payment_processor for charging a card", async () => {
    const { result } = await callTool(client, 'find_agent', { query: "charge the customer's card" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ found: true, card: { name: 'payment_processor' }, match: { agent: 'payment_processor' } });
    expect(textOf(result)).toMatch(/^payment_processor: skill/);

    const none = await callTool(client, 'find_agent', { query: 'bake a sourdough loaf' });
    expect(none.result.isError).toBeFalsy();
    expect(none.result.structuredContent).toMatchObject({ found: false });
    expect(none.result.structuredContent).not.toHaveProperty('card');
    expect(textOf(none.result)).toMatch(/No agent matches "bake a sourdough loaf"/);
  });

  it('list_agents: every card with its transport and health', async () => {
    const { result } = await callTool(client, 'list_agents', {});
    const agents = (result.structuredContent as { agents: { name: string; transport: string; healthy: boolean; skills: unknown[] }[] }).agents;
    expect(agents.map((agent) => agent.name)).toEqual(expect.arrayContaining(['payment_processor', 'shipping_agent', 'approval_agent']));
    expect(agents.find((agent) => agent.name === 'payment_processor')).toMatchObject({ transport: 'local', address: 'in-process', healthy: true });
  });

  it('plan: a request becomes a plan over the agents', async () => {
    const { result } = await callTool(client, 'plan', { request: 'Charge the card for order 7, then email the customer.' });
    expect(result.isError).toBeFalsy();
    const { plan, planner } = result.structuredContent as { planner: string; plan: { tasks: { id: string; agent: string; dependencies: string[] }[] } };
    expect(planner).toBe('deterministic');
    expect(plan.tasks.map((task) => task.agent)).toEqual(['payment_processor', 'email_agent']);
    expect(plan.tasks[1].dependencies).toEqual([plan.tasks[0].id]);
    expect(textOf(result)).toMatch(/2 task\(s\)/);
  });

  it('run_workflow: progress notifications as tasks finish, then the result with every task completed', async () => {
    const { result, progress } = await callTool(client, 'run_workflow', { plan: examplePlan('ecommerce-order') });
    expect(result.isError).toBeFalsy();
    const run = result.structuredContent as unknown as RunResult;
    expect(run.status).toBe('completed');
    expect(run.successful.sort()).toEqual(['email', 'inventory', 'payment', 'shipping', 'sms']);
    expect(Object.values(run.tasks).map((task) => task.status)).toEqual(Array(5).fill('completed'));
    expect(typeof run.makespanMs).toBe('number');

    expect(progress[0]).toMatchObject({ progress: 0, total: 5, message: `run ${run.runId} started: 5 task(s), strategy hybrid` });
    expectIncreasing(progress);
    // The SDK client may drop the last notification when it arrives with the response (typescript-sdk#2580).
    const finished = progress.slice(1);
    expect(finished.length).toBeGreaterThanOrEqual(4);
    expect(finished.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5].slice(0, finished.length));
    expect(progress.every((p) => p.total === 5)).toBe(true);
    const finishedInOrder = finished.map((p) => /^task (\w+) completed$/.exec(p.message ?? '')?.[1] ?? '');
    expect(['email', 'inventory', 'payment', 'shipping', 'sms']).toEqual(expect.arrayContaining(finishedInOrder));
    expect(new Set(finishedInOrder).size).toBe(finishedInOrder.length);
    // Dependencies finish first: payment before everything that needs it, inventory before shipping.
    const at = (task: string): number => (finishedInOrder.includes(task) ? finishedInOrder.indexOf(task) : finishedInOrder.length);
    for (const dependent of ['shipping', 'email', 'sms']) expect(at(dependent)).toBeGreaterThan(finishedInOrder.indexOf('payment'));
    expect(at('shipping')).toBeGreaterThan(at('inventory') === finishedInOrder.length ? -1 : at('inventory'));
    expect(textOf(result)).toMatch(new RegExp(`^Run ${run.runId} completed: 5/5 tasks completed`));
  });

  it('run_workflow: an invalid plan is a tool error naming the task and the field', async () => {
    const { result } = await callTool(client, 'run_workflow', { plan: examplePlan('invalid/negative-duration') });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const text = textOf(result);
    expect(text).toMatch(/^INVALID_PLAN: the plan has 1 issue\(s\)/);
    expect(text).toContain('- plan.tasks[2].estimatedDuration: task "shipping" (tasks[2]): estimatedDuration must be');

    const unknownAgent = await callTool(client, 'run_workflow', { plan: simulatorPlan([{ id: 'a', agent: 'shiping_agent' }]) });
    expect(unknownAgent.result.isError).toBe(true);
    expect(textOf(unknownAgent.result)).toMatch(/plan\.tasks\[0\]\.agent: task "a" \(tasks\[0\]\): unknown agent "shiping_agent"/);

    const both = await callTool(client, 'run_workflow', { plan: examplePlan('ecommerce-order'), request: 'charge the card' });
    expect(both.result).toMatchObject({ isError: true });
    expect(textOf(both.result)).toBe('VALIDATION_FAILED: give either plan or request, not both');
  });

  it('run_workflow with a request plans it first', async () => {
    const { result } = await callTool(client, 'run_workflow', { request: 'Charge the card for order 7, then email the customer.', strategy: 'sequential' });
    const run = result.structuredContent as unknown as RunResult;
    expect(run).toMatchObject({ status: 'completed', strategy: 'sequential' });
    expect(Object.values(run.tasks).map((task) => task.agent)).toEqual(['payment_processor', 'email_agent']);
  });

  it('get_run by full or short id; an unknown id is a tool error', async () => {
    const { result: started } = await callTool(client, 'run_workflow', { plan: simulatorPlan([{ id: 'only', input: { durationMs: 5 } }]) });
    const { runId } = started.structuredContent as unknown as RunResult;
    const full = await callTool(client, 'get_run', { runId });
    expect(full.result.structuredContent).toMatchObject({ runId, status: 'completed', tasks: { only: { status: 'completed', agent: 'simulator' } } });
    const short = await callTool(client, 'get_run', { runId: runId.slice(0, 8) });
    expect(short.result.structuredContent).toMatchObject({ runId });

    // wait: true follows a running run to its end, with progress as its tasks finish.
    const { result: running } = await callTool(client, 'run_workflow', {
      plan: simulatorPlan([{ id: 'first', input: { durationMs: 100 } }, { id: 'second', dependencies: ['first'], input: { durationMs: 100 } }]),
      wait: false,
    });
    const runningId = (running.structuredContent as unknown as RunResult).runId;
    const followed = await callTool(client, 'get_run', { runId: runningId, wait: true });
    expect(followed.result.structuredContent).toMatchObject({ runId: runningId, status: 'completed', successful: ['first', 'second'] });
    // The SDK client may drop a last notification that arrives with the response (typescript-sdk#2580).
    const seen = followed.progress.map((p) => [p.progress, p.total, p.message]);
    expect(seen).toEqual(
      [
        [1, 2, 'task first completed'],
        [2, 2, 'task second completed'],
      ].slice(0, seen.length),
    );
    expect(seen.length).toBeGreaterThanOrEqual(1);

    const unknown = await callTool(client, 'get_run', { runId: 'no-such-run' });
    expect(unknown.result.isError).toBe(true);
    expect(textOf(unknown.result)).toBe('RUN_NOT_FOUND: no run on this host has the id "no-such-run" or an id starting with it');
  });

  it('cancel_run stops a long run; a finished run is refused', async () => {
    const plan = simulatorPlan([{ id: 'slow', input: { durationMs: 60_000 } }, { id: 'after', dependencies: ['slow'] }]);
    const { result: started, progress } = await callTool(client, 'run_workflow', { plan, wait: false });
    const run = started.structuredContent as unknown as RunResult;
    expect(run.status).toBe('running');
    expect(progress).toHaveLength(1);

    const { result } = await callTool(client, 'cancel_run', { runId: run.runId });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ runId: run.runId, status: 'cancelled', tasks: { slow: { status: 'cancelled' }, after: { status: 'cancelled' } } });
    expect((result.structuredContent as unknown as RunResult).cancelled.sort()).toEqual(['after', 'slow']);

    const again = await callTool(client, 'cancel_run', { runId: run.runId });
    expect(again.result.isError).toBe(true);
    expect(textOf(again.result)).toMatch(/^RUN_FINISHED: /);
  });

  it('a cancelled run_workflow call leaves the run going; its first progress names the run for cancel_run', async () => {
    const controller = new AbortController();
    let started: string | undefined;
    const call = client.callTool(
      { name: 'run_workflow', arguments: { plan: simulatorPlan([{ id: 'slow', input: { durationMs: 60_000 } }]) } },
      undefined,
      {
        signal: controller.signal,
        onprogress: (notification) => {
          started ??= /^run (\S+) started/.exec(notification.message ?? '')?.[1];
          controller.abort();
        },
      },
    );
    await expect(call).rejects.toThrow();
    expect(started).toBeDefined();
    const { result } = await callTool(client, 'get_run', { runId: started! });
    expect(result.structuredContent).toMatchObject({ status: 'running' });
    expect(['ready', 'queued', 'running']).toContain((result.structuredContent as unknown as RunResult).tasks.slow.status);
    const cancelled = await callTool(client, 'cancel_run', { runId: started! });
    expect(cancelled.result.structuredContent).toMatchObject({ status: 'cancelled' });
  });

  it('answer_input: a paused run returns its question; the answer finishes it', async () => {
    const { result: paused } = await callTool(client, 'run_workflow', { plan: examplePlan('approval-flow') });
    const run = paused.structuredContent as unknown as RunResult;
    expect(run.status).toBe('paused');
    expect(run.waitingForInput).toEqual([{ taskId: 'approval', question: 'Approve order 1042 for 129.90 EUR? (yes/no)' }]);
    expect(run.tasks.approval.status).toBe('paused');
    expect(textOf(paused)).toContain('task "approval" waits for an answer: Approve order 1042 for 129.90 EUR? (yes/no)');

    const { result, progress } = await callTool(client, 'answer_input', { runId: run.runId, taskId: 'approval', answer: 'yes' });
    expect(result.isError).toBeFalsy();
    const done = result.structuredContent as unknown as RunResult;
    expect(done.status).toBe('completed');
    expect(done.successful).toEqual(['payment', 'approval', 'shipping']);
    expect(done.waitingForInput).toEqual([]);
    expectIncreasing(progress);
    expect(progress[progress.length - 1]).toMatchObject({ progress: 3, total: 3, message: 'task shipping completed' });

    const noAnswer = await callTool(client, 'answer_input', { runId: run.runId, taskId: 'approval' });
    expect(noAnswer.result.isError).toBe(true);
    expect(textOf(noAnswer.result)).toMatch(/Input validation error: .* at answer/);

    const late = await callTool(client, 'answer_input', { runId: run.runId, taskId: 'approval', answer: 'no' });
    expect(late.result.isError).toBe(true);
    expect(textOf(late.result)).toMatch(/^(RUN_FINISHED|NOT_PAUSED): /);
  });

  it('resources: the agent card list and one card by name', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((resource) => resource.uri);
    expect(uris).toContain('resource://agent_cards/list');
    expect(uris).toContain('resource://agent_cards/payment_processor');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toContain('resource://agent_cards/{name}');

    const one = await client.readResource({ uri: 'resource://agent_cards/payment_processor' });
    const card = JSON.parse(String((one.contents[0] as { text: string }).text)) as { name: string; skills: { id: string }[] };
    expect(one.contents[0].mimeType).toBe('application/json');
    expect(card.name).toBe('payment_processor');
    expect(card.skills.length).toBeGreaterThan(0);

    const all = await client.readResource({ uri: 'resource://agent_cards/list' });
    const cards = JSON.parse(String((all.contents[0] as { text: string }).text)) as { name: string }[];
    expect(cards.map((c) => c.name)).toEqual(expect.arrayContaining(['payment_processor', 'approval_agent']));

    await expect(client.readResource({ uri: 'resource://agent_cards/no_such_agent' })).rejects.toThrow(/no agent named "no_such_agent"/);
  });

  it('sessions: each client has its own; DELETE closes one; requests without a session are refused', async () => {
    const sessions = t.app.get(McpSessions);
    const before = sessions.size;
    const second = await connectHttpClient(t.url);
    expect(sessions.size).toBe(before + 1);
    expect(second.transport.sessionId).not.toBe(transport.sessionId);
    const closedId = second.transport.sessionId!;
    await second.transport.terminateSession();
    expect(sessions.size).toBe(before);
    await second.client.close();

    const stale = await fetch(`${t.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': closedId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    expect(await stale.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });

    const noSession = await fetch(`${t.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toMatchObject({ error: { message: expect.stringContaining('initialize') } });
    // The first client's session is untouched.
    expect((await client.listTools()).tools).toHaveLength(TOOLS.length);
  });
});

describe('MCP sessions end with the host', () => {
  it('closes every open session when the app shuts down', async () => {
    const t = await startTestApp();
    const { client } = await connectHttpClient(t.url);
    const sessions = t.app.get(McpSessions);
    expect(sessions.size).toBe(1);
    const closed = new Promise<void>((resolve) => (client.onclose = resolve));
    await t.close();
    expect(sessions.size).toBe(0);
    await client.close();
    await closed;
  });
});
