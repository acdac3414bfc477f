import { Server, ServerCredentials, loadPackageDefinition, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { AgentRegistry, createSimulatorAgent } from '@a2a-mcp/agents';
import { AGENT_PROTO_PATH, GrpcAgentClient, type RunningGrpcAgentServer } from '../src';
import { AGENT_PROTO_LOADER_OPTIONS, type AttemptFrameMessage, type ExecuteRequestMessage } from '../src/grpc/agent-proto';
import { HEARTBEAT_MS, MISSED_BEATS, startReplica } from './support/grpc-fixtures';

const CONCURRENT = 250;
const ROUNDS = 4;

// A thousand calls and two processes' worth of HTTP/2 on a loaded 2-core CI machine: generous.
jest.setTimeout(60_000);

/**
 * Many Execute calls at once over a pool of two channels. The client used to cancel every call once
 * its result frame arrived; racing the server's trailers, that reset finished streams and now and then
 * took the whole HTTP/2 session down (RST_STREAM code 2, "Session closed with error code 2").
 */
describe('gRPC transport under load', () => {
  let server: RunningGrpcAgentServer;
  const client = new GrpcAgentClient({ poolSize: 2, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS * 50 });

  beforeAll(async () => {
    server = await startReplica({ executor: new AgentRegistry([createSimulatorAgent()]) });
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  it(`${CONCURRENT} concurrent zero-work calls, ${ROUNDS} times over, all succeed on at most two channels`, async () => {
    const executor = client.executorFor('simulator', server.address);
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const calls = Array.from({ length: CONCURRENT }, async (_, i) => {
        const { ctx } = createStandaloneContext({ runId: `load-${round}`, taskId: `t${i}` });
        const task = createTaskRequest({ runId: ctx.runId, taskId: ctx.taskId, agent: 'simulator', input: { durationMs: 0, output: { i } } });
        try {
          return await executor.execute(task, ctx);
        } catch (error) {
          failures.push(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
          return undefined;
        }
      });
      const outputs = await Promise.all(calls);
      expect(failures).toEqual([]);
      expect(outputs).toEqual(Array.from({ length: CONCURRENT }, (_, i) => ({ i })));
    }
    const [stats] = client.poolStats();
    expect(stats).toMatchObject({ size: 2, created: 2 });
  });
});

type ExecuteCall = ServerWritableStream<ExecuteRequestMessage, AttemptFrameMessage>;

/** A bare AgentService whose Execute calls the test drives, and which sees their cancellation. */
async function startManualServer(onExecute: (call: ExecuteCall) => void): Promise<{ address: string; server: Server }> {
  const definition = loadPackageDefinition(loadSync(AGENT_PROTO_PATH, AGENT_PROTO_LOADER_OPTIONS)) as unknown as {
    a2a_mcp: { agent: { v1: { AgentService: { service: Parameters<Server['addService']>[0] } } } };
  };
  const server = new Server();
  const implementation: UntypedServiceImplementation = { Execute: onExecute };
  server.addService(definition.a2a_mcp.agent.v1.AgentService.service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, server };
}

describe('gRPC client after the final frame', () => {
  it('does not cancel a call whose result it has: the server ends it (a cancel would race its trailers)', async () => {
    const calls: { call: ExecuteCall; cancelled: boolean }[] = [];
    const { address, server } = await startManualServer((call) => {
      const entry = { call, cancelled: false };
      call.on('cancelled', () => (entry.cancelled = true));
      calls.push(entry);
      const key = call.request.idempotencyKey;
      call.write({ key, result: { replicaId: 'manual', outputJson: JSON.stringify({ n: calls.length }) } });
      // The first call's trailers wait for the test; the second ends at once.
      if (calls.length > 1) call.end();
    });
    // Heartbeats are not under test here: a loaded machine must not turn a slow first frame into AGENT_LOST.
    const client = new GrpcAgentClient({ poolSize: 1, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS * 50 });
    try {
      const executor = client.executorFor('manual', address);
      const run = async (taskId: string): Promise<unknown> => {
        const { ctx } = createStandaloneContext({ runId: 'after-final', taskId });
        return executor.execute(createTaskRequest({ runId: ctx.runId, taskId, agent: 'manual' }), ctx);
      };
      await expect(run('first')).resolves.toEqual({ n: 1 });
      // Same channel, same connection: HTTP/2 frames arrive in order, so a cancel of the first call
      // sent when it resolved reaches the server before the second call does.
      await expect(run('second')).resolves.toEqual({ n: 2 });
      expect(calls).toHaveLength(2);
      expect(calls[0]?.cancelled).toBe(false);
      calls[0]?.call.end();
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
