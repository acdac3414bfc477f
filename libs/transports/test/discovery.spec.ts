import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { createStandaloneContext } from '@a2a-mcp/core-graph/testing';
import type { AgentCard } from '@a2a-mcp/agents';
import {
  AgentAnnouncer,
  AnnouncementError,
  DiscoveryListener,
  discoverySubjects,
  parseAnnouncement,
  reportingReplica,
  type AgentAnnouncement,
} from '../src';

// Real NATS on 127.0.0.1:4222 (`bash tools/dev-services.sh`); each test has subjects of its own.
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const card = (name: string): AgentCard => ({ name, description: name, version: '1.0.0', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [] });

/** Resolves once `check` passes (polling), or fails with what was seen. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('discovery over NATS', () => {
  let connection: NatsConnection;
  const stops: (() => unknown)[] = [];
  beforeAll(async () => {
    connection = await connect({ servers: NATS_URL });
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  afterAll(async () => {
    await connection.drain();
  });

  function announcer(replicaId: string, subjects: ReturnType<typeof discoverySubjects>, announceMs = 60_000): AgentAnnouncer {
    const started = new AgentAnnouncer({ connection, subjects, announcement: { replicaId, cards: [card('a'), card('b')], grpcAddress: '127.0.0.1:1', announceMs } });
    stops.push(() => started.stop());
    return started;
  }

  it('every replica answers a discovery request; the host collects them all within the window', async () => {
    const subjects = discoverySubjects(`t${randomUUID().slice(0, 8)}.`);
    expect(subjects).toEqual({ announce: expect.stringMatching(/^t\w+\.agents\.announce$/), discovery: expect.stringMatching(/^t\w+\.agents\.discovery$/) });
    announcer('r1', subjects).start();
    announcer('r2', subjects).start();
    await connection.flush();
    const heard: AgentAnnouncement[] = [];
    const listener = new DiscoveryListener({ connection, subjects, onAnnouncement: (announcement) => heard.push(announcement) });
    const replies = await listener.discover(300);
    expect(replies.map((reply) => reply.replicaId).sort()).toEqual(['r1', 'r2']);
    expect(replies[0]).toMatchObject({ cards: [{ name: 'a' }, { name: 'b' }], grpcAddress: '127.0.0.1:1', announceMs: 60_000 });
    expect(heard.map((reply) => reply.replicaId).sort()).toEqual(['r1', 'r2']);
  });

  it('hears announcements at start and every period, then the goodbye on stop', async () => {
    const subjects = discoverySubjects(`t${randomUUID().slice(0, 8)}.`);
    const heard: AgentAnnouncement[] = [];
    const listener = new DiscoveryListener({ connection, subjects, onAnnouncement: (announcement) => heard.push(announcement) });
    listener.start();
    stops.push(() => listener.stop());
    await connection.flush();
    const replica = new AgentAnnouncer({ connection, subjects, announcement: { replicaId: 'r1', cards: [card('a')], announceMs: 30 } });
    replica.start();
    await eventually(() => heard.length >= 3, 'three announcements');
    expect(heard.every((announcement) => announcement.leaving === undefined)).toBe(true);
    await replica.stop();
    await eventually(() => heard.some((announcement) => announcement.leaving === true), 'the goodbye');
    const count = heard.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard.length).toBe(count);
  });

  it('drops an announcement it cannot read and says why', async () => {
    const subjects = discoverySubjects(`t${randomUUID().slice(0, 8)}.`);
    const bad: AnnouncementError[] = [];
    const heard: AgentAnnouncement[] = [];
    const listener = new DiscoveryListener({ connection, subjects, onAnnouncement: (announcement) => heard.push(announcement), onBadAnnouncement: (error) => bad.push(error) });
    listener.start();
    stops.push(() => listener.stop());
    await connection.flush();
    connection.publish(subjects.announce, new TextEncoder().encode('not json'));
    connection.publish(subjects.announce, new TextEncoder().encode(JSON.stringify({ replicaId: 'r9', cards: 'none', announceMs: 5 })));
    await eventually(() => bad.length === 2, 'two refusals');
    expect(bad.map((error) => error.message)).toEqual(['an announcement must be JSON', 'announcement of "r9": cards must be an array of agent cards with a name']);
    expect(heard).toEqual([]);
  });
});

describe('parseAnnouncement', () => {
  it.each([
    [null, 'an announcement must be a JSON object'],
    [{ cards: [], announceMs: 1 }, 'announcement.replicaId must be a non-empty string'],
    [{ replicaId: 'r', cards: [{}], announceMs: 1 }, 'announcement of "r": cards must be an array of agent cards with a name'],
    [{ replicaId: 'r', cards: [], announceMs: 1, grpcAddress: 5 }, 'announcement of "r": grpcAddress must be a "host:port" string'],
    [{ replicaId: 'r', cards: [], announceMs: 0 }, 'announcement of "r": announceMs must be a positive number'],
    [{ replicaId: 'r', cards: [], announceMs: 1, leaving: 'yes' }, 'announcement of "r": leaving must be a boolean'],
  ])('refuses %j', (raw, message) => {
    expect(() => parseAnnouncement(raw)).toThrow(new AnnouncementError(message));
  });
});

describe('reportingReplica', () => {
  it('returns the output unchanged and records the completion under the attempt\'s idempotency key', async () => {
    const { ctx, artifacts: parts } = createStandaloneContext({ runId: 'run-9', taskId: 't' });
    const completed: string[] = [];
    const executor = reportingReplica({ execute: async () => ({ ok: 1 }) }, (key) => completed.push(key));
    await expect(executor.execute({ runId: 'r', taskId: 't', description: '', agent: 'a', input: {}, dependencyOutputs: {}, metadata: {} }, ctx)).resolves.toEqual({ ok: 1 });
    expect(parts).toEqual([]);
    expect(completed).toEqual(['run-9/t/1']);
  });

  it('a failed attempt records no completion', async () => {
    const { ctx } = createStandaloneContext();
    const completed: string[] = [];
    const executor = reportingReplica({ execute: async () => Promise.reject(new Error('boom')) }, (key) => completed.push(key));
    await expect(executor.execute({ runId: 'r', taskId: 't', description: '', agent: 'a', input: {}, dependencyOutputs: {}, metadata: {} }, ctx)).rejects.toThrow('boom');
    expect(completed).toEqual([]);
  });
});

