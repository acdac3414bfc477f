import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import { injectTraceContext, type TraceHeaders } from '@a2a-mcp/observability';
import { headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { consumeFrames } from '../attempt/consume-frames';
import type { PoolStats } from '../pool/pool-stats';
import { agentUnavailable, remoteTimeout } from '../transport-errors';
import { DEFAULT_TRANSPORT_SETTINGS } from '../transport-settings';
import { BadAgentReplyError } from '../wire/attempt-frame';
import { WIRE_HEADERS, type AttemptRequest } from '../wire/attempt-request';
import type { NatsAuth, NatsTlsFiles } from './nats-auth';
import { NatsConnectError } from './nats-connect';
import { NatsConnectionPool } from './nats-connection-pool';
import { ReplyInbox } from './reply-inbox';
import { agentSubjects, DEFAULT_AGENT_SUBJECT_PREFIX, type AgentSubjects, type CancelMessage, type InputAnswerMessage } from './nats-subjects';

export interface NatsAgentClientOptions {
  /** NATS_URL (default nats://127.0.0.1:4222); a comma-separated list for a cluster. */
  url?: string;
  /** The agents' AGENT_HEARTBEAT_MS. */
  heartbeatMs?: number;
  /** AGENT_MISSED_HEARTBEATS: silent intervals before AGENT_LOST. */
  missedBeats?: number;
  /** AGENT_MAX_PAYLOAD_BYTES: a larger request is refused before it is sent, a larger frame is a bad reply. */
  maxPayloadBytes?: number;
  /** The first subject token (default `agents`); must match the servers'. */
  subjectPrefix?: string;
  connectTimeoutMs?: number;
  /** How to log in (NATS_USER+NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE); default none. */
  auth?: NatsAuth;
  /** NATS_TLS_*: the CA to trust and a client certificate; default: TLS only if the server asks for it. */
  tls?: NatsTlsFiles;
  /** How long the replica holding a question has to confirm an answer (default 5000 ms). */
  inputAnswerTimeoutMs?: number;
  /** The W3C traceparent of the calling span, sent as a header; default: the active span's (when tracing is on). */
  traceparentOf?: (task: TaskRequest, ctx: TaskContext) => string | undefined;
}

/**
 * The host side of the NATS transport: `executorFor(agent)` is a TaskExecutor that publishes the
 * attempt on `agents.<agent>.execute` (one replica of the queue group takes it), reads the frames from
 * a reply inbox with consumeFrames, and maps NATS failures to task errors: no responders and a refused
 * connection are AGENT_UNAVAILABLE (retryable), the task's timeoutMs is TASK_TIMEOUT, silence AGENT_LOST,
 * a refused login NATS_AUTH_FAILED and a failed TLS handshake NATS_TLS_FAILED (not retryable).
 */
export class NatsAgentClient {
  private readonly pool: NatsConnectionPool;
  private readonly heartbeatMs: number;
  private readonly missedBeats: number;
  private readonly maxPayloadBytes: number;
  private readonly inboxes = new WeakMap<NatsConnection, ReplyInbox>();

  constructor(private readonly options: NatsAgentClientOptions = {}) {
    this.pool = new NatsConnectionPool(options.url ?? DEFAULT_TRANSPORT_SETTINGS.natsUrl, options.connectTimeoutMs, { natsAuth: options.auth, natsTls: options.tls });
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_TRANSPORT_SETTINGS.heartbeatMs;
    this.missedBeats = options.missedBeats ?? DEFAULT_TRANSPORT_SETTINGS.missedBeats;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_TRANSPORT_SETTINGS.maxPayloadBytes;
  }

  get url(): string {
    return this.pool.url;
  }

  executorFor(agent: string): TaskExecutor {
    const subjects = agentSubjects(agent, this.options.subjectPrefix ?? DEFAULT_AGENT_SUBJECT_PREFIX);
    return { execute: (task, ctx) => this.execute(agent, subjects, task, ctx) };
  }

  poolStats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async execute(agent: string, subjects: AgentSubjects, task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    if (ctx.signal.aborted) throw abortReason(ctx.signal);
    const url = this.pool.url;
    const request: AttemptRequest = { task, attempt: ctx.attempt, idempotencyKey: ctx.idempotencyKey };
    const timeoutMs = task.metadata.timeoutMs;
    if (timeoutMs !== undefined && timeoutMs > 0) request.deadlineAtMs = Date.now() + timeoutMs;
    const trace = traceHeadersOf(task, ctx, this.options.traceparentOf);
    if (trace.traceparent !== undefined) request.traceparent = trace.traceparent;
    const body = encoder.encode(JSON.stringify(request));
    if (body.length > this.maxPayloadBytes) {
      throw new TaskError('PAYLOAD_TOO_LARGE', `task "${task.taskId}": the request for agent "${agent}" is ${body.length} bytes, over the ${this.maxPayloadBytes}-byte limit (AGENT_MAX_PAYLOAD_BYTES)`, false);
    }

    let connection: NatsConnection;
    try {
      connection = await this.pool.acquire();
    } catch (error) {
      // Wrong credentials or an untrusted certificate fail the same way on every retry: not retryable.
      if (error instanceof NatsConnectError) throw new TaskError(error.code, `agent "${agent}" over nats: ${error.message}`, false);
      throw agentUnavailable(agent, 'nats', url, describeConnectError(error));
    }
    const replies = this.inboxOf(connection).open();
    // The task's timeout, as the caller's deadline: TASK_TIMEOUT here, and the replica stops at the same moment.
    let timer: NodeJS.Timeout | undefined;
    let signal = ctx.signal;
    if (request.deadlineAtMs !== undefined) {
      const deadline = new AbortController();
      timer = setTimeout(() => deadline.abort(remoteTimeout(agent, 'nats', url, timeoutMs ?? 0)), timeoutMs);
      timer.unref();
      signal = AbortSignal.any([ctx.signal, deadline.signal]);
    }
    let finished = false;
    try {
      connection.publish(subjects.execute, body, { reply: replies.subject, headers: requestHeaders(request, trace) });
      const frames = this.framesOf(replies.messages, agent, url, () => (finished = true));
      return await consumeFrames(frames, withSignal(ctx, signal), {
        agent,
        transport: 'nats',
        address: url,
        key: request.idempotencyKey,
        heartbeatMs: this.heartbeatMs,
        missedBeats: this.missedBeats,
        answerInput: (inputId, answer) => this.answerInput(connection, subjects, agent, { key: request.idempotencyKey, inputId, answer }),
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      replies.close();
      // Cancelled, timed out, lost or a bad reply: tell the replica to stop (harmless if it already has).
      if (!finished && !connection.isClosed()) {
        const cancel: CancelMessage = { key: request.idempotencyKey };
        connection.publish(subjects.cancel, encoder.encode(JSON.stringify(cancel)));
      }
      this.pool.release();
    }
  }

  /** The connection's reply inbox, made with its first request (a reconnect after a close gets a new one). */
  private inboxOf(connection: NatsConnection): ReplyInbox {
    let inbox = this.inboxes.get(connection);
    if (inbox === undefined) {
      inbox = new ReplyInbox(connection);
      this.inboxes.set(connection, inbox);
    }
    return inbox;
  }

  private async *framesOf(messages: AsyncIterable<Msg>, agent: string, url: string, onFinal: () => void): AsyncGenerator<unknown> {
    for await (const msg of messages) {
      // NATS answers a request nobody subscribes to with a 503 status message on the reply subject.
      if (msg.headers?.code === 503) throw agentUnavailable(agent, 'nats', url, 'no responders');
      if (msg.data.length > this.maxPayloadBytes) throw new BadAgentReplyError(agent, `a frame of ${msg.data.length} bytes is over the ${this.maxPayloadBytes}-byte limit`);
      let frame: unknown;
      try {
        frame = JSON.parse(decoder.decode(msg.data)) as unknown;
      } catch {
        throw new BadAgentReplyError(agent, `a frame is not JSON (starts with ${JSON.stringify(decoder.decode(msg.data.subarray(0, 40)))})`);
      }
      const kind = typeof frame === 'object' && frame !== null ? (frame as { kind?: unknown }).kind : undefined;
      if (kind === 'result' || kind === 'error') onFinal();
      yield frame;
    }
  }

  private async answerInput(connection: NatsConnection, subjects: AgentSubjects, agent: string, message: InputAnswerMessage): Promise<void> {
    try {
      await connection.request(subjects.input, encoder.encode(JSON.stringify(message)), { timeout: this.options.inputAnswerTimeoutMs ?? 5000 });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TaskError('AGENT_LOST', `agent "${agent}" over nats at ${this.pool.url}: no replica holds question "${message.inputId}" of attempt ${message.key} any more (${why})`, true);
    }
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The calling span's trace headers (traceparent, tracestate, baggage): the agent's spans join its trace. */
function traceHeadersOf(task: TaskRequest, ctx: TaskContext, traceparentOf: NatsAgentClientOptions['traceparentOf']): TraceHeaders {
  const trace = injectTraceContext();
  const traceparent = traceparentOf?.(task, ctx);
  if (traceparent !== undefined) trace.traceparent = traceparent;
  return trace;
}

/** The attempt's keys and trace context as headers, for a broker, a proxy or a tracer that does not parse the body. */
function requestHeaders(request: AttemptRequest, trace: TraceHeaders): MsgHdrs {
  const h = natsHeaders();
  h.set(WIRE_HEADERS.idempotencyKey, request.idempotencyKey);
  if (request.deadlineAtMs !== undefined) h.set(WIRE_HEADERS.deadline, String(request.deadlineAtMs));
  for (const name in trace) h.set(name, trace[name]);
  return h;
}

/**
 * The engine's context with another signal. Built field by field: a spread copies only own properties,
 * so it would drop the methods of a class-based context (the engine's AttemptContext).
 */
function withSignal(ctx: TaskContext, signal: AbortSignal): TaskContext {
  if (signal === ctx.signal) return ctx;
  return {
    runId: ctx.runId,
    taskId: ctx.taskId,
    attempt: ctx.attempt,
    idempotencyKey: ctx.idempotencyKey,
    signal,
    progress: (pct, message) => ctx.progress(pct, message),
    artifact: (part) => ctx.artifact(part),
    requestInput: (question) => ctx.requestInput(question),
    sleep: (ms) => ctx.sleep(ms),
    now: () => ctx.now(),
    servedBy: (where) => ctx.servedBy?.(where),
  };
}

function describeConnectError(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'CONNECTION_REFUSED') return 'connection refused';
  return error instanceof Error ? `cannot connect (${error.message})` : 'cannot connect';
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
}
