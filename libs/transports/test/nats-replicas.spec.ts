import type { TaskExecutor } from '@a2a-mcp/core-graph';
import { AgentRegistry } from '@a2a-mcp/agents';
import type { NatsConnection } from 'nats';
import { NatsAgentClient, NatsAgentServer } from '../src';
import { hangingAgent, hostContext, NATS_URL, taskFor, testAgent, uniquePrefix } from './support/nats-fixtures';

const HEARTBEAT_MS = 50;

function replica(prefix: string, executor: TaskExecutor, agents: string[], replicaId: string): NatsAgentServer {
  return new NatsAgentServer({ executor, agents, servers: NATS_URL, heartbeatMs: HEARTBEAT_MS, subjectPrefix: prefix, replicaId, shutdownGraceMs: 100 });
}

describe('NATS replicas', () => {
  const servers: NatsAgentServer[] = [];
  const clients: NatsAgentClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('two replicas in one queue group share the tasks: each of 40 runs once, both serve some', async () => {
    const prefix = uniquePrefix();
    const worker = (name: string) =>
      new AgentRegistry([
        testAgent('worker', async (_task, ctx) => {
          await ctx.sleep(5);
          return { replica: name };
        }),
      ]);
    servers.push(replica(prefix, worker('a'), ['worker'], 'replica-a'), replica(prefix, worker('b'), ['worker'], 'replica-b'));
    await Promise.all(servers.map((server) => server.start()));
    const client = new NatsAgentClient({ url: NATS_URL, heartbeatMs: HEARTBEAT_MS, missedBeats: 20, subjectPrefix: prefix });
    clients.push(client);
    const outputs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const { ctx } = hostContext({ taskId: `task-${i}` });
        return client.executorFor('worker').execute(taskFor('worker', ctx), ctx) as Promise<{ replica: string }>;
      }),
    );
    const served = { a: outputs.filter((o) => o.replica === 'a').length, b: outputs.filter((o) => o.replica === 'b').length };
    expect(served.a + served.b).toBe(40);
    expect(served.a).toBeGreaterThan(0);
    expect(served.b).toBeGreaterThan(0);
  });

  it('a replica that loses its connection mid-task fails the attempt AGENT_LOST (retryable), long before its timeout', async () => {
    const prefix = uniquePrefix();
    const hanging = hangingAgent('fragile');
    const server = replica(prefix, new AgentRegistry([hanging.agent]), ['fragile'], 'replica-doomed');
    servers.push(server);
    await server.start();
    const client = new NatsAgentClient({ url: NATS_URL, heartbeatMs: HEARTBEAT_MS, missedBeats: 3, subjectPrefix: prefix });
    clients.push(client);
    const { ctx } = hostContext();
    const running = client.executorFor('fragile').execute(taskFor('fragile', ctx, { metadata: { timeoutMs: 600_000 } }), ctx);
    await hanging.started;
    // Abrupt: no goodbye, no final frame; only the silence tells the host.
    await server.unwrap<NatsConnection>().close();
    await expect(running).rejects.toMatchObject({ code: 'AGENT_LOST', retryable: true, message: expect.stringContaining('"fragile"') });
  });
});
