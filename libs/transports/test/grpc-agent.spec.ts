import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { AgentRegistry, createDemoAgents } from '@a2a-mcp/agents';
import { GrpcAgentClient, type RunningGrpcAgentServer } from '../src';
import { HEARTBEAT_MS, MISSED_BEATS, executorOf, startReplica } from './support/grpc-fixtures';

describe('gRPC transport: a remote agent behind AgentService', () => {
  let server: RunningGrpcAgentServer | undefined;
  let client: GrpcAgentClient;

  beforeEach(() => {
    client = new GrpcAgentClient({ poolSize: 2, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
  });

  afterEach(async () => {
    client.close();
    await server?.close();
    server = undefined;
  });

  it('runs a demo agent remotely with the same output and progress as locally', async () => {
    const registry = new AgentRegistry(createDemoAgents());
    server = await startReplica({ executor: registry, cards: registry.cards() });
    const task = createTaskRequest({ runId: 'rt-1', agent: 'data_processor', description: 'Process customer data', input: { recordCount: 1000, durationMs: 20 } });

    const remote = createStandaloneContext({ runId: 'rt-1' });
    const output = await client.executorFor('data_processor', server.address).execute(task, remote.ctx);

    const local = createStandaloneContext({ runId: 'rt-1' });
    const expected = await registry.execute(task, local.ctx);
    expect(output).toEqual(expected);
    expect(output).toMatchObject({ recordsProcessed: 1000 });
    expect(remote.progress).toEqual([
      { pct: 0, message: 'validating records' },
      { pct: 50, message: 'normalizing records' },
    ]);
  });

  it('delivers progress without a message, artifacts and an undefined output as they were sent', async () => {
    server = await startReplica({
      executor: executorOf(async (_task, ctx) => {
        ctx.progress(0);
        ctx.artifact({ name: 'report.csv', mimeType: 'text/csv', data: 'a,b\n1,2' });
        ctx.artifact({ data: { nested: [1, null, 'x'] } });
        ctx.progress(100, 'done');
        return undefined;
      }),
    });
    const host = createStandaloneContext({ runId: 'rt-2' });
    const output = await client.executorFor('writer', server.address).execute(createTaskRequest({ runId: 'rt-2', agent: 'writer' }), host.ctx);
    expect(output).toBeUndefined();
    expect(host.progress).toEqual([{ pct: 0 }, { pct: 100, message: 'done' }]);
    expect(host.artifacts).toEqual([{ name: 'report.csv', mimeType: 'text/csv', data: 'a,b\n1,2' }, { data: { nested: [1, null, 'x'] } }]);
  });

  it('keeps a remote TaskError code, message and retryable flag', async () => {
    server = await startReplica({
      executor: executorOf(async () => {
        throw new TaskError('PAYMENT_DECLINED', 'card 4242 was declined', false);
      }),
    });
    const run = client.executorFor('payments', server.address).execute(createTaskRequest({ runId: 'rt-3' }), createStandaloneContext({ runId: 'rt-3' }).ctx);
    await expect(run).rejects.toMatchObject({ code: 'PAYMENT_DECLINED', message: 'card 4242 was declined', retryable: false });
    await expect(run).rejects.toBeInstanceOf(TaskError);
  });

  it('reports a plain Error thrown by the agent as AGENT_ERROR, retryable', async () => {
    server = await startReplica({
      executor: executorOf(async () => {
        throw new Error('null pointer in the agent');
      }),
    });
    const run = client.executorFor('buggy', server.address).execute(createTaskRequest({ runId: 'rt-4' }), createStandaloneContext({ runId: 'rt-4' }).ctx);
    await expect(run).rejects.toMatchObject({ code: 'AGENT_ERROR', retryable: true, message: expect.stringContaining('null pointer in the agent') });
  });

  it('asks the host for input and sends the answer back over AnswerInput', async () => {
    server = await startReplica({
      executor: executorOf(async (_task, ctx) => {
        const first = await ctx.requestInput('approve order 7?');
        const second = await ctx.requestInput('shipping priority?');
        return { first, second };
      }),
    });
    const host = createStandaloneContext({ runId: 'rt-5', answer: (question) => (question.startsWith('approve') ? { approved: true } : 'express') });
    const output = await client.executorFor('approval', server.address).execute(createTaskRequest({ runId: 'rt-5' }), host.ctx);
    expect(host.questions).toEqual(['approve order 7?', 'shipping priority?']);
    expect(output).toEqual({ first: { approved: true }, second: 'express' });
  });

  it('runs a re-sent attempt (same idempotency key) once and answers both with its outcome', async () => {
    let runs = 0;
    server = await startReplica({
      executor: executorOf(async () => {
        runs += 1;
        return { run: runs };
      }),
    });
    const executor = client.executorFor('once', server.address);
    const task = createTaskRequest({ runId: 'rt-6' });
    const first = await executor.execute(task, createStandaloneContext({ runId: 'rt-6' }).ctx);
    const again = await executor.execute(task, createStandaloneContext({ runId: 'rt-6' }).ctx);
    const nextAttempt = await executor.execute(task, createStandaloneContext({ runId: 'rt-6', attempt: 2 }).ctx);
    expect([first, again, nextAttempt]).toEqual([{ run: 1 }, { run: 1 }, { run: 2 }]);
    expect(runs).toBe(2);
  });
});
