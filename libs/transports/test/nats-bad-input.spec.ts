import { AgentRegistry, createSimulatorAgent } from '@a2a-mcp/agents';
import { connect, createInbox, headers, type NatsConnection } from 'nats';
import { agentSubjects, NatsAgentClient, NatsAgentServer, WIRE_HEADERS } from '../src';
import { hostContext, NATS_URL, taskFor, testAgent, uniquePrefix } from './support/nats-fixtures';

const HEARTBEAT_MS = 50;
const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** Publishes raw bytes as a request and returns the first reply, decoded. */
async function rawRequest(connection: NatsConnection, subject: string, body: Uint8Array, key?: string): Promise<unknown> {
  const inbox = createInbox();
  const subscription = connection.subscribe(inbox, { max: 1 });
  const h = headers();
  if (key !== undefined) h.set(WIRE_HEADERS.idempotencyKey, key);
  connection.publish(subject, body, { reply: inbox, headers: h });
  for await (const msg of subscription) return JSON.parse(new TextDecoder().decode(msg.data)) as unknown;
  throw new Error('no reply');
}

describe('NATS transport: bad requests and bad replies', () => {
  const prefix = uniquePrefix();
  const registry = new AgentRegistry([createSimulatorAgent(), testAgent('bloated', async () => 'x'.repeat(5000))]);
  const server = new NatsAgentServer({ executor: registry, agents: registry.names(), servers: NATS_URL, heartbeatMs: HEARTBEAT_MS, subjectPrefix: prefix, maxPayloadBytes: 2000 });
  const client = new NatsAgentClient({ url: NATS_URL, heartbeatMs: HEARTBEAT_MS, missedBeats: 10, subjectPrefix: prefix });
  let raw: NatsConnection;

  beforeAll(async () => {
    await server.start();
    raw = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    await raw.close();
    await client.close();
    await server.close();
  });

  const simulatorWorks = async (): Promise<void> => {
    const { ctx } = hostContext();
    await expect(client.executorFor('simulator').execute(taskFor('simulator', ctx, { input: { output: 'still here' } }), ctx)).resolves.toBe('still here');
  };

  it('the server answers a malformed request with a BAD_REQUEST error frame and keeps serving', async () => {
    const subject = agentSubjects('simulator', prefix).execute;
    await expect(rawRequest(raw, subject, encode('{not json'), 'k1')).resolves.toMatchObject({ kind: 'error', key: 'k1', code: 'BAD_REQUEST', retryable: false, message: expect.stringContaining('not JSON') });
    await expect(rawRequest(raw, subject, encode({ task: {}, attempt: 1, idempotencyKey: 'k2' }), 'k2')).resolves.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('task.runId') });
    await simulatorWorks();
  });

  it('a task naming another agent than its subject is UNKNOWN_AGENT, not retryable', async () => {
    const { ctx } = hostContext();
    const request = { task: taskFor('ghost', ctx), attempt: 1, idempotencyKey: 'k3' };
    await expect(rawRequest(raw, agentSubjects('simulator', prefix).execute, encode(request), 'k3')).resolves.toMatchObject({
      kind: 'error',
      code: 'UNKNOWN_AGENT',
      retryable: false,
      message: expect.stringContaining('"ghost"'),
    });
  });

  it('refuses oversized payloads: a request over the server limit, a request over the client limit, a result over the server limit', async () => {
    const big = { blob: 'x'.repeat(5000) };
    const { ctx } = hostContext();
    await expect(client.executorFor('simulator').execute(taskFor('simulator', ctx, { input: big }), ctx)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      retryable: false,
      message: expect.stringContaining('2000-byte limit'),
    });

    const strict = new NatsAgentClient({ url: NATS_URL, subjectPrefix: prefix, maxPayloadBytes: 1000 });
    try {
      const second = hostContext();
      await expect(strict.executorFor('simulator').execute(taskFor('simulator', second.ctx, { input: big }), second.ctx)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', retryable: false });
      expect(strict.poolStats().created).toBe(0);
    } finally {
      await strict.close();
    }

    const third = hostContext();
    await expect(client.executorFor('bloated').execute(taskFor('bloated', third.ctx), third.ctx)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('2000-byte limit') });
    await simulatorWorks();
  });

  describe('from a misbehaving responder', () => {
    const rogue = uniquePrefix();
    const rogueClient = new NatsAgentClient({ url: NATS_URL, heartbeatMs: HEARTBEAT_MS, missedBeats: 10, subjectPrefix: rogue });
    afterAll(() => rogueClient.close());

    async function answeredWith(reply: (key: string) => Uint8Array): Promise<unknown> {
      const subjects = agentSubjects('rogue', rogue);
      const subscription = raw.subscribe(subjects.execute, {
        max: 1,
        callback: (_error, msg) => msg.respond(reply(msg.headers?.get(WIRE_HEADERS.idempotencyKey) ?? '')),
      });
      await raw.flush();
      try {
        const { ctx } = hostContext();
        return await rogueClient.executorFor('rogue').execute(taskFor('rogue', ctx), ctx).catch((e: unknown) => e);
      } finally {
        subscription.unsubscribe();
      }
    }

    it('a reply that is not JSON is BAD_AGENT_REPLY', async () => {
      await expect(answeredWith(() => encode('garbage'))).resolves.toMatchObject({ code: 'BAD_AGENT_REPLY', retryable: true, message: expect.stringContaining('not JSON') });
    });

    it('a frame of the wrong shape is BAD_AGENT_REPLY naming the field', async () => {
      await expect(answeredWith((key) => encode({ kind: 'result', key }))).resolves.toMatchObject({ code: 'BAD_AGENT_REPLY', message: expect.stringContaining('replicaId') });
    });

    it('a reply for another attempt is BAD_AGENT_REPLY naming both attempts', async () => {
      const error = await answeredWith((_key) => encode({ kind: 'result', key: 'someone/else/1', replicaId: 'r', output: 1 }));
      expect(error).toMatchObject({ code: 'BAD_AGENT_REPLY', message: expect.stringContaining('someone/else/1') });
    });
  });
});
