import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson, runToEnd, servedBy, startHost, type Host, type RunOutcome } from './support/host';
import { spawnReplica, type ReplicaProcess } from './support/replica-process';

// Real NATS (127.0.0.1:4222, `bash tools/dev-services.sh`), real gRPC on loopback, replicas as child
// processes of the built app, the host in this process. Generous timeouts: a loaded 2-core machine.
jest.setTimeout(90_000);

const root = join(__dirname, '..', '..', '..');
const EXAMPLES = ['ecommerce-order', 'data-pipeline', 'custom-dependencies', 'uneven-pipelines', 'flaky-agents', 'original-format-plan'];
const example = (name: string): unknown => JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));

/** What must match between transports: the run's status and which tasks completed, failed, were skipped. */
const shape = (outcome: RunOutcome): { status: string; byStatus: Record<string, string[]> } => ({ status: outcome.status, byStatus: outcome.byStatus });

describe('demo agents as separate services (AGENTS_MODE=remote)', () => {
  // A prefix of our own: parallel test files on the same NATS server never see these replicas.
  const prefix = `e2e${randomUUID().slice(0, 8)}.`;
  const replicaEnv = { AGENTS_SUBJECT_PREFIX: prefix, AGENT_ANNOUNCE_MS: '200', AGENT_HEARTBEAT_MS: '100' };
  const hostEnv = { AGENTS_SUBJECT_PREFIX: prefix, AGENT_ANNOUNCE_MS: '200', AGENT_HEARTBEAT_MS: '100', AGENTS_DISCOVERY_WINDOW_MS: '300' };
  let replicas: ReplicaProcess[] = [];
  const hosts: Host[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-agents-'));
    replicas = await Promise.all([spawnReplica('replica-a', replicaEnv), spawnReplica('replica-b', replicaEnv)]);
  });

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  async function host(env: Record<string, string>): Promise<Host> {
    const started = await startHost(env);
    hosts.push(started);
    return started;
  }

  it('runs every example with the same outcome in process, over NATS and over gRPC', async () => {
    const embedded = await host({ AGENTS_MODE: 'embedded' });
    const overNats = await host({ ...hostEnv, AGENTS_MODE: 'remote' });
    // Every demo agent pinned to replica-a's gRPC server.
    const names = ['payment_processor', 'inventory_manager', 'shipping_agent', 'email_agent', 'sms_agent', 'data_processor', 'analytics_specialist', 'notification_agent', 'reporting_agent', 'archival_agent', 'simulator'];
    const config = join(dir, 'agents.yaml');
    writeFileSync(config, `agents:\n${names.map((name) => `  - { name: ${name}, transport: grpc, address: "${replicas[0].grpcAddress}" }`).join('\n')}\n`);
    const overGrpc = await host({ ...hostEnv, AGENTS_MODE: 'remote', AGENTS_CONFIG: config });

    const agents = (await (await fetch(`${overGrpc.url}/v1/agents`)).json()) as { items: { name: string; transport: string; address: string; healthy: boolean }[] };
    expect(agents.items.find((item) => item.name === 'payment_processor')).toMatchObject({ transport: 'grpc', address: replicas[0].grpcAddress, healthy: true });

    for (const name of EXAMPLES) {
      const plan = example(name);
      const local = await runToEnd(embedded, plan);
      const nats = await runToEnd(overNats, plan);
      const grpc = await runToEnd(overGrpc, plan);
      expect({ name, ...shape(nats) }).toEqual({ name, ...shape(local) });
      expect({ name, ...shape(grpc) }).toEqual({ name, ...shape(local) });
      expect((local.byStatus.completed ?? []).length).toBeGreaterThan(0);
      // Every remote task that completed names the replica that served it, and the transport.
      const served = await servedBy(overGrpc, grpc.runId);
      for (const id of grpc.byStatus.completed ?? []) expect({ id, served: served[id] }).toEqual({ id, served: 'replica-a' });
    }
  });

  it('spreads tasks over both replicas, and GET /v1/agents shows them with health and pool use', async () => {
    const remote = await host({ ...hostEnv, AGENTS_MODE: 'remote' });
    const wide = { tasks: Array.from({ length: 40 }, (_, index) => ({ id: `t${index}`, description: 'work', agent: 'simulator', dependencies: [], input: { durationMs: 20 } })) };
    const outcome = await runToEnd(remote, wide);
    expect(outcome.status).toBe('completed');
    const served = Object.values(await servedBy(remote, outcome.runId));
    expect(served).toHaveLength(40);
    expect(new Set(served)).toEqual(new Set(['replica-a', 'replica-b']));
    const agents = (await (await fetch(`${remote.url}/v1/agents`)).json()) as { items: Record<string, unknown>[] };
    const simulator = agents.items.find((item) => item.name === 'simulator');
    expect(simulator).toMatchObject({ transport: 'nats', healthy: true, pool: { transport: 'nats' }, skills: expect.any(Array) });
    const seen = (simulator?.replicas as { replicaId: string; tasksServed: number }[]).filter((replica) => replica.tasksServed > 0);
    expect(seen.map((replica) => replica.replicaId).sort()).toEqual(['replica-a', 'replica-b']);
    expect(seen.reduce((sum, replica) => sum + replica.tasksServed, 0)).toBe(40);
  });

  it('does not start without NATS in remote mode: one error naming NATS_URL', async () => {
    await expect(startHost({ ...hostEnv, AGENTS_MODE: 'remote', NATS_URL: 'nats://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'NATS_UNAVAILABLE',
      message: expect.stringMatching(/^cannot connect to NATS at nats:\/\/127\.0\.0\.1:1 \(NATS_URL\), needed by AGENTS_MODE=remote: /),
    });
  });

  it('refuses a plan naming an agent no replica serves, naming the task and the agent', async () => {
    const remote = await host({ ...hostEnv, AGENTS_MODE: 'remote' });
    const refused = await postJson(`${remote.url}/v1/runs`, { plan: { tasks: [{ id: 'lost', description: 'x', agent: 'ghost_agent', dependencies: [] }] } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_PLAN' });
    expect(refused.body.message).toMatch(/^task "lost" \(tasks\[0\]\): unknown agent "ghost_agent"/);
    expect(refused.body.details).toEqual([expect.objectContaining({ code: 'UNKNOWN_AGENT', taskId: 'lost', path: 'plan.tasks[0].agent' })]);
  });

  it('finishes a run whose replica is killed mid-task: the task runs again elsewhere, and completes once', async () => {
    const remote = await host({ ...hostEnv, AGENTS_MODE: 'remote' });
    const plan = { tasks: [{ id: 'long', description: 'long work', agent: 'simulator', dependencies: [], maxRetries: 2, input: { durationMs: 1500 } }] };
    const submitted = await postJson(`${remote.url}/v1/runs`, { plan });
    const runId = submitted.body.runId as string;
    const firstKey = `${runId}/long/1`;
    const until = Date.now() + 20_000;
    let victim: ReplicaProcess | undefined;
    while (victim === undefined && Date.now() < until) {
      victim = replicas.find((replica) => replica.started().includes(firstKey));
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(victim).toBeDefined();
    await (victim as ReplicaProcess).stop('SIGKILL');
    const survivor = replicas.find((replica) => replica !== victim) as ReplicaProcess;

    let view: { status: string; tasks: Record<string, { status: string; attempts: number }> } | undefined;
    while (Date.now() < until + 20_000) {
      view = (await (await fetch(`${remote.url}/v1/runs/${runId}`)).json()) as typeof view;
      if (view?.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(view?.status).toBe('completed');
    expect(view?.tasks.long).toMatchObject({ status: 'completed', attempts: 2 });
    const completions = [...(victim as ReplicaProcess).completed(), ...survivor.completed()].filter((key) => key.startsWith(`${runId}/long/`));
    expect(completions).toEqual([`${runId}/long/2`]);
    expect(await servedBy(remote, runId)).toEqual({ long: survivor.replicaId });

    // The last replica says goodbye on SIGTERM: its agents become unavailable and a plan naming them is refused at once.
    await survivor.stop('SIGTERM');
    const refused = await postJson(`${remote.url}/v1/runs`, { plan: { tasks: [{ id: 'later', description: 'x', agent: 'simulator', dependencies: [] }] } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_PLAN' });
    expect(refused.body.message).toMatch(/^task "later" \(tasks\[0\]\): agent "simulator" is unavailable: no replica has announced it for \d+ ms; 1 replica\(s\) shut down$/);
  });
});
