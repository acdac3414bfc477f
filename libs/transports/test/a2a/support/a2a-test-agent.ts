import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AgentCard, Message, Part, Role, SSE_HEADERS, TaskState, formatSSEErrorEvent, formatSSEEvent } from '@a2a-js/sdk';
import {
  AgentEvent,
  DefaultRequestHandler,
  InMemoryTaskStore,
  JsonRpcTransportHandler,
  UnauthenticatedUser,
  defaultServerCallContextBuilder,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from '@a2a-js/sdk/server';
import { LegacyJsonRpcTransportHandler } from '@a2a-js/sdk/compat/v0_3/server';

/**
 * A real A2A agent for the tests: the SDK's DefaultRequestHandler and JsonRpcTransportHandler behind a
 * plain node:http server on 127.0.0.1, port 0. What it does with a task depends on `input.mode` in the
 * message's data part (see `behave`); it records the messages it received, the cancels it was asked
 * for and the TCP connections it accepted, so tests can assert on the agent's side.
 */
export interface TestAgentOptions {
  /** The card's display name; default "Test Agent". */
  displayName?: string;
  /** Replaces the card document served at /.well-known/agent-card.json (a card that lies). */
  cardDocument?: (base: string) => string;
  /** Extra routes answered before the A2A ones (redirects, odd cards); return true when handled. */
  routes?: (request: IncomingMessage, response: ServerResponse, base: string) => boolean;
  /** Skill metadata the card carries (our planning metadata). */
  skillMetadata?: Record<string, unknown>;
  /** Speak A2A 0.3: a 0.3 card (top-level `url`) and the 0.3 JSON-RPC methods (message/stream, tasks/cancel). */
  legacy?: boolean;
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface RunningTestAgent {
  base: string;
  cardUrl: string;
  /** The JSON-RPC endpoint the card names. */
  endpoint: string;
  /** Messages received, as protocol JSON. */
  received: Array<Record<string, unknown>>;
  /** Task ids the agent was asked to cancel. */
  cancelled: string[];
  /** The JSON-RPC methods called, in order. */
  methods: string[];
  /** TCP connections accepted. */
  connections: number;
  /** With `tls`: TLS handshakes completed, and how many of them resumed an earlier session. */
  handshakes: number;
  resumedSessions: number;
  /** 'cancel' (taskId), 'execute' (taskId), 'method' (the JSON-RPC method of each call). */
  events: EventEmitter;
  close(): Promise<void>;
}

interface Turn {
  ctx: RequestContext;
  bus: ExecutionEventBus;
  input: Record<string, unknown>;
  text: string;
}

const textPart = (value: string): Part => Part.fromJSON({ text: value });
const dataPart = (value: unknown): Part => Part.fromJSON({ data: value });

function agentMessage(turn: Turn, parts: Part[]): Message {
  return { messageId: randomUUID(), contextId: turn.ctx.contextId, taskId: turn.ctx.taskId, role: Role.ROLE_AGENT, parts, metadata: undefined, extensions: [], referenceTaskIds: [] };
}

function status(turn: Turn, state: TaskState, text?: string, metadata?: Record<string, unknown>): void {
  turn.bus.publish(
    AgentEvent.statusUpdate({
      taskId: turn.ctx.taskId,
      contextId: turn.ctx.contextId,
      status: { state, message: text === undefined ? undefined : agentMessage(turn, [textPart(text)]), timestamp: new Date().toISOString() },
      metadata,
    }),
  );
}

function artifact(turn: Turn, artifactId: string, parts: Part[], append = false): void {
  turn.bus.publish(
    AgentEvent.artifactUpdate({
      taskId: turn.ctx.taskId,
      contextId: turn.ctx.contextId,
      artifact: { artifactId, name: artifactId, description: '', parts, metadata: undefined, extensions: [] },
      append,
      lastChunk: true,
      metadata: undefined,
    }),
  );
}

/** The behaviours, by `input.mode`. */
async function behave(turn: Turn, waitForCancel: (taskId: string) => Promise<void>): Promise<void> {
  const mode = typeof turn.input.mode === 'string' ? turn.input.mode : 'echo';
  if (turn.ctx.task !== undefined) {
    // A follow-up turn: the answer to our question.
    status(turn, TaskState.TASK_STATE_WORKING, `thanks, got ${turn.text}`);
    artifact(turn, 'answer', [dataPart({ answer: turn.text })]);
    status(turn, TaskState.TASK_STATE_COMPLETED);
    return;
  }
  switch (mode) {
    case 'zero':
      artifact(turn, 'result', [dataPart({ ok: true })]);
      status(turn, TaskState.TASK_STATE_COMPLETED);
      return;
    case 'echo':
      status(turn, TaskState.TASK_STATE_WORKING, 'working on it', { progress: 40 });
      artifact(turn, 'notes', [textPart('halfway')]);
      artifact(turn, 'result', [dataPart({ echo: turn.input, description: turn.text })]);
      status(turn, TaskState.TASK_STATE_COMPLETED);
      return;
    case 'text':
      artifact(turn, 'first', [textPart('hello')]);
      artifact(turn, 'second', [textPart('world')]);
      status(turn, TaskState.TASK_STATE_COMPLETED);
      return;
    case 'final-message':
      turn.bus.publish(
        AgentEvent.statusUpdate({
          taskId: turn.ctx.taskId,
          contextId: turn.ctx.contextId,
          status: { state: TaskState.TASK_STATE_COMPLETED, message: agentMessage(turn, [textPart('done'), dataPart({ total: 3 })]), timestamp: new Date().toISOString() },
          metadata: undefined,
        }),
      );
      return;
    case 'fail':
      status(turn, TaskState.TASK_STATE_WORKING, 'trying');
      status(turn, TaskState.TASK_STATE_FAILED, 'the ledger is closed');
      return;
    case 'reject':
      status(turn, TaskState.TASK_STATE_REJECTED, 'I do not convert seashells');
      return;
    case 'ask':
      status(turn, TaskState.TASK_STATE_INPUT_REQUIRED, 'Which currency should I convert to?');
      return;
    case 'vanish':
      // Ends its turn with the task still working: the stream ends without a last word.
      status(turn, TaskState.TASK_STATE_WORKING, 'on it');
      return;
    case 'slow':
      status(turn, TaskState.TASK_STATE_WORKING, 'started, this takes a while');
      await waitForCancel(turn.ctx.taskId);
      return;
    default:
      status(turn, TaskState.TASK_STATE_FAILED, `unknown mode ${mode}`);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startTestAgent(options: TestAgentOptions = {}): Promise<RunningTestAgent> {
  const events = new EventEmitter();
  const received: Array<Record<string, unknown>> = [];
  const cancelled: string[] = [];
  const methods: string[] = [];
  const cancelWaiters = new Map<string, () => void>();
  const waitForCancel = (taskId: string): Promise<void> => new Promise((resolve) => cancelWaiters.set(taskId, resolve));

  const executor: AgentExecutor = {
    async execute(ctx, bus) {
      const message = ctx.userMessage;
      received.push(Message.toJSON(message) as Record<string, unknown>);
      events.emit('execute', ctx.taskId);
      const data = message.parts.find((part) => part.content?.$case === 'data')?.content;
      const payload = data?.$case === 'data' && typeof data.value === 'object' && data.value !== null ? (data.value as Record<string, unknown>) : {};
      const input = typeof payload.input === 'object' && payload.input !== null ? (payload.input as Record<string, unknown>) : {};
      const text = message.parts.flatMap((part) => (part.content?.$case === 'text' ? [part.content.value] : [])).join('\n');
      // Every turn starts with the task (the SDK requires a task or message event first).
      bus.publish(
        AgentEvent.task(
          ctx.task ?? { id: ctx.taskId, contextId: ctx.contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() }, artifacts: [], history: [message], metadata: undefined },
        ),
      );
      await behave({ ctx, bus, input, text }, waitForCancel);
      bus.finished();
    },
    async cancelTask(taskId, bus) {
      cancelled.push(taskId);
      events.emit('cancel', taskId);
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() }, metadata: undefined }));
      cancelWaiters.get(taskId)?.();
      bus.finished();
    },
  };

  let base = '';
  const card = (): AgentCard =>
    AgentCard.fromJSON({
      name: options.displayName ?? 'Test Agent',
      description: 'An agent for the tests',
      version: '1.2.3',
      supportedInterfaces: [{ url: `${base}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: options.legacy ? '0.3' : '1.0' }],
      capabilities: { streaming: true },
      defaultInputModes: ['text/plain', 'application/json'],
      defaultOutputModes: ['application/json'],
      skills: [{ id: 'echo', name: 'Echo', description: 'Echoes its input', tags: ['echo', 'test'], examples: ['echo this'] }],
    });
  // Made once the port is known: the handler serves the card it was given.
  const a2a: { transport?: JsonRpcTransportHandler; legacy?: LegacyJsonRpcTransportHandler } = {};
  /** The card as an A2A 0.3 agent publishes it. */
  const legacyCard = (): string =>
    JSON.stringify({
      name: options.displayName ?? 'Test Agent',
      description: 'An agent for the tests',
      url: `${base}/a2a/jsonrpc`,
      preferredTransport: 'JSONRPC',
      protocolVersion: '0.3.0',
      version: '1.2.3',
      capabilities: { streaming: true },
      defaultInputModes: ['text/plain'],
      defaultOutputModes: ['application/json'],
      skills: [{ id: 'echo', name: 'Echo', description: 'Echoes its input', tags: ['echo', 'test'] }],
    });

  const listener: RequestListener = (request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  };
  const server: Server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  let connections = 0;
  let handshakes = 0;
  let resumedSessions = 0;
  server.on('connection', () => {
    connections += 1;
  });
  server.on('secureConnection', (socket: { isSessionReused(): boolean }) => {
    handshakes += 1;
    if (socket.isSessionReused()) resumedSessions += 1;
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.routes?.(request, response, base)) return;
    const path = new URL(request.url ?? '/', base).pathname;
    if (request.method === 'GET' && path === '/.well-known/agent-card.json') {
      let document: string;
      if (options.cardDocument) document = options.cardDocument(base);
      else if (options.legacy) document = legacyCard();
      else {
        const json = AgentCard.toJSON(card()) as Record<string, unknown>;
        if (options.skillMetadata) (json.skills as Array<Record<string, unknown>>)[0].metadata = options.skillMetadata;
        document = JSON.stringify(json);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(document);
      return;
    }
    if (request.method === 'POST' && path === '/a2a/jsonrpc') {
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      methods.push(String(body.method));
      events.emit('method', String(body.method));
      const version = request.headers['a2a-version'];
      const context = defaultServerCallContextBuilder({ extensions: [], user: new UnauthenticatedUser(), headers: request.headers, requestedVersion: typeof version === 'string' ? version : undefined });
      // A 0.3 client sends A2A-Version 0.3 or none at all.
      const legacyCall = options.legacy === true && (typeof version !== 'string' || version.startsWith('0.3'));
      const result = legacyCall ? await a2a.legacy!.handle(body, context) : await a2a.transport!.handle(body, context);
      if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
        response.writeHead(200, SSE_HEADERS);
        try {
          for await (const event of result) response.write(formatSSEEvent(event));
        } catch (error) {
          response.write(formatSSEErrorEvent({ jsonrpc: '2.0', id: body.id ?? null, error: JsonRpcTransportHandler.mapToJSONRPCError(error) }));
        }
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
      return;
    }
    response.writeHead(404);
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const requestHandler = new DefaultRequestHandler(card(), new InMemoryTaskStore(), executor);
  a2a.transport = new JsonRpcTransportHandler(requestHandler);
  a2a.legacy = new LegacyJsonRpcTransportHandler(requestHandler);
  return {
    base,
    cardUrl: `${base}/.well-known/agent-card.json`,
    endpoint: `${base}/a2a/jsonrpc`,
    received,
    cancelled,
    methods,
    get connections() {
      return connections;
    },
    get handshakes() {
      return handshakes;
    },
    get resumedSessions() {
      return resumedSessions;
    },
    events,
    close: () =>
      new Promise<void>((resolve) => {
        for (const resolveWait of cancelWaiters.values()) resolveWait();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
