import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { GrpcAgentClient, GrpcChannelPool, RoutingExecutor, reuseRatio, type RunningGrpcAgentServer } from '../src';
import type { AgentServiceClient } from '../src/grpc/agent-service-client';
import { HEARTBEAT_MS, MISSED_BEATS, deferred, executorOf, startRawAgentServer, startReplica, type RawExecuteCall } from './support/grpc-fixtures';

describe('gRPC channel pool', () => {
  const fakeClient = (): AgentServiceClient & { closed: boolean } => {
    const client = { closed: false, close: () => (client.closed = true) };
    return client as unknown as AgentServiceClient & { closed: boolean };
  };

  it('opens a channel only while every open one is busy, up to its size, then shares the least busy', () => {
    const opened: ReturnType<typeof fakeClient>[] = [];
    const pool = new GrpcChannelPool('h:1', 2, () => {
      const client = fakeClient();
      opened.push(client);
      return client;
    });
    const a = pool.acquire();
    a.release();
    const b = pool.acquire(); // the idle channel again
    const c = pool.acquire(); // b's channel is busy: a second one
    pool.acquire(); // full: the least busy (both have 1) is shared
    expect(opened).toHaveLength(2);
    expect(b.client).toBe(opened[0]);
    expect(c.client).toBe(opened[1]);
    expect(pool.stats()).toEqual({ transport: 'grpc', address: 'h:1', size: 2, inUse: 2, created: 2, reused: 2 });
    c.release();
    c.release(); // idempotent
    expect(pool.acquire().client).toBe(opened[1]);
  });

  it('replaces a broken channel once its calls are over', () => {
    const opened: ReturnType<typeof fakeClient>[] = [];
    const pool = new GrpcChannelPool('h:1', 1, () => {
      const client = fakeClient();
      opened.push(client);
      return client;
    });
    const first = pool.acquire();
    const second = pool.acquire();
    first.release(true);
    expect(opened[0]?.closed).toBe(false); // second still runs on it
    const third = pool.acquire();
    expect(third.client).toBe(opened[1]);
    second.release();
    expect(opened[0]?.closed).toBe(true);
    expect(pool.stats()).toMatchObject({ size: 1, created: 2 });
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new GrpcChannelPool('h:1', 0, fakeClient)).toThrow('the gRPC pool size must be an integer ≥ 1, got 0');
    expect(() => new GrpcAgentClient({ poolSize: 1.5, heartbeatMs: 10, missedBeats: 3 })).toThrow('poolSize must be an integer ≥ 1, got 1.5');
  });
});

describe('gRPC transport over real replicas', () => {
  const servers: RunningGrpcAgentServer[] = [];
  let client: GrpcAgentClient;

  afterEach(async () => {
    client.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('N calls over a pool of k channels open at most k and reuse the rest', async () => {
    const release = deferred();
    let waiting = 0;
    const allWaiting = deferred();
    const server = await startReplica({
      executor: executorOf(async (task) => {
        if (task.input.hold === true) {
          waiting += 1;
          if (waiting === 5) allWaiting.resolve();
          await release.promise;
        }
        return task.taskId;
      }),
    });
    servers.push(server);
    const k = 3;
    client = new GrpcAgentClient({ poolSize: k, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
    const executor = client.executorFor('echo', server.address);
    const run = (taskId: string, hold: boolean) =>
      executor.execute(createTaskRequest({ runId: 'pool', taskId, input: { hold } }), createStandaloneContext({ runId: 'pool', taskId }).ctx);

    // 5 at once: the pool grows to k and shares its channels.
    const concurrent = Promise.all([0, 1, 2, 3, 4].map((i) => run(`c${i}`, true)));
    await allWaiting.promise;
    expect(client.poolStats()).toEqual([{ transport: 'grpc', address: server.address, size: k, inUse: k, created: k, reused: 2 }]);
    release.resolve();
    await expect(concurrent).resolves.toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);

    // 10 more one after another: no new channel.
    for (let i = 0; i < 10; i += 1) await expect(run(`s${i}`, false)).resolves.toBe(`s${i}`);
    const [stats] = client.poolStats();
    const n = 15;
    expect(stats?.created).toBeLessThanOrEqual(k);
    expect(stats?.reused).toBeGreaterThanOrEqual(n - k);
    expect(stats?.inUse).toBe(0);
    expect(reuseRatio(stats!)).toBeGreaterThanOrEqual((n - k) / n);
  });

  it('each pooled channel is a connection of its own (grpc-js would otherwise share one)', async () => {
    const calls: RawExecuteCall[] = [];
    const allIn = deferred();
    const raw = await startRawAgentServer((call) => {
      calls.push(call);
      if (calls.length === 3) allIn.resolve();
    });
    client = new GrpcAgentClient({ poolSize: 3, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
    try {
      const runs = ['x', 'y', 'z'].map((taskId) =>
        client.executorFor('raw', raw.address).execute(createTaskRequest({ runId: 'peers', taskId }), createStandaloneContext({ runId: 'peers', taskId }).ctx),
      );
      await allIn.promise;
      expect(new Set(calls.map((call) => call.peer)).size).toBe(3);
      for (const call of calls) {
        call.write({ key: call.request.idempotencyKey, result: { replicaId: 'raw', outputJson: '"ok"' } });
        call.end();
      }
      await expect(Promise.all(runs)).resolves.toEqual(['ok', 'ok', 'ok']);
    } finally {
      await raw.close();
    }
  });

  it('two replicas behind two addresses each serve their own calls, one pool per address', async () => {
    const replicaOf = (name: string) => executorOf(async (task) => ({ servedBy: name, agent: task.agent }));
    const a = await startReplica({ executor: replicaOf('a'), replicaId: 'replica-a' });
    const b = await startReplica({ executor: replicaOf('b'), replicaId: 'replica-b' });
    servers.push(a, b);
    client = new GrpcAgentClient({ poolSize: 2, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
    const routing = new RoutingExecutor([
      { agent: 'pricing', transport: 'grpc', address: a.address, executor: client.executorFor('pricing', a.address) },
      { agent: 'quotes', transport: 'grpc', address: b.address, executor: client.executorFor('quotes', b.address) },
    ]);
    const run = (agent: string, taskId: string) => routing.execute(createTaskRequest({ runId: 'two', taskId, agent }), createStandaloneContext({ runId: 'two', taskId }).ctx);

    await expect(run('pricing', 'p1')).resolves.toEqual({ servedBy: 'a', agent: 'pricing' });
    await expect(run('quotes', 'q1')).resolves.toEqual({ servedBy: 'b', agent: 'quotes' });
    await expect(client.health(a.address)).resolves.toMatchObject({ replicaId: 'replica-a' });
    await expect(client.health(b.address)).resolves.toMatchObject({ replicaId: 'replica-b' });
    expect(client.poolStats().map((stats) => stats.address).sort()).toEqual([a.address, b.address].sort());

    // Replica a goes down: its agent is unavailable (retryable), b still answers; re-routed, pricing lands on b.
    await a.close();
    servers.splice(servers.indexOf(a), 1);
    await expect(run('pricing', 'p2')).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    await expect(run('quotes', 'q2')).resolves.toEqual({ servedBy: 'b', agent: 'quotes' });
    routing.setRoute({ agent: 'pricing', transport: 'grpc', address: b.address, executor: client.executorFor('pricing', b.address) });
    await expect(run('pricing', 'p3')).resolves.toEqual({ servedBy: 'b', agent: 'pricing' });
  });
});
