import { Client } from 'pg';
import { chainPlan, freePort, startHostProcess, streamUntil, type HostProcess, type StreamedEvent } from './host-process';

// Two real host processes on one PostgreSQL, one of them SIGKILLed: slow by nature.
jest.setTimeout(120_000);

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `replicas_${process.pid}`;

describe('two host replicas on one PostgreSQL', () => {
  let a: HostProcess | undefined;
  let b: HostProcess | undefined;
  const env = (hostId: string) => ({ RUN_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: SCHEMA, HOST_ID: hostId, LEASE_TTL_MS: '1500' });

  afterAll(async () => {
    await a?.process.stop('SIGKILL');
    await b?.process.stop('SIGKILL');
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  });

  it('reads any run on either replica, refuses commands for a run running elsewhere, and takes a dead replica\'s run over after its lease expires', async () => {
    a = await startHostProcess(await freePort(), env('replica-a'));
    b = await startHostProcess(await freePort(), env('replica-b'));
    const created = await fetch(`${a.url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: chainPlan(6, 400) }) });
    const { runId } = (await created.json()) as { runId: string };
    const onA = await streamUntil(a.url, runId, (events) => events.some((event) => event.type === 'task_complete'));

    // B reads the run from the store, and streams it too; a command there is refused while A holds the lease.
    const viewOnB = await fetch(`${b.url}/v1/runs/${runId}`);
    expect(viewOnB.status).toBe(200);
    const cancelOnB = await fetch(`${b.url}/v1/runs/${runId}`, { method: 'DELETE' });
    expect(cancelOnB.status).toBe(409);
    expect(((await cancelOnB.json()) as { code: string }).code).toBe('RUN_ELSEWHERE');

    await a.process.stop('SIGKILL');
    a = undefined;
    // B notices the expired lease, resumes the run from its log and finishes it.
    const lastSeen = onA[onA.length - 1].seq;
    const onB = await streamUntil(b.url, runId, (events) => events.some((event) => event.type === 'workflow_complete'), lastSeen);
    const all: StreamedEvent[] = [...onA, ...onB];
    expect(all.map((event) => event.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all[all.length - 1].result?.status).toBe('completed');
    const completions = all.filter((event) => event.type === 'task_complete').map((event) => event.taskId);
    expect(new Set(completions).size).toBe(6);
    expect(completions).toHaveLength(6);
    const view = (await (await fetch(`${b.url}/v1/runs/${runId}`)).json()) as { status: string };
    expect(view.status).toBe('completed');
  });
});
