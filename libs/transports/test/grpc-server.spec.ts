import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { AgentRegistry, createDemoAgents } from '@a2a-mcp/agents';
import { logVerbosity, setLogVerbosity } from '@grpc/grpc-js';
import { firstValueFrom, toArray } from 'rxjs';
import { GrpcAgentClient, GrpcAgentService, GrpcAgentTransport, GrpcAgentsModule, startGrpcAgentServer, type RunningGrpcAgentServer } from '../src';
import { HEARTBEAT_MS, MISSED_BEATS, executorOf, startReplica } from './support/grpc-fixtures';

describe('gRPC agent server', () => {
  const registry = new AgentRegistry(createDemoAgents());
  let server: RunningGrpcAgentServer | undefined;
  let client: GrpcAgentClient;

  beforeEach(() => {
    client = new GrpcAgentClient({ poolSize: 1, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
  });

  afterEach(async () => {
    client.close();
    await server?.close();
    server = undefined;
  });

  it('GetCard returns every card, or the one named, or none for an unknown name', async () => {
    server = await startReplica({ executor: registry, cards: registry.cards() });
    const all = await client.getCards(server.address);
    expect(all.map((card) => card.name)).toEqual(registry.cards().map((card) => card.name));
    expect(all).toEqual(registry.cards());
    await expect(client.getCards(server.address, 'email_agent')).resolves.toEqual(registry.cards().filter((card) => card.name === 'email_agent'));
    await expect(client.getCards(server.address, 'no_such_agent')).resolves.toEqual([]);
  });

  it('Health answers SERVING with the replica id and its agents', async () => {
    server = await startReplica({ executor: registry, cards: registry.cards(), replicaId: 'pod-7' });
    await expect(client.health(server.address)).resolves.toEqual({ status: 'SERVING', replicaId: 'pod-7', agents: registry.cards().map((card) => card.name) });
  });

  it('reports the port it bound for url port 0, and refuses a port already taken with the url in the error', async () => {
    server = await startReplica({ executor: registry });
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    // grpc-js also logs the failed bind; keep the test output clean.
    setLogVerbosity(logVerbosity.NONE);
    try {
      await expect(startGrpcAgentServer({ url: server.address, executor: registry, cards: [], replicaId: 'twin', heartbeatMs: HEARTBEAT_MS })).rejects.toThrow(
        `the gRPC agent server could not listen on ${server.address}`,
      );
    } finally {
      setLogVerbosity(logVerbosity.ERROR);
    }
    expect(() => new GrpcAgentTransport({ url: '127.0.0.1:0' }).port).toThrow('is not listening yet');
  });

  it('refuses bad options with the option named', () => {
    expect(() => new GrpcAgentService({ executor: registry, cards: [], replicaId: 'r', heartbeatMs: 0 })).toThrow('heartbeatMs must be an integer ≥ 1, got 0');
    expect(() => new GrpcAgentService({ executor: registry, cards: [], replicaId: '', heartbeatMs: 10 })).toThrow('replicaId must not be empty');
  });

  it('answers an ExecuteRequest it cannot run with one BAD_ATTEMPT_REQUEST error frame naming the field', async () => {
    const service = new GrpcAgentService({ executor: registry, cards: [], replicaId: 'r1', heartbeatMs: HEARTBEAT_MS });
    const frames = await firstValueFrom(service.execute({ taskJson: '{"runId":"r","taskId":"t"}', attempt: 1, idempotencyKey: 'r/t/1', deadlineAtMs: 0, traceparent: '' }).pipe(toArray()));
    expect(frames).toEqual([
      { key: 'r/t/1', error: { replicaId: 'r1', code: 'BAD_ATTEMPT_REQUEST', message: expect.stringContaining('task_json.agent must be a string'), retryable: false } },
    ]);
    const noKey = await firstValueFrom(service.execute({ taskJson: '{}', attempt: 1, idempotencyKey: '', deadlineAtMs: 0, traceparent: '' }).pipe(toArray()));
    expect(noKey[0]?.error?.message).toContain('idempotency_key is missing');
  });

  it('takes the idempotency key from the call metadata when the request lacks it', async () => {
    const service = new GrpcAgentService({ executor: executorOf(async (_task, ctx) => ctx.idempotencyKey), cards: [], replicaId: 'r1', heartbeatMs: HEARTBEAT_MS });
    const taskJson = JSON.stringify(createTaskRequest({ runId: 'md' }));
    const frames = await firstValueFrom(service.execute({ taskJson, attempt: 1, idempotencyKey: '', deadlineAtMs: 0, traceparent: '' }, 'md/task-1/1').pipe(toArray()));
    expect(frames.at(-1)).toEqual({ key: 'md/task-1/1', result: { replicaId: 'r1', outputJson: '"md/task-1/1"' } });
  });

  it('GrpcAgentsModule attaches to an HTTP application as a gRPC microservice beside its controllers', async () => {
    @Controller()
    class PingController {
      @Get('ping')
      ping(): string {
        return 'pong';
      }
    }
    @Module({
      imports: [GrpcAgentsModule.forAgents({ executor: registry, cards: registry.cards(), replicaId: 'hybrid', heartbeatMs: HEARTBEAT_MS })],
      controllers: [PingController],
    })
    class HostModule {}

    const app = await NestFactory.create(HostModule, { logger: false });
    const transport = new GrpcAgentTransport({ url: '127.0.0.1:0' });
    app.connectMicroservice({ strategy: transport });
    try {
      await app.startAllMicroservices();
      await app.listen(0, '127.0.0.1');
      const address = `127.0.0.1:${transport.port}`;
      await expect(client.health(address)).resolves.toMatchObject({ replicaId: 'hybrid' });
      const task = createTaskRequest({ runId: 'hybrid', agent: 'sms_agent', input: { durationMs: 0 } });
      const ctx = createStandaloneContext({ runId: 'hybrid' }).ctx;
      await expect(client.executorFor('sms_agent', address).execute(task, ctx)).resolves.toEqual(await registry.execute(task, createStandaloneContext({ runId: 'hybrid' }).ctx));
      const http = await fetch(`${await app.getUrl()}/ping`.replace('[::1]', '127.0.0.1'));
      expect(await http.text()).toBe('pong');
    } finally {
      await app.close();
    }
  });
});
