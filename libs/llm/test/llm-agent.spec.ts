import { AgentRegistry } from '@a2a-mcp/agents';
import { runWorkflow, TaskError, WorkflowGraph } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest, type StandaloneContext } from '@a2a-mcp/core-graph/testing';
import { startFakeLlm, type FakeLlm, type FakeReply } from '../src/testing';
import { compileOutputSchema } from '@a2a-mcp/quality';
import { LlmAgent, LlmError, type LlmAgentDependencies, type LlmEndpointConfig } from '../src';
import { rejectionOf } from './support/recorded-sleep';
import { GOOD_SUMMARY, SUMMARY_SCHEMA, summarizerConfig } from './support/summarizer';

const USAGE = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };
const TASK = createTaskRequest({
  taskId: 'summary',
  agent: 'summarizer',
  description: 'Summarize the quarterly report',
  input: { text: 'Sales rose 12% while costs stayed flat.' },
  dependencyOutputs: { fetch: { report: 'Q3' } },
});

let fake: FakeLlm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(replies: FakeReply[]): Promise<FakeLlm> {
  fake = await startFakeLlm((call) => replies[Math.min(call, replies.length - 1)]);
  return fake;
}

function agentFor(server: FakeLlm, endpoint: Partial<LlmEndpointConfig> = {}, dependencies: LlmAgentDependencies = {}): LlmAgent {
  return new LlmAgent(summarizerConfig(server.baseUrl, endpoint), { env: {}, ...dependencies });
}

/** A standalone context that also records servedBy, as the engine does. */
function context(): StandaloneContext & { servedBy: string[] } {
  const standalone = createStandaloneContext({ taskId: 'summary' });
  const servedBy: string[] = [];
  standalone.ctx.servedBy = (where) => servedBy.push(where);
  return { ...standalone, servedBy };
}

describe('LlmAgent against a fake OpenAI-compatible server', () => {
  it('asks with the system prompt, the schema and the task as JSON, and returns the reply with the token usage', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY), usage: USAGE, model: 'test-model-0613' }]);
    const standalone = context();
    const output = await agentFor(server).execute(TASK, standalone.ctx);

    expect(output).toEqual({ ...GOOD_SUMMARY, usage: { model: 'test-model-0613', promptTokens: 120, completionTokens: 30, totalTokens: 150 } });
    expect(standalone.servedBy).toEqual([`test-model@${new URL(server.baseUrl).host}`]);

    const [received] = server.requests;
    expect(received.path).toBe('/v1/chat/completions');
    expect(received.body.model).toBe('test-model');
    expect(received.body.response_format).toEqual({ type: 'json_object' });
    expect(received.body).not.toHaveProperty('temperature');
    const [system, user] = received.body.messages;
    expect(system.role).toBe('system');
    expect(system.content.startsWith('You summarize texts for busy readers.')).toBe(true);
    expect(system.content).toContain(JSON.stringify(SUMMARY_SCHEMA));
    expect(user.role).toBe('user');
    expect(JSON.parse(user.content)).toEqual({ task: 'Summarize the quarterly report', input: TASK.input, dependencyOutputs: TASK.dependencyOutputs });
  });

  it('sends the key read from the variable apiKeyEnv names as a Bearer token, and the configured temperature', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY) }]);
    const agent = agentFor(server, { apiKeyEnv: 'SUMMARIZER_KEY', temperature: 0.3, jsonMode: false }, { env: { SUMMARIZER_KEY: 'sk-from-env' } });
    const output = await agent.execute(createTaskRequest({ description: 'Summarize' }), context().ctx);

    expect(output.usage).toEqual({ model: 'test-model' });
    const [received] = server.requests;
    expect(received.headers.authorization).toBe('Bearer sk-from-env');
    expect(received.body.temperature).toBe(0.3);
    expect(received.body).not.toHaveProperty('response_format');
    // No input and no dependencies: only the task.
    expect(JSON.parse(received.body.messages[1].content)).toEqual({ task: 'Summarize' });
  });

  it('sends no Authorization header without apiKeyEnv', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY) }]);
    await agentFor(server).execute(TASK, context().ctx);
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('accepts a reply fenced as ```json', async () => {
    const server = await serve([{ content: `Here it is:\n\`\`\`json\n${JSON.stringify(GOOD_SUMMARY)}\n\`\`\`` }]);
    const output = await agentFor(server).execute(TASK, context().ctx);
    expect(output.summary).toBe(GOOD_SUMMARY.summary);
  });

  it('fails with LLM_BAD_REPLY (retryable) naming the agent and task when the reply is not JSON', async () => {
    const server = await serve([{ content: 'Sales went up, costs did not.' }]);
    const error = await rejectionOf(agentFor(server).execute(TASK, context().ctx), TaskError);
    expect(error.code).toBe('LLM_BAD_REPLY');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('LLM agent "summarizer"');
    expect(error.message).toContain('task "summary"');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('Sales went up');
  });

  it('fails with LLM_BAD_REPLY naming the path and the schema path when the reply does not match the schema', async () => {
    const server = await serve([{ content: JSON.stringify({ summary: 'Sales rose.', keyPoints: ['up', 42] }) }]);
    const error = await rejectionOf(agentFor(server).execute(TASK, context().ctx), TaskError);
    expect(error.code).toBe('LLM_BAD_REPLY');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('/keyPoints/1 must be string');
    expect(error.message).toContain('#/properties/keyPoints/items/type');
    expect(error.message).toContain('task "summary"');
  });

  it('names a missing required field and refuses a `usage` the model made up under additionalProperties false', async () => {
    const server = await serve([{ content: JSON.stringify({ keyPoints: [] }) }, { content: JSON.stringify({ ...GOOD_SUMMARY, usage: { model: 'x' } }) }]);
    const agent = agentFor(server);
    const missing = await rejectionOf(agent.execute(TASK, context().ctx), TaskError);
    expect(missing.message).toContain("must have required property 'summary'");
    const extra = await rejectionOf(agent.execute(TASK, context().ctx), TaskError);
    expect(extra.message).toContain('must NOT have additional properties');
  });

  it('waits the Retry-After of a 429 on the run clock (ctx.sleep), then succeeds', async () => {
    const server = await serve([{ status: 429, headers: { 'retry-after': '2' } }, { content: JSON.stringify(GOOD_SUMMARY), usage: USAGE }]);
    const standalone = context();
    const output = await agentFor(server).execute(TASK, standalone.ctx);
    expect(output.summary).toBe(GOOD_SUMMARY.summary);
    expect(standalone.sleeps).toEqual([2000]);
    expect(standalone.progress).toEqual([{ pct: 0, message: expect.stringContaining('HTTP 429, trying again in 2000 ms') }]);
    expect(server.requests).toHaveLength(2);
  });

  it('fails with LLM_UNAVAILABLE (retryable) after three 503s', async () => {
    const server = await serve([{ status: 503, rawBody: 'overloaded' }]);
    const standalone = context();
    const error = await rejectionOf(agentFor(server).execute(TASK, standalone.ctx), TaskError);
    expect(error.code).toBe('LLM_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.requests).toHaveLength(3);
    expect(standalone.sleeps).toHaveLength(2);
  });

  it('makes maxAttempts calls in all', async () => {
    const server = await serve([{ status: 502 }]);
    await rejectionOf(agentFor(server, { maxAttempts: 1 }).execute(TASK, context().ctx), TaskError);
    expect(server.requests).toHaveLength(1);
  });

  it('fails with LLM_REQUEST_REJECTED (not retryable) on a 400, without retrying', async () => {
    const server = await serve([{ status: 400, rawBody: '{"error":{"message":"model not found"}}' }]);
    const error = await rejectionOf(agentFor(server).execute(TASK, context().ctx), TaskError);
    expect(error.code).toBe('LLM_REQUEST_REJECTED');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('model not found');
    expect(server.requests).toHaveLength(1);
  });

  it('fails with LLM_TIMEOUT (retryable) when the server is slower than timeoutMs', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY), delayMs: 5_000 }]);
    const error = await rejectionOf(agentFor(server, { timeoutMs: 100 }).execute(TASK, context().ctx), TaskError);
    expect(error).toMatchObject({ code: 'LLM_TIMEOUT', retryable: true });
  });

  it('aborts the request when ctx.signal aborts, rejecting with the signal’s reason', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY), delayMs: 5_000 }]);
    const standalone = context();
    const pending = agentFor(server).execute(TASK, standalone.ctx);
    await waitFor(() => server.requests.length === 1);
    const reason = new TaskError('RUN_CANCELLED', 'the run was cancelled', false);
    standalone.controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('does not call the model when the attempt is already aborted', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY) }]);
    const standalone = context();
    standalone.controller.abort(new TaskError('TASK_TIMEOUT', 'too late', true));
    await expect(agentFor(server).execute(TASK, standalone.ctx)).rejects.toMatchObject({ code: 'TASK_TIMEOUT' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('LlmAgent card and configuration', () => {
  it('makes a card with the skills, their planning metadata and the output schema plus usage', () => {
    const agent = new LlmAgent(summarizerConfig('http://127.0.0.1:11434/v1'), { env: {} });
    expect(agent.url).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(agent.card).toMatchObject({ name: 'summarizer', description: 'Summarizes a text into a summary and key points', defaultOutputModes: ['application/json'] });
    const [skill] = agent.card.skills;
    expect(skill).toMatchObject({ id: 'summarize', tags: ['summary', 'summarize', 'text'], examples: ['Summarize the quarterly report'] });
    expect(skill.metadata).toMatchObject({ consumes: ['report'], produces: ['summary'], expectedDurationMs: 4000, qualityDomain: 'ANALYTICAL' });
    // The card's schema accepts what the agent returns (usage included) and still refuses what the configured one refuses.
    const validate = compileOutputSchema(skill.metadata!.outputSchema!);
    expect(validate({ ...GOOD_SUMMARY, usage: { model: 'm', promptTokens: 1, completionTokens: 2, totalTokens: 3 } })).toBe(true);
    expect(validate({ ...GOOD_SUMMARY, extra: 1 })).toBe(false);
    expect(validate({ summary: 'x' })).toBe(false);
  });

  it('names the unset variable apiKeyEnv points to', () => {
    const config = summarizerConfig('https://api.openai.com/v1', { apiKeyEnv: 'OPENAI_API_KEY' });
    const error = rejectionOfSync(() => new LlmAgent(config, { env: { OTHER: 'x' } }));
    expect(error).toMatchObject({ code: 'LLM_NOT_CONFIGURED' });
    expect(error.message).toContain('LLM agent "summarizer"');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).toContain('is not set');
  });

  it('refuses a key pasted into apiKeyEnv without repeating it', () => {
    const config = summarizerConfig('https://api.openai.com/v1', { apiKeyEnv: 'sk-secret-123' });
    const error = rejectionOfSync(() => new LlmAgent(config, { env: {} }));
    expect(error.message).toContain('never the key itself');
    expect(error.message).not.toContain('sk-secret-123');
  });

  it('refuses a bad URL, model, timeout, attempt count or schema, naming the agent', () => {
    const at = (endpoint: Partial<LlmEndpointConfig>) => rejectionOfSync(() => new LlmAgent(summarizerConfig('http://h/v1', endpoint), { env: {} })).message;
    expect(at({ url: 'ftp://h' })).toMatch(/summarizer.*endpoint\.url must be an http\(s\) URL/);
    expect(at({ model: ' ' })).toContain('endpoint.model is required');
    expect(at({ timeoutMs: 0 })).toContain('endpoint.timeoutMs');
    expect(at({ maxAttempts: 0 })).toContain('endpoint.maxAttempts');
    const badSchema = { ...summarizerConfig('http://h/v1'), outputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } };
    expect(rejectionOfSync(() => new LlmAgent(badSchema, { env: {} })).message).toMatch(/summarizer.*outputSchema/);
  });
});

describe('LlmAgent in a run', () => {
  it('takes its dependency’s output and leaves its own output, usage included, and servedBy in the task result', async () => {
    const server = await serve([{ content: JSON.stringify(GOOD_SUMMARY), usage: USAGE }]);
    const registry = new AgentRegistry([
      agentFor(server),
      {
        card: { ...agentFor(server).card, name: 'fetcher', skills: [] },
        execute: () => Promise.resolve({ report: 'Q3: sales rose 12%' }),
      },
    ]);
    const graph = WorkflowGraph.fromSpecs([
      { id: 'fetch', description: 'Fetch the report', agent: 'fetcher' },
      { id: 'summary', description: 'Summarize the report', agent: 'summarizer', dependencies: ['fetch'] },
    ]);
    const result = await runWorkflow(graph, registry).result;

    expect(result.status).toBe('completed');
    expect(result.tasks.summary.output).toEqual({ ...GOOD_SUMMARY, usage: { model: 'test-model', promptTokens: 120, completionTokens: 30, totalTokens: 150 } });
    expect(result.tasks.summary.servedBy).toBe(`test-model@${new URL(server.baseUrl).host}`);
    expect(JSON.parse(server.requests[0].body.messages[1].content)).toEqual({
      task: 'Summarize the report',
      dependencyOutputs: { fetch: { report: 'Q3: sales rose 12%' } },
    });
  });

  it('is retried by the engine after a bad reply', async () => {
    const server = await serve([{ content: 'not json' }, { content: JSON.stringify(GOOD_SUMMARY) }]);
    const graph = WorkflowGraph.fromSpecs([{ id: 'summary', description: 'Summarize', agent: 'summarizer', maxRetries: 1 }]);
    const result = await runWorkflow(graph, new AgentRegistry([agentFor(server)]), { retry: { baseDelayMs: 0 } }).result;
    expect(result.status).toBe('completed');
    expect(result.tasks.summary.attempts).toBe(2);
  });
});

function rejectionOfSync(construct: () => unknown): LlmError {
  try {
    construct();
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error('expected an LlmError');
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
