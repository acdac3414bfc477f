import { createServer } from 'node:net';
import { Server, ServerCredentials, loadPackageDefinition, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { TaskContext, TaskExecutor, TaskRequest } from '@a2a-mcp/core-graph';
import { AGENT_PROTO_PATH, startGrpcAgentServer, type RunningGrpcAgentServer, type StartGrpcAgentServerOptions } from '../../src';
import { AGENT_PROTO_LOADER_OPTIONS, type AttemptFrameMessage, type ExecuteRequestMessage } from '../../src/grpc/agent-proto';

export const HEARTBEAT_MS = 50;
// A three-second silence before AGENT_LOST: short enough for the loss tests, long enough that a loaded CI
// machine (every project's suite at once on 2 cores stalled a replica's heartbeat past one second) is not
// taken for a lost replica.
export const MISSED_BEATS = 60;

let replicaCounter = 0;

/** A Nest gRPC agent server on a free loopback port; close it in afterEach. */
export function startReplica(options: Partial<StartGrpcAgentServerOptions> & Pick<StartGrpcAgentServerOptions, 'executor'>): Promise<RunningGrpcAgentServer> {
  replicaCounter += 1;
  return startGrpcAgentServer({
    url: '127.0.0.1:0',
    cards: [],
    replicaId: `replica-${process.pid}-${replicaCounter}`,
    heartbeatMs: HEARTBEAT_MS,
    ...options,
  });
}

export const executorOf = (execute: (task: TaskRequest, ctx: TaskContext) => Promise<unknown>): TaskExecutor => ({ execute });

/** Resolves when `signal` aborts, with its reason: lets an agent "work" until it is cancelled. */
export function untilAborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

/** A promise with its resolve exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RawExecuteCall {
  request: ExecuteRequestMessage;
  metadata: Record<string, unknown>;
  /** The call's deadline as grpc-js reports it to the server, in epoch ms (Infinity: none). */
  deadline: number;
  /** The caller's host:port: distinct peers are distinct connections. */
  peer: string;
  write(frame: AttemptFrameMessage): void;
  end(): void;
}

/**
 * A bare grpc-js AgentService (no Nest, no serveAttempt) that hands each Execute call to the test, so
 * the test can send frames a real replica never would.
 */
export async function startRawAgentServer(onExecute: (call: RawExecuteCall) => void): Promise<{ address: string; close(): Promise<void> }> {
  const definition = loadPackageDefinition(loadSync(AGENT_PROTO_PATH, AGENT_PROTO_LOADER_OPTIONS)) as unknown as {
    a2a_mcp: { agent: { v1: { AgentService: { service: Parameters<Server['addService']>[0] } } } };
  };
  const server = new Server();
  const implementation: UntypedServiceImplementation = {
    Execute: (call: ServerWritableStream<ExecuteRequestMessage, AttemptFrameMessage>) => {
      onExecute({
        request: call.request,
        metadata: call.metadata.getMap(),
        deadline: Number(call.getDeadline()),
        peer: call.getPeer(),
        write: (frame) => call.write(frame),
        end: () => call.end(),
      });
    },
  };
  server.addService(definition.a2a_mcp.agent.v1.AgentService.service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.forceShutdown();
      resolve();
    }),
  };
}
