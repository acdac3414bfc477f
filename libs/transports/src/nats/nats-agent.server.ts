import { randomUUID } from 'node:crypto';
import { TaskError, type TaskExecutor } from '@a2a-mcp/core-graph';
import { traceHeaderNames, type TraceCarrier } from '@a2a-mcp/observability';
import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from 'nats';
import { AttemptDeduplicator } from '../attempt/attempt-deduplicator';
import { InputAnswers } from '../attempt/input-answers';
import { BadAttemptRequestError, parseAttemptRequest } from '../attempt/parse-attempt-request';
import { serveTracedAttempt } from '../attempt/serve-traced-attempt';
import { DEFAULT_TRANSPORT_SETTINGS } from '../transport-settings';
import { isFinalFrame, type AttemptFrame } from '../wire/attempt-frame';
import { WIRE_HEADERS, type AttemptRequest } from '../wire/attempt-request';
import type { NatsAuth, NatsTlsFiles } from './nats-auth';
import { connectNats } from './nats-connect';
import { agentSubjects, DEFAULT_AGENT_SUBJECT_PREFIX } from './nats-subjects';

export interface NatsAgentServerOptions {
  /** Runs the attempts (an AgentRegistry, usually). */
  executor: TaskExecutor;
  /** The agents this replica serves; each gets its execute / cancel / input subjects. */
  agents: readonly string[];
  /** NATS_URL (default nats://127.0.0.1:4222). Ignored when `connection` is given. */
  servers?: string;
  /** How to log in when it connects itself (NATS_USER+NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE). */
  auth?: NatsAuth;
  /** NATS_TLS_* when it connects itself. */
  tls?: NatsTlsFiles;
  /** An open connection to share (e.g. with the AgentAnnouncer); the server then does not close it. */
  connection?: NatsConnection;
  /** Names this replica in frames and the a2a-replica-id header (default a random id). */
  replicaId?: string;
  heartbeatMs?: number;
  /** Larger requests and final frames are refused with PAYLOAD_TOO_LARGE (not retryable); larger progress/artifact frames are dropped. */
  maxPayloadBytes?: number;
  /** On close, running attempts get this long to finish before they are aborted (retryable). Default 5000. */
  shutdownGraceMs?: number;
  /** The first subject token (default `agents`); tests use a unique one. */
  subjectPrefix?: string;
  /** Remembers finished attempts so a re-delivery does not run twice (default a 10 000-key LRU). */
  dedup?: AttemptDeduplicator;
}

interface RunningAttempt {
  controller: AbortController;
  answers: InputAnswers;
  done: Promise<void>;
}

/**
 * The agent side of the NATS transport, as a Nest custom transport strategy: pass it to
 * `NestFactory.createMicroservice(Module, { strategy })` (or `app.connectMicroservice`), or call
 * `start()` / `close()` directly.
 *
 * Why the `nats` client directly (the client Nest's own NATS transport uses) rather than Nest's
 * ServerNats: ServerNats subscribes every pattern in one queue group, while each agent needs its own
 * (`agents.<agent>`) and the cancel / input subjects need none, so every replica hears them; and its
 * request envelope ({pattern, data, id}) and "no responders" handling cannot carry the attempt's own
 * protocol. The wire stays plain: an AttemptRequest as JSON with the WIRE_HEADERS, JSON frames back to
 * the reply subject (docs/architecture.md, transports).
 */
export class NatsAgentServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(NatsAgentServer.name);
  readonly replicaId: string;
  private readonly heartbeatMs: number;
  private readonly maxPayloadBytes: number;
  private readonly dedup: AttemptDeduplicator;
  private readonly running = new Map<string, RunningAttempt>();
  private readonly subscriptions: Subscription[] = [];
  private connection: NatsConnection | undefined;
  private executeSubscriptions: Subscription[] = [];
  /** The same on every reply, so built once (publish encodes it afresh each time). */
  private readonly replyHeaders = natsHeaders();

  constructor(private readonly options: NatsAgentServerOptions) {
    super();
    this.replicaId = options.replicaId ?? `nats-${randomUUID().slice(0, 8)}`;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_TRANSPORT_SETTINGS.heartbeatMs;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_TRANSPORT_SETTINGS.maxPayloadBytes;
    this.dedup = options.dedup ?? new AttemptDeduplicator();
    this.replyHeaders.set(WIRE_HEADERS.replica, this.replicaId);
    // Checks every name now: a bad one fails at boot, not on the first task.
    for (const agent of options.agents) agentSubjects(agent, options.subjectPrefix);
  }

  /** Nest's entry point: subscribes, then calls back (with the error if NATS cannot be reached). */
  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  /** Connects (unless given a connection) and subscribes every agent's subjects. */
  async start(): Promise<void> {
    if (this.connection) return;
    const endpoint = { natsUrl: this.options.servers ?? DEFAULT_TRANSPORT_SETTINGS.natsUrl, natsAuth: this.options.auth, natsTls: this.options.tls };
    const connection = this.options.connection ?? (await connectNats(endpoint, { name: this.replicaId }));
    this.connection = connection;
    for (const agent of this.options.agents) {
      const subjects = agentSubjects(agent, this.options.subjectPrefix ?? DEFAULT_AGENT_SUBJECT_PREFIX);
      const execute = connection.subscribe(subjects.execute, { queue: subjects.queue, callback: this.guarded((msg) => this.onExecute(agent, msg)) });
      this.executeSubscriptions.push(execute);
      this.subscriptions.push(
        execute,
        connection.subscribe(subjects.cancel, { callback: this.guarded((msg) => this.onCancel(msg)) }),
        connection.subscribe(subjects.input, { callback: this.guarded((msg) => this.onInput(msg)) }),
      );
    }
    // The subscriptions are on the server once flush returns, so a request right after start() finds them.
    await connection.flush();
  }

  /** The attempts this replica is running now. */
  get runningAttempts(): number {
    return this.running.size;
  }

  /** The connection, for the announcer or a test that needs to cut it. */
  unwrap<T>(): T {
    if (!this.connection) throw new Error('NatsAgentServer is not started');
    return this.connection as T;
  }

  on(): never {
    throw new Error('NatsAgentServer has no events to subscribe to');
  }

  /**
   * Stops taking attempts, lets the running ones finish for up to shutdownGraceMs, then aborts the rest
   * with a retryable AGENT_UNAVAILABLE (the host retries them on another replica) and closes.
   */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    for (const subscription of this.executeSubscriptions) subscription.unsubscribe();
    this.executeSubscriptions = [];
    const running = [...this.running.values()];
    const grace = new Promise<void>((resolve) => setTimeout(resolve, this.options.shutdownGraceMs ?? 5000).unref());
    await Promise.race([Promise.all(running.map((attempt) => attempt.done)), grace]);
    const stopping = new TaskError('AGENT_UNAVAILABLE', `replica "${this.replicaId}" is shutting down`, true);
    for (const attempt of this.running.values()) attempt.controller.abort(stopping);
    await Promise.all([...this.running.values()].map((attempt) => attempt.done));
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions.length = 0;
    this.connection = undefined;
    if (this.options.connection) await connection.flush().catch(() => undefined);
    else await connection.drain().catch(() => connection.close());
  }

  /** A handler's bug is logged, never thrown into the NATS client (it would close the subscription). */
  private guarded(handle: (msg: Msg) => void): (error: Error | null, msg: Msg) => void {
    return (error, msg) => {
      if (error !== null) {
        this.logger.warn(`subscription error: ${error.message}`);
        return;
      }
      try {
        handle(msg);
      } catch (thrown) {
        this.logger.error(`handling a message on ${msg.subject} failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      }
    };
  }

  private onExecute(agent: string, msg: Msg): void {
    const reply = msg.reply;
    // A request nobody waits for (published without a reply subject) has nowhere to send frames.
    if (!reply) return;
    const headerKey = msg.headers?.get(WIRE_HEADERS.idempotencyKey) ?? '';
    const refuse = (error: TaskError, key: string): void => this.publishFrame(reply, { kind: 'error', key, replicaId: this.replicaId, code: error.code, message: error.message, retryable: error.retryable });
    if (msg.data.length > this.maxPayloadBytes) {
      refuse(new TaskError('PAYLOAD_TOO_LARGE', `the attempt request is ${msg.data.length} bytes, over the ${this.maxPayloadBytes}-byte limit (AGENT_MAX_PAYLOAD_BYTES)`, false), headerKey);
      return;
    }
    let request: AttemptRequest;
    try {
      request = parseAttemptRequest(decode(msg.data));
    } catch (error) {
      refuse(error instanceof TaskError ? error : new BadAttemptRequestError(String(error)), headerKey);
      return;
    }
    if (request.task.agent !== agent) {
      const error = new TaskError('UNKNOWN_AGENT', `the subject serves agent "${agent}" but the task names agent "${request.task.agent.slice(0, 100)}"`, false);
      refuse(error, request.idempotencyKey);
      return;
    }
    this.run(request, reply, traceCarrierOf(msg, request));
  }

  private run(request: AttemptRequest, reply: string, trace: TraceCarrier): void {
    const key = request.idempotencyKey;
    const controller = new AbortController();
    const answers = new InputAnswers();
    const sink = {
      inputAnswers: answers,
      emit: (frame: AttemptFrame) => this.publishFrame(reply, frame),
    };
    // The attempt runs in a span whose parent is the host's agent call (from the headers), when tracing is on.
    const done = serveTracedAttempt(this.options.executor, request, sink, {
      replicaId: this.replicaId,
      heartbeatMs: this.heartbeatMs,
      signal: controller.signal,
      dedup: this.dedup,
      transport: 'nats',
      trace,
    }).finally(() => {
      if (this.running.get(key)?.controller === controller) this.running.delete(key);
    });
    // A re-delivery of a running attempt shares its outcome (dedup); cancels and answers go to the first.
    if (!this.running.has(key)) this.running.set(key, { controller, answers, done });
  }

  private onCancel(msg: Msg): void {
    const key = keyOf(msg);
    if (key !== undefined) this.running.get(key)?.controller.abort();
  }

  private onInput(msg: Msg): void {
    const body = safeDecode(msg.data);
    if (!isRecord(body) || typeof body.key !== 'string' || typeof body.inputId !== 'string') return;
    const attempt = this.running.get(body.key);
    // Only the replica holding the attempt answers, so the host's request gets the one reply that counts.
    if (attempt && attempt.answers.answer(body.inputId, body.answer) && msg.reply) msg.respond(encode({ accepted: true }));
  }

  private publishFrame(reply: string, frame: AttemptFrame): void {
    const connection = this.connection;
    if (!connection || connection.isClosed()) return;
    let data = encode(frame);
    if (data.length > this.maxPayloadBytes) {
      if (!isFinalFrame(frame)) {
        this.logger.warn(`dropped a ${frame.kind} frame of ${data.length} bytes for attempt ${frame.key}: over the ${this.maxPayloadBytes}-byte limit`);
        return;
      }
      const message = `the ${frame.kind} of attempt ${frame.key} is ${data.length} bytes, over the ${this.maxPayloadBytes}-byte limit (AGENT_MAX_PAYLOAD_BYTES)`;
      data = encode({ kind: 'error', key: frame.key, replicaId: this.replicaId, code: 'PAYLOAD_TOO_LARGE', message, retryable: false });
    }
    connection.publish(reply, data, { headers: this.replyHeaders });
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const encode = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

function decode(data: Uint8Array): unknown {
  const text = decoder.decode(data);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadAttemptRequestError(`the body is not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
  }
}

function safeDecode(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The caller's trace context: the trace headers the propagator reads, else the body's traceparent. */
function traceCarrierOf(msg: Msg, request: AttemptRequest): TraceCarrier {
  const carrier: Record<string, string> = {};
  if (request.traceparent !== undefined) carrier[WIRE_HEADERS.traceparent] = request.traceparent;
  const headers = msg.headers;
  if (headers === undefined) return carrier;
  for (const name of traceHeaderNames()) {
    const value = headers.get(name);
    if (value !== '') carrier[name] = value;
  }
  return carrier;
}

function keyOf(msg: Msg): string | undefined {
  const body = safeDecode(msg.data);
  return isRecord(body) && typeof body.key === 'string' ? body.key : undefined;
}
