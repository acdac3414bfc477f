import { once } from 'node:events';
import { TaskError, type TaskContext } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectA2aAgent, type A2aAgent } from '../../src';
import { startTestAgent, type RunningTestAgent } from './support/a2a-test-agent';

// The agent listens on 127.0.0.1: the host may call it only because the tests allow that address.
const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

describe('an A2A agent as an executor', () => {
  let server: RunningTestAgent;
  let agent: A2aAgent;

  beforeAll(async () => {
    server = await startTestAgent({ displayName: 'Currency Agent', skillMetadata: { consumes: ['amount'], produces: ['converted_amount'], expectedDurationMs: 120, internal: 'ignored' } });
    agent = await connectA2aAgent(server.cardUrl, { guard, poolSize: 2 });
  });

  afterAll(async () => {
    await agent.close();
    await server.close();
  });

  const task = (input: Record<string, unknown>, taskId = 'convert') => createTaskRequest({ runId: 'run-7', taskId, agent: agent.card.name, description: 'Convert 100 USD to EUR', input, dependencyOutputs: { fetch: { amount: 100 } } });

  it('converts the A2A card into ours: an identifier name, the original name in the description, skills and their planning metadata', () => {
    expect(agent.transport).toBe('a2a');
    expect(agent.address).toBe(server.endpoint);
    expect(agent.card).toEqual({
      name: 'currency_agent',
      description: 'An agent for the tests (A2A agent "Currency Agent")',
      version: '1.2.3',
      url: server.endpoint,
      protocolVersion: '1.0',
      capabilities: { streaming: true },
      defaultInputModes: ['text/plain', 'application/json'],
      defaultOutputModes: ['application/json'],
      skills: [
        {
          id: 'echo',
          name: 'Echo',
          description: 'Echoes its input',
          tags: ['echo', 'test'],
          examples: ['echo this'],
          metadata: { consumes: ['amount'], produces: ['converted_amount'], expectedDurationMs: 120 },
        },
      ],
    });
  });

  it('takes its name from the name option when given', async () => {
    const named = await connectA2aAgent(server.base, { guard, name: 'fx_rates' });
    try {
      expect(named.card.name).toBe('fx_rates');
      expect(named.card.description).toBe('An agent for the tests (A2A agent "Currency Agent")');
    } finally {
      await named.close();
    }
    await expect(connectA2aAgent(server.base, { guard, name: 'Not A Name' })).rejects.toMatchObject({ code: 'INVALID_AGENT_NAME' });
  });

  it('runs a task as a streamed message: description and data sent, progress and artifacts forwarded, the data artifact returned', async () => {
    const standalone = createStandaloneContext({ runId: 'run-7', taskId: 'convert', attempt: 2 });
    const served: string[] = [];
    const ctx: TaskContext = { ...standalone.ctx, servedBy: (where) => served.push(where) };
    const output = await agent.executor.execute(task({ mode: 'echo', amount: 100 }), ctx);

    expect(output).toEqual({ echo: { mode: 'echo', amount: 100 }, description: 'Convert 100 USD to EUR' });
    expect(standalone.progress).toEqual([{ pct: 40, message: 'working on it' }]);
    expect(standalone.artifacts).toEqual([
      { name: 'notes', mimeType: 'text/plain', data: 'halfway' },
      { name: 'result', mimeType: 'application/json', data: { echo: { mode: 'echo', amount: 100 }, description: 'Convert 100 USD to EUR' } },
    ]);
    expect(served).toEqual([server.endpoint]);
    const sent = server.received.at(-1)!;
    expect(sent).toMatchObject({
      messageId: 'run-7/convert/2',
      contextId: 'run-7',
      role: 'ROLE_USER',
      parts: [{ text: 'Convert 100 USD to EUR' }, { data: { input: { mode: 'echo', amount: 100 }, dependencyOutputs: { fetch: { amount: 100 } } } }],
    });
  });

  it('returns the artifacts’ text joined when no artifact has data, and the final message’s data when there are no artifacts', async () => {
    await expect(agent.executor.execute(task({ mode: 'text' }), createStandaloneContext().ctx)).resolves.toBe('hello\nworld');
    await expect(agent.executor.execute(task({ mode: 'final-message' }), createStandaloneContext().ctx)).resolves.toEqual({ total: 3 });
  });

  it('fails with A2A_TASK_FAILED: retryable when the agent failed, not when it rejected the task, with the agent’s words', async () => {
    const failed = await agent.executor.execute(task({ mode: 'fail' }), createStandaloneContext().ctx).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TaskError);
    expect(failed).toMatchObject({ code: 'A2A_TASK_FAILED', retryable: true });
    expect((failed as Error).message).toMatch(/agent "currency_agent" at http:\/\/127\.0\.0\.1:\d+\/a2a\/jsonrpc failed task .+: the ledger is closed/);

    const rejected = await agent.executor.execute(task({ mode: 'reject' }), createStandaloneContext().ctx).catch((error: unknown) => error);
    expect(rejected).toMatchObject({ code: 'A2A_TASK_FAILED', retryable: false });
    expect((rejected as Error).message).toContain('rejected task');
    expect((rejected as Error).message).toContain('I do not convert seashells');
  });

  it('asks a person when the agent needs input, sends the answer on the same A2A task, and completes', async () => {
    const standalone = createStandaloneContext({ runId: 'run-7', taskId: 'convert', answer: () => 'EUR' });
    const output = await agent.executor.execute(task({ mode: 'ask' }), standalone.ctx);

    expect(standalone.questions).toEqual(['Which currency should I convert to?']);
    expect(output).toEqual({ answer: 'EUR' });
    expect(standalone.progress).toEqual([{ pct: 0, message: 'thanks, got EUR' }]);
    const [question, answer] = server.received.slice(-2);
    expect(answer).toMatchObject({ taskId: expect.any(String), contextId: 'run-7', messageId: 'run-7/convert/1#answer-1', parts: [{ text: 'EUR' }] });
    // The answer continues the task the first message created.
    expect(answer.taskId).toBe(question.taskId);
  });

  it('passes on the engine’s refusal to ask as it is, and cancels the agent’s waiting task', async () => {
    const standalone = createStandaloneContext({ runId: 'run-7', taskId: 'convert' }); // no answer: requestInput rejects
    const cancelled = once(server.events, 'cancel');
    const error = await agent.executor.execute(task({ mode: 'ask' }), standalone.ctx).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(TaskError);
    expect((error as Error).message).toBe('task "convert" asked for input: Which currency should I convert to?');
    const [taskId] = await cancelled;
    expect(taskId).toBe(server.received.at(-1)!.taskId);
  });

  it('fails with AGENT_LOST, retryable, when the stream ends while the task is still working, and cancels that task', async () => {
    const cancelSent = new Promise<void>((resolve) => server.events.on('method', (method: string) => method === 'CancelTask' && resolve()));
    const error = await agent.executor.execute(task({ mode: 'vanish' }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'AGENT_LOST', retryable: true });
    expect((error as Error).message).toMatch(/agent "currency_agent" over a2a at http:\/\/127\.0\.0\.1:\d+\/a2a\/jsonrpc: the stream ended while task \S+ was working/);
    await cancelSent;
  });

  it('on abort, rejects at once with the signal’s reason and sends CancelTask for the agent’s task', async () => {
    const standalone = createStandaloneContext();
    const started = new Promise<void>((resolve) => {
      standalone.ctx.progress = () => resolve();
    });
    const cancelled = once(server.events, 'cancel');
    const running = agent.executor.execute(task({ mode: 'slow' }), standalone.ctx);
    await started;
    const reason = new TaskError('TASK_TIMEOUT', 'task "convert" timed out after 50 ms', true);
    standalone.controller.abort(reason);

    await expect(running).rejects.toBe(reason);
    const [taskId] = await cancelled;
    expect(server.cancelled).toContain(taskId);
    expect(server.methods.slice(-2)).toEqual(['SendStreamingMessage', 'CancelTask']);
  });

  it('does not call the agent for an attempt aborted before it starts', async () => {
    const standalone = createStandaloneContext();
    standalone.controller.abort();
    const before = server.received.length;
    await expect(agent.executor.execute(task({ mode: 'echo' }), standalone.ctx)).rejects.toMatchObject({ code: 'TASK_CANCELLED' });
    expect(server.received.length).toBe(before);
  });
});

describe('an A2A agent that is gone', () => {
  it('fails its tasks with AGENT_UNAVAILABLE, retryable, naming the agent and the address', async () => {
    const server = await startTestAgent();
    const agent = await connectA2aAgent(server.cardUrl, { guard });
    await server.close();
    try {
      const error = await agent.executor.execute(createTaskRequest({ input: { mode: 'echo' } }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TaskError);
      expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
      expect((error as Error).message).toContain(`agent "test_agent" is unavailable over a2a at ${server.endpoint}`);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
    } finally {
      await agent.close();
    }
  });

  it('maps an HTTP error to AGENT_UNAVAILABLE (retryable) and a JSON-RPC error to A2A_REQUEST_REFUSED (not retryable)', async () => {
    let answer: 'http-503' | 'rpc-error' = 'http-503';
    const server = await startTestAgent({
      routes: (request, response) => {
        if (request.method !== 'POST') return false;
        if (answer === 'http-503') {
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('overloaded');
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'params are not what I expected' } }));
        }
        return true;
      },
    });
    const agent = await connectA2aAgent(server.cardUrl, { guard });
    try {
      const unavailable = await agent.executor.execute(createTaskRequest(), createStandaloneContext().ctx).catch((caught: unknown) => caught);
      expect(unavailable).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
      expect((unavailable as Error).message).toContain('503');
      answer = 'rpc-error';
      const refused = await agent.executor.execute(createTaskRequest(), createStandaloneContext().ctx).catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ code: 'A2A_REQUEST_REFUSED', retryable: false });
      expect((refused as Error).message).toContain('params are not what I expected');
    } finally {
      await agent.close();
      await server.close();
    }
  });
});
