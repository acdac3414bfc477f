import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import type { AgentCard } from '@a2a-mcp/agents';
import { injectTraceContext, type TraceHeaders } from '@a2a-mcp/observability';
import { Metadata, status, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import { consumeFrames } from '../attempt/consume-frames';
import type { PoolStats } from '../pool/pool-stats';
import { agentUnavailable } from '../transport-errors';
import { BadAgentReplyError } from '../wire/attempt-frame';
import { WIRE_HEADERS, type AttemptRequest } from '../wire/attempt-request';
import type { AgentCardsMessage, AnswerInputReplyMessage, AttemptFrameMessage, HealthReplyMessage } from './agent-proto';
import { createAgentServiceClient, type AgentChannelSecurity, type AgentServiceClient } from './agent-service-client';
import { attemptToMessage, messageToFrame, toJsonText } from './frame-codec';
import { GrpcChannelPool } from './grpc-channel-pool';
import { breaksChannel, isServiceError, taskErrorFromGrpc } from './grpc-status';
import { grpcChannelSecurity, type GrpcTlsFiles } from './grpc-tls';

export interface GrpcAgentClientOptions {
  /** Channels per address (CONNECTION_POOL_SIZE). */
  poolSize: number;
  /** The agents' heartbeat interval (AGENT_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** Silent intervals before AGENT_LOST (AGENT_MISSED_HEARTBEATS). */
  missedBeats: number;
  /** Largest message sent or received (AGENT_MAX_PAYLOAD_BYTES); default: grpc-js's 4 MiB. */
  maxPayloadBytes?: number;
  /** Budget of GetCard, Health and AnswerInput calls; default 10 000 ms. */
  unaryTimeoutMs?: number;
  /** The W3C traceparent of the calling span; default: the active span's (when tracing is on). */
  traceparentOf?(task: TaskRequest, ctx: TaskContext): string | undefined;
  /** GRPC_TLS_*: trust GRPC_TLS_CA_FILE (else the system's CAs), present GRPC_TLS_CERT_FILE for mutual TLS; default plaintext. */
  tls?: GrpcTlsFiles;
}

export interface GrpcHealth {
  status: HealthReplyMessage['status'];
  replicaId: string;
  agents: string[];
}

const DEFAULT_UNARY_TIMEOUT_MS = 10_000;

/**
 * The host side of the gRPC transport: remote agents as TaskExecutors (one per agent and address,
 * e.g. routed by a RoutingExecutor), over a pool of channels per address.
 */
export class GrpcAgentClient {
  private readonly pools = new Map<string, GrpcChannelPool>();
  private readonly security: AgentChannelSecurity;

  constructor(private readonly options: GrpcAgentClientOptions) {
    for (const [name, value, min] of [
      ['poolSize', options.poolSize, 1],
      ['heartbeatMs', options.heartbeatMs, 1],
      ['missedBeats', options.missedBeats, 1],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`GrpcAgentClient: ${name} must be an integer ≥ ${min}, got ${value}`);
    }
    // The PEM files are read once: every channel of every pool shares the credentials.
    this.security = grpcChannelSecurity(options.tls);
  }

  /** Runs tasks for `agent` on the replica at `address` (host:port). */
  executorFor(agent: string, address: string): TaskExecutor {
    return { execute: (task, ctx) => this.execute(agent, address, task, ctx) };
  }

  /** The cards the replica at `address` serves: all, or the one named (an empty list if it has none by that name). */
  async getCards(address: string, name = ''): Promise<AgentCard[]> {
    const reply = await this.unary<AgentCardsMessage>(address, name || 'AgentService', (client, metadata, options, done) => client.GetCard({ name }, metadata, options, done));
    return reply.cardsJson.map((json, index) => {
      try {
        return JSON.parse(json) as AgentCard;
      } catch (error) {
        throw new BadAgentReplyError(name || 'AgentService', `GetCard from ${address}: card ${index} is not valid JSON (${(error as Error).message})`);
      }
    });
  }

  async health(address: string): Promise<GrpcHealth> {
    const reply = await this.unary<HealthReplyMessage>(address, 'AgentService', (client, metadata, options, done) => client.Health({}, metadata, options, done));
    return { status: reply.status, replicaId: reply.replicaId, agents: [...reply.agents] };
  }

  poolStats(): PoolStats[] {
    return [...this.pools.values()].map((pool) => pool.stats());
  }

  /** Closes every channel; later calls open new ones. */
  close(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }

  private poolFor(address: string): GrpcChannelPool {
    let pool = this.pools.get(address);
    if (pool === undefined) {
      pool = new GrpcChannelPool(address, this.options.poolSize, (target) => createAgentServiceClient(target, this.options.maxPayloadBytes, this.security));
      this.pools.set(address, pool);
    }
    return pool;
  }

  private async execute(agent: string, address: string, task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
    const timeoutMs = task.metadata?.timeoutMs;
    // The calling span's trace headers (traceparent, tracestate, baggage): the agent's spans join its trace.
    const trace = injectTraceContext();
    const traceparent = this.options.traceparentOf?.(task, ctx);
    if (traceparent !== undefined) trace.traceparent = traceparent;
    const request: AttemptRequest = {
      task,
      attempt: ctx.attempt,
      idempotencyKey: ctx.idempotencyKey,
      deadlineAtMs: timeoutMs !== undefined && timeoutMs > 0 ? Date.now() + timeoutMs : undefined,
      traceparent: trace.traceparent,
    };
    const lease = this.poolFor(address).acquire();
    const call = lease.client.Execute(attemptToMessage(request), metadataOf(request, trace), request.deadlineAtMs === undefined ? {} : { deadline: new Date(request.deadlineAtMs) });
    // consumeFrames rejects at once on abort; cancelling the call is what tells the replica to stop.
    let cancelledHere = false;
    const cancel = (): void => {
      cancelledHere = true;
      call.cancel();
    };
    ctx.signal.addEventListener('abort', cancel, { once: true });
    let broken = false;
    let ended = false;
    const target = { agent, address, deadlineMs: timeoutMs, secure: this.options.tls !== undefined };
    async function* frames(): AsyncGenerator<unknown> {
      try {
        for await (const message of call as AsyncIterable<AttemptFrameMessage>) {
          const frame = messageToFrame(message, agent);
          if (message.frame === 'result' || message.frame === 'error') ended = true;
          yield frame;
        }
      } catch (error) {
        if (!isServiceError(error)) throw error;
        // CANCELLED that we did not ask for: the replica shut down under the call.
        broken = breaksChannel(error) || (error.code === status.CANCELLED && !cancelledHere);
        throw taskErrorFromGrpc(error, target);
      }
    }
    try {
      return await consumeFrames(frames(), ctx, {
        agent,
        transport: 'grpc',
        address,
        key: request.idempotencyKey,
        heartbeatMs: this.options.heartbeatMs,
        missedBeats: this.options.missedBeats,
        answerInput: async (inputId, answer) => {
          const reply = await this.unaryOn<AnswerInputReplyMessage>(lease.client, address, agent, (client, metadata, options, done) =>
            client.AnswerInput({ idempotencyKey: request.idempotencyKey, inputId, answerJson: toJsonText(answer) }, metadata, options, done),
          );
          if (!reply.accepted) throw new TaskError('INPUT_NOT_AWAITED', `agent "${agent}" at ${address} no longer waits for input "${inputId}"`, true);
        },
      });
    } finally {
      ctx.signal.removeEventListener('abort', cancel);
      // Stops the replica's work when we gave up first (watchdog, bad frame). Not after the final frame:
      // the server is about to end the call, and a cancel racing its trailers resets a finished stream.
      if (!ended) cancel();
      lease.release(broken);
    }
  }

  private async unary<Reply>(address: string, agent: string, send: UnarySend<Reply>): Promise<Reply> {
    const lease = this.poolFor(address).acquire();
    let broken = false;
    try {
      return await this.unaryOn(lease.client, address, agent, send);
    } catch (error) {
      broken = error instanceof TaskError && error.code === 'AGENT_UNAVAILABLE';
      throw error;
    } finally {
      lease.release(broken);
    }
  }

  private unaryOn<Reply>(client: AgentServiceClient, address: string, agent: string, send: UnarySend<Reply>): Promise<Reply> {
    const timeoutMs = this.options.unaryTimeoutMs ?? DEFAULT_UNARY_TIMEOUT_MS;
    return new Promise<Reply>((resolve, reject) => {
      send(client, new Metadata(), { deadline: new Date(Date.now() + timeoutMs) }, (error, reply) => {
        if (error) reject(taskErrorFromGrpc(error, { agent, address, deadlineMs: timeoutMs, secure: this.options.tls !== undefined }));
        else if (reply === undefined) reject(agentUnavailable(agent, 'grpc', address, 'an empty reply'));
        else resolve(reply);
      });
    });
  }
}

type UnarySend<Reply> = (client: AgentServiceClient, metadata: Metadata, options: CallOptions, done: (error: ServiceError | null, reply?: Reply) => void) => void;

/** The attempt's keys and trace context as call metadata, for proxies and tracers that do not parse the body. */
function metadataOf(request: AttemptRequest, trace: TraceHeaders): Metadata {
  const metadata = new Metadata();
  metadata.set(WIRE_HEADERS.idempotencyKey, request.idempotencyKey);
  if (request.deadlineAtMs !== undefined) metadata.set(WIRE_HEADERS.deadline, String(request.deadlineAtMs));
  for (const name in trace) metadata.set(name, trace[name]);
  return metadata;
}
