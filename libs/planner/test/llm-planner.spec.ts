import { startFakeLlm, type FakeLlm, type FakeReply } from '@a2a-mcp/llm/testing';
import { LlmPlanner, PlanningError, type Plan, type PlanningContext } from '../src';
import { agentGraph, demoCards, expectValid } from './planning-helpers';

const agents = demoCards();
const REQUEST = 'Process order 1042: charge the card, then email the customer.';

const VALID_PLAN = {
  tasks: [
    { id: 'charge', description: 'Charge the card for order 1042', agent: 'payment_processor', dependencies: [], input: { orderId: '1042' } },
    { id: 'mail', description: 'Email the customer', agent: 'email_agent', dependencies: ['charge'], input: { orderId: '1042' } },
  ],
};
const UNKNOWN_AGENT_PLAN = {
  tasks: [{ id: 'charge', description: 'Charge the card', agent: 'shipper', dependencies: [] }],
};

let fake: FakeLlm | undefined;
/** The waits the client asked for between attempts; recorded instead of waited. */
let sleeps: number[] = [];
const sleep = (ms: number): Promise<void> => {
  sleeps.push(ms);
  return Promise.resolve();
};
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  sleeps = [];
});

async function serve(replies: FakeReply[]): Promise<FakeLlm> {
  fake = await startFakeLlm((call) => replies[Math.min(call, replies.length - 1)]);
  return fake;
}

async function planningError(promise: Promise<Plan>): Promise<PlanningError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlanningError) return error;
    throw error;
  }
  throw new Error('expected a PlanningError');
}

function plannerFor(server: FakeLlm, extra: { timeoutMs?: number; maxAttempts?: number } = {}): LlmPlanner {
  return new LlmPlanner({ url: server.baseUrl, model: 'test-model', apiKey: 'sk-test', sleep, ...extra });
}

describe('LlmPlanner against a fake OpenAI-compatible server', () => {
  it('sends the agent cards and the request, and returns the enriched, validated plan', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN) }]);
    const plan = await plannerFor(server).plan(REQUEST, { agents });

    expectValid(plan, agents);
    expect(agentGraph(plan)).toEqual({ payment_processor: [], email_agent: ['payment_processor'] });
    // Filled from the single-skill cards, then enriched like every plan.
    expect(plan.tasks.map((task) => [task.estimatedDuration, task.qualityDomain])).toEqual([
      [50, 'SERVICE'],
      [40, 'SERVICE'],
    ]);
    expect(plan).toMatchObject({
      request: REQUEST,
      coordinationStrategy: 'sequential',
      criticalPath: ['charge', 'mail'],
      estimatedTotalTime: 90,
      estimatedParallelTime: 90,
      parallelGroups: [],
      risks: [],
      qualityValidationPlan: { tasks: { charge: { domain: 'SERVICE', threshold: 0.8 } } },
    });

    expect(server.requests).toHaveLength(1);
    const [received] = server.requests;
    expect(received.path).toBe('/v1/chat/completions');
    expect(received.headers.authorization).toBe('Bearer sk-test');
    expect(received.body.model).toBe('test-model');
    expect(received.body.response_format).toEqual({ type: 'json_object' });
    expect(received.body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(received.body.messages[1].content).toBe(REQUEST);
    for (const agent of agents) expect(received.body.messages[0].content).toContain(agent.name);
    expect(received.body.messages[0].content).toContain('payment_confirmation');
  });

  it('accepts a reply fenced as ```json and posts to a full …/chat/completions URL as given', async () => {
    const server = await serve([{ content: `Here you go:\n\`\`\`json\n${JSON.stringify(VALID_PLAN)}\n\`\`\`` }]);
    const planner = new LlmPlanner({ url: `${server.baseUrl}/chat/completions`, model: 'm' });
    const plan = await planner.plan(REQUEST, { agents });
    expect(plan.tasks).toHaveLength(2);
    expect(server.requests[0].path).toBe('/v1/chat/completions');
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('repairs an invalid reply once, sending back the reply and its issues', async () => {
    const first = JSON.stringify(UNKNOWN_AGENT_PLAN);
    const server = await serve([{ content: first }, { content: JSON.stringify(VALID_PLAN) }]);
    const plan = await plannerFor(server).plan(REQUEST, { agents });
    expect(plan.tasks.map((task) => task.agent)).toEqual(['payment_processor', 'email_agent']);

    expect(server.requests).toHaveLength(2);
    const repair = server.requests[1].body.messages;
    expect(repair.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair[2].content).toBe(first);
    expect(repair[3].content).toContain('unknown agent "shipper"');
    expect(repair[3].content).toContain('corrected plan');
  });

  it('repairs a reply that is not JSON', async () => {
    const server = await serve([{ content: 'Sure! First charge the card, then email.' }, { content: JSON.stringify(VALID_PLAN) }]);
    await plannerFor(server).plan(REQUEST, { agents });
    expect(server.requests[1].body.messages[3].content).toContain('invalid JSON');
  });

  it('fails with LLM_INVALID_PLAN and the issues when the repair is invalid too', async () => {
    const server = await serve([{ content: JSON.stringify(UNKNOWN_AGENT_PLAN) }, { content: JSON.stringify({ tasks: [] }) }]);
    const error = await planningError(plannerFor(server).plan(REQUEST, { agents }));
    expect(error.code).toBe('LLM_INVALID_PLAN');
    expect(error.message).toContain('still invalid after one repair');
    expect(error.issues?.map((issue) => issue.code)).toEqual(['EMPTY_PLAN']);
    expect(server.requests).toHaveLength(2);
  });

  it('fails with LLM_TIMEOUT when the server is slower than timeoutMs', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN), delayMs: 5_000 }]);
    const error = await planningError(plannerFor(server, { timeoutMs: 100 }).plan(REQUEST, { agents }));
    expect(error.code).toBe('LLM_TIMEOUT');
    expect(error.message).toContain('100 ms');
  });

  it('fails with ABORTED when the caller aborts', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN), delayMs: 5_000 }]);
    const controller = new AbortController();
    const pending = plannerFor(server).plan(REQUEST, { agents, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await planningError(pending)).code).toBe('ABORTED');
  });

  it('fails with LLM_HTTP_ERROR, the status and a body excerpt on a 500, after retrying twice', async () => {
    const server = await serve([{ status: 500, rawBody: '{"error":{"message":"model overloaded"}}' }]);
    const error = await planningError(plannerFor(server).plan(REQUEST, { agents }));
    expect(error.code).toBe('LLM_HTTP_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('model overloaded');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('waits the Retry-After of a 429 and plans with the next reply', async () => {
    const server = await serve([{ status: 429, headers: { 'retry-after': '2' } }, { content: JSON.stringify(VALID_PLAN) }]);
    const plan = await plannerFor(server).plan(REQUEST, { agents });
    expect(plan.tasks).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('makes maxAttempts calls in all and does not retry a 401', async () => {
    const overloaded = await serve([{ status: 503 }]);
    await planningError(plannerFor(overloaded, { maxAttempts: 1 }).plan(REQUEST, { agents }));
    expect(overloaded.requests).toHaveLength(1);
    await overloaded.close();

    const unauthorized = await serve([{ status: 401, rawBody: '{"error":"bad key"}' }]);
    const error = await planningError(plannerFor(unauthorized).plan(REQUEST, { agents }));
    expect(error).toMatchObject({ code: 'LLM_HTTP_ERROR', status: 401 });
    expect(unauthorized.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('fails with LLM_BAD_RESPONSE on a 200 that is not a chat completion', async () => {
    const server = await serve([{ rawBody: '{"result":"ok"}' }]);
    expect((await planningError(plannerFor(server).plan(REQUEST, { agents }))).code).toBe('LLM_BAD_RESPONSE');
  });

  it('fails with LLM_HTTP_ERROR when nothing listens', async () => {
    const server = await serve([{ content: '{}' }]);
    const planner = plannerFor(server);
    await server.close();
    fake = undefined;
    const error = await planningError(planner.plan(REQUEST, { agents }));
    expect(error.code).toBe('LLM_HTTP_ERROR');
    expect(error.message).toContain('could not reach');
    expect(sleeps).toHaveLength(2);
  });

  it('applies custom dependency rules to the model’s plan', async () => {
    const independent = { tasks: VALID_PLAN.tasks.map((task) => ({ ...task, dependencies: [] })) };
    const server = await serve([{ content: JSON.stringify(independent) }]);
    const plan = await plannerFor(server).plan(REQUEST, { agents, customDependencies: { send_email: ['payment_processor'] } });
    expect(agentGraph(plan)).toEqual({ payment_processor: [], email_agent: ['payment_processor'] });
  });

  it('never lets a custom rule close a cycle in the model’s plan', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN) }]);
    const context: PlanningContext = { agents, customDependencies: { payment_processor: ['email_agent'] } };
    const plan = await plannerFor(server).plan(REQUEST, context);
    // payment → email would close a cycle with email → payment: kept out, reported.
    expect(agentGraph(plan)).toEqual({ payment_processor: [], email_agent: ['payment_processor'] });
    expect(plan.risks).toEqual([expect.objectContaining({ severity: 'low', taskId: 'charge' })]);
  });

  it('refuses an empty request before calling the model', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN) }]);
    expect((await planningError(plannerFor(server).plan(' ', { agents }))).code).toBe('EMPTY_REQUEST');
    expect(server.requests).toHaveLength(0);
  });
});

describe('LlmPlanner.fromEnv', () => {
  function configError(env: Record<string, string>): PlanningError {
    try {
      LlmPlanner.fromEnv(env);
    } catch (error) {
      if (error instanceof PlanningError) return error;
      throw error;
    }
    throw new Error('expected LLM_NOT_CONFIGURED');
  }

  it('names the missing variable', () => {
    expect(configError({})).toMatchObject({ code: 'LLM_NOT_CONFIGURED', message: expect.stringContaining('PLANNER_LLM_URL') });
    const noModel = configError({ PLANNER_LLM_URL: 'http://localhost:11434/v1' });
    expect(noModel).toMatchObject({ code: 'LLM_NOT_CONFIGURED', message: expect.stringContaining('PLANNER_LLM_MODEL') });
    expect(configError({ PLANNER_LLM_URL: '  ', PLANNER_LLM_MODEL: 'm' }).message).toContain('PLANNER_LLM_URL');
  });

  it('names a malformed variable', () => {
    expect(configError({ PLANNER_LLM_URL: 'localhost:11434', PLANNER_LLM_MODEL: 'm' }).message).toContain('PLANNER_LLM_URL');
    expect(configError({ PLANNER_LLM_URL: 'not a url', PLANNER_LLM_MODEL: 'm' }).message).toContain('PLANNER_LLM_URL');
    const timeout = configError({ PLANNER_LLM_URL: 'http://h/v1', PLANNER_LLM_MODEL: 'm', PLANNER_LLM_TIMEOUT_MS: 'soon' });
    expect(timeout.message).toContain('PLANNER_LLM_TIMEOUT_MS');
  });

  it('accepts a base URL or the full chat-completions URL', () => {
    expect(LlmPlanner.fromEnv({ PLANNER_LLM_URL: 'https://api.example.com/v1/', PLANNER_LLM_MODEL: 'm' }).url).toBe(
      'https://api.example.com/v1/chat/completions',
    );
    expect(LlmPlanner.fromEnv({ PLANNER_LLM_URL: 'http://h:8080/openai/chat/completions', PLANNER_LLM_MODEL: 'm' }).url).toBe(
      'http://h:8080/openai/chat/completions',
    );
  });

  it('reads the key and timeout', async () => {
    const server = await serve([{ content: JSON.stringify(VALID_PLAN), delayMs: 5_000 }]);
    const planner = LlmPlanner.fromEnv({
      PLANNER_LLM_URL: server.baseUrl,
      PLANNER_LLM_MODEL: 'env-model',
      PLANNER_LLM_API_KEY: 'sk-env',
      PLANNER_LLM_TIMEOUT_MS: '150',
    });
    expect((await planningError(planner.plan(REQUEST, { agents }))).code).toBe('LLM_TIMEOUT');
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-env');
    expect(server.requests[0].body.model).toBe('env-model');
  });

  it('the constructor checks its options too', () => {
    expect(() => new LlmPlanner({ url: 'http://h/v1', model: '' })).toThrow(/model is required/);
    expect(() => new LlmPlanner({ url: 'ftp://h', model: 'm' })).toThrow(/http\(s\) URL/);
    expect(() => new LlmPlanner({ url: 'http://h', model: 'm', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => new LlmPlanner({ url: 'http://h', model: 'm', maxAttempts: 0 })).toThrow(/maxAttempts must be a whole number from 1 to 10/);
  });
});
