import { TaskError } from '@a2a-mcp/core-graph';
import { AgentRegistry, createDemoAgents, createSimulatorAgent } from '@a2a-mcp/agents';
import { NatsAgentClient, NatsAgentServer, reuseRatio } from '../src';
import { closedPort, hangingAgent, hostContext, NATS_URL, taskFor, testAgent, uniquePrefix } from './support/nats-fixtures';

const HEARTBEAT_MS = 50;

describe('NATS transport against a real NATS server', () => {
  const prefix = uniquePrefix();
  const hanging = hangingAgent('hanging');
  const timing = hangingAgent('slowpoke');
  const registry = new AgentRegistry([
    ...createDemoAgents(),
    createSimulatorAgent(),
    hanging.agent,
    timing.agent,
    testAgent('failing', async () => {
      throw new TaskError('BAD_INPUT', 'amount is missing', false);
    }),
    testAgent('asker', async (_task, ctx) => ({ answer: await ctx.requestInput('approve order 7?') })),
  ]);
  const server = new NatsAgentServer({
    executor: registry,
    agents: registry.names(),
    servers: NATS_URL,
    heartbeatMs: HEARTBEAT_MS,
    subjectPrefix: prefix,
    shutdownGraceMs: 100,
  });
  const client = new NatsAgentClient({ url: NATS_URL, heartbeatMs: HEARTBEAT_MS, missedBeats: 10, subjectPrefix: prefix });

  beforeAll(() => server.start());
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('runs a demo agent remotely: progress and artifacts reach the host ctx, the output comes back', async () => {
    const { ctx, progress, artifacts } = hostContext();
    const output = await client.executorFor('data_processor').execute(taskFor('data_processor', ctx, { input: { durationMs: 10 } }), ctx);
    const local = hostContext();
    const expected = await registry.execute(taskFor('data_processor', local.ctx, { input: { durationMs: 10 } }), local.ctx);
    expect(output).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual(local.progress);
    expect(artifacts).toEqual(JSON.parse(JSON.stringify(local.artifacts)));
  });

  it('keeps a remote TaskError code, message and retryable flag', async () => {
    const { ctx } = hostContext();
    const error = await client.executorFor('failing').execute(taskFor('failing', ctx), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'amount is missing', retryable: false });
  });

  it('a cancel on the host aborts the remote agent signal', async () => {
    const { ctx, controller } = hostContext();
    const running = client.executorFor('hanging').execute(taskFor('hanging', ctx), ctx);
    await hanging.started;
    controller.abort(new TaskError('RUN_CANCELLED', 'the run was cancelled', false));
    await expect(running).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
    await hanging.aborted;
  });

  it("the task's timeoutMs is the deadline: TASK_TIMEOUT on the host, the agent is stopped", async () => {
    const { ctx } = hostContext();
    const error = await client.executorFor('slowpoke').execute(taskFor('slowpoke', ctx, { metadata: { timeoutMs: 150 } }), ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TASK_TIMEOUT', message: expect.stringContaining('"slowpoke"') });
    await timing.aborted;
  });

  it('an agent asking for input gets the host answer (input-required round trip)', async () => {
    const { ctx, questions } = hostContext({ answer: (question) => `yes to ${question}` });
    await expect(client.executorFor('asker').execute(taskFor('asker', ctx), ctx)).resolves.toEqual({ answer: 'yes to approve order 7?' });
    expect(questions).toEqual(['approve order 7?']);
  });

  it('an agent nobody serves is AGENT_UNAVAILABLE (no responders), naming agent and address', async () => {
    const { ctx } = hostContext();
    const error = await client.executorFor('nobody_home').execute(taskFor('nobody_home', ctx), ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    expect((error as Error).message).toBe(`agent "nobody_home" is unavailable over nats at ${NATS_URL}: no responders`);
  });

  it('shares one connection across calls and reports it in poolStats', async () => {
    const before = client.poolStats();
    const { ctx } = hostContext();
    await client.executorFor('simulator').execute(taskFor('simulator', ctx), ctx);
    const after = client.poolStats();
    expect(after).toMatchObject({ transport: 'nats', address: NATS_URL, size: 1, inUse: 0, created: 1 });
    expect(after.reused).toBeGreaterThan(before.reused);
    expect(reuseRatio(after)).toBeGreaterThan(0.5);
  });

  it('a refused connection is AGENT_UNAVAILABLE naming the address', async () => {
    const url = `nats://127.0.0.1:${await closedPort()}`;
    const refused = new NatsAgentClient({ url, connectTimeoutMs: 2000 });
    try {
      const { ctx } = hostContext();
      const error = await refused.executorFor('simulator').execute(taskFor('simulator', ctx), ctx).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true, message: `agent "simulator" is unavailable over nats at ${url}: connection refused` });
      expect(refused.poolStats()).toMatchObject({ size: 0, created: 0 });
    } finally {
      await refused.close();
    }
  });
});
