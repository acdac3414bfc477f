import type { AgentCard } from '@a2a-mcp/agents';
import { parsePlan } from '@a2a-mcp/planner';
import { PlanValidationError } from '@a2a-mcp/planner';
import { checkAgentsAvailable } from '../src/remote/check-agents-available';
import { RemoteAgentCatalog } from '../src/remote/remote-agent-catalog';

const card = (name: string): AgentCard => ({ name, description: name, version: '1', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [] });
const announce = (replicaId: string, names: string[], extra: { grpcAddress?: string; leaving?: boolean; announceMs?: number } = {}) => ({
  replicaId,
  cards: names.map(card),
  announceMs: extra.announceMs ?? 1000,
  ...(extra.grpcAddress === undefined ? {} : { grpcAddress: extra.grpcAddress }),
  ...(extra.leaving === undefined ? {} : { leaving: extra.leaving }),
});

describe('RemoteAgentCatalog (health on an injected clock)', () => {
  let now: number;
  let catalog: RemoteAgentCatalog;
  beforeEach(() => {
    now = 1_000_000;
    catalog = new RemoteAgentCatalog(() => now, 3);
    catalog.track('pay', 'nats', 'nats://n:4222', { pinned: false, healthPeriodMs: 1000 });
  });

  it('is healthy while a replica announced within 3 of its periods, unhealthy after, healthy again on the next announcement', () => {
    expect(catalog.unhealthyReason('pay')).toBe('no replica has announced it over nats at nats://n:4222');
    catalog.observe(announce('r1', ['pay']));
    expect(catalog.unhealthyReason('pay')).toBeUndefined();
    now += 3000;
    expect(catalog.unhealthyReason('pay')).toBeUndefined();
    now += 1;
    expect(catalog.unhealthyReason('pay')).toBe('no replica has announced it for 3001 ms');
    catalog.observe(announce('r2', ['pay']));
    expect(catalog.unhealthyReason('pay')).toBeUndefined();
    expect(catalog.status('pay')).toEqual({
      name: 'pay',
      transport: 'nats',
      address: 'nats://n:4222',
      healthy: true,
      replicas: [
        { replicaId: 'r1', lastSeenAt: new Date(1_000_000).toISOString(), tasksServed: 0 },
        { replicaId: 'r2', lastSeenAt: new Date(1_003_001).toISOString(), tasksServed: 0 },
      ],
    });
  });

  it('a goodbye makes the replica unavailable at once', () => {
    catalog.observe(announce('r1', ['pay']));
    catalog.observe(announce('r1', ['pay'], { leaving: true }));
    expect(catalog.unhealthyReason('pay')).toBe('1 replica(s) shut down');
    expect(catalog.status('pay')).toMatchObject({ healthy: false, reason: '1 replica(s) shut down', replicas: [{ replicaId: 'r1', leaving: true }] });
  });

  it('counts tasks served per replica, and a served task is a sign of life', () => {
    catalog.observe(announce('r1', ['pay']));
    now += 5000;
    expect(catalog.unhealthyReason('pay')).toBeDefined();
    catalog.served('pay', 'r1');
    catalog.served('pay', 'r1');
    catalog.served('pay', 'r3');
    expect(catalog.unhealthyReason('pay')).toBeUndefined();
    expect(catalog.status('pay')?.replicas.map(({ replicaId, tasksServed }) => [replicaId, tasksServed])).toEqual([
      ['r1', 2],
      ['r3', 1],
    ]);
  });

  it('ignores announcements for agents it does not track, and forgets replicas silent for 20 periods', () => {
    catalog.observe(announce('r1', ['pay', 'other']));
    expect(catalog.has('other')).toBe(false);
    now += 20_001;
    catalog.observe(announce('r2', ['pay']));
    expect(catalog.status('pay')?.replicas.map((replica) => replica.replicaId)).toEqual(['r2']);
  });

  it('a gRPC-pinned agent counts only the replica at its address, and its Health answers', () => {
    catalog.track('ship', 'grpc', '127.0.0.1:50051', { pinned: true, healthPeriodMs: 500 });
    catalog.observe(announce('elsewhere', ['ship'], { grpcAddress: '127.0.0.1:9' }));
    expect(catalog.status('ship')?.replicas).toEqual([]);
    catalog.healthChecked('ship', false, 'connection refused');
    expect(catalog.unhealthyReason('ship')).toBe('its Health check over grpc at 127.0.0.1:50051 failed: connection refused');
    catalog.healthChecked('ship', true);
    expect(catalog.unhealthyReason('ship')).toBeUndefined();
    now += 1501;
    expect(catalog.unhealthyReason('ship')).toBe('no replica has announced it over grpc at 127.0.0.1:50051');
    catalog.observe(announce('here', ['ship'], { grpcAddress: '127.0.0.1:50051' }));
    expect(catalog.unhealthyReason('ship')).toBeUndefined();
    // Discovery does not take a pinned agent back to NATS.
    catalog.track('ship', 'nats', 'nats://n:4222', { pinned: false, healthPeriodMs: 1000 });
    expect(catalog.transportOf('ship')).toBe('grpc');
  });

  it('reports pool use beside the status', () => {
    const pool = { transport: 'nats' as const, address: 'nats://n:4222', size: 1, inUse: 0, created: 1, reused: 9 };
    expect(catalog.status('pay', pool)?.pool).toBe(pool);
    expect(catalog.status('unknown')).toBeUndefined();
  });
});

describe('checkAgentsAvailable (at submit)', () => {
  const plan = parsePlan({ tasks: [
    { id: 'a', description: 'x', agent: 'pay', dependencies: [] },
    { id: 'b', description: 'x', agent: 'local', dependencies: [] },
    { id: 'c', description: 'x', agent: 'pay', dependencies: [] },
  ] });

  it('refuses every task whose agent is unavailable, naming task and agent, like the unknown-agent issue', () => {
    const reasons: Record<string, string | undefined> = { pay: 'no replica has announced it for 9000 ms' };
    let error: unknown;
    try {
      checkAgentsAvailable(plan, { unavailableReason: (name) => reasons[name] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanValidationError);
    expect((error as PlanValidationError).issues).toEqual([
      { code: 'UNKNOWN_AGENT', taskId: 'a', path: 'tasks[0].agent', message: 'task "a" (tasks[0]): agent "pay" is unavailable: no replica has announced it for 9000 ms' },
      { code: 'UNKNOWN_AGENT', taskId: 'c', path: 'tasks[2].agent', message: 'task "c" (tasks[2]): agent "pay" is unavailable: no replica has announced it for 9000 ms' },
    ]);
  });

  it('lets a plan through when every agent is available', () => {
    expect(() => checkAgentsAvailable(plan, { unavailableReason: () => undefined })).not.toThrow();
  });
});
