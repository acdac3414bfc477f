import { examplePlan } from '../support/plans';
import { chainPlan, freePort, startHostProcess, streamUntil, tempDataDir, type HostProcess, type StreamedEvent } from './host-process';

// Real host processes killed with SIGKILL and restarted: slow by nature.
jest.setTimeout(120_000);

const completedTasks = (events: StreamedEvent[]) => events.filter((event) => event.type === 'task_complete').length;

describe('a durable host (SQLite) killed with SIGKILL', () => {
  const data = tempDataDir();
  let port: number;
  let host: HostProcess | undefined;
  const env = () => ({ RUN_STORE: 'sqlite', DATA_DIR: data.dir, HOST_ID: 'crash-test' });

  beforeAll(async () => {
    port = await freePort();
  });
  afterEach(async () => {
    await host?.process.stop('SIGKILL');
    host = undefined;
  });
  afterAll(() => data.remove());

  it('resumes the run from its log after a restart: completed tasks are not run again, the stream resumes with Last-Event-ID, seqs stay gapless', async () => {
    host = await startHostProcess(port, env());
    const created = await fetch(`${host.url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: chainPlan(6, 400) }) });
    expect(created.status).toBe(202);
    const { runId } = (await created.json()) as { runId: string };
    const before = await streamUntil(host.url, runId, (events) => completedTasks(events) >= 2);
    await host.process.stop('SIGKILL');

    host = await startHostProcess(port, env());
    const lastSeen = before[before.length - 1].seq;
    const after = await streamUntil(host.url, runId, (events) => events.some((event) => event.type === 'workflow_complete'), lastSeen);
    const all = [...before, ...after];
    // Once each, in order, no gap: the stream resumed where the client stopped.
    expect(all.map((event) => event.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const final = all[all.length - 1];
    expect(final.result?.status).toBe('completed');
    // Every task completed exactly once; the two done before the kill never started again.
    const completions = all.filter((event) => event.type === 'task_complete').map((event) => event.taskId);
    expect(completions.sort()).toEqual(['step0', 'step1', 'step2', 'step3', 'step4', 'step5']);
    for (const done of before.filter((event) => event.type === 'task_complete')) {
      expect(after.filter((event) => event.type === 'task_start' && event.taskId === done.taskId)).toEqual([]);
    }
    // The task in flight at the kill went out again with the same attempt (the same idempotency key).
    const redispatched = after.filter((event) => event.type === 'task_start' && event.redispatched);
    expect(redispatched.length).toBeLessThanOrEqual(1);
    for (const event of redispatched) {
      const first = before.find((seen) => seen.type === 'task_start' && seen.taskId === event.taskId);
      expect(first?.attempt).toBe(event.attempt);
    }
    // The finished run reads from the store: its view and the run list.
    const view = (await (await fetch(`${host.url}/v1/runs/${runId}`)).json()) as { status: string; tasks: Record<string, { status: string }> };
    expect(view.status).toBe('completed');
    const list = (await (await fetch(`${host.url}/v1/runs?limit=100`)).json()) as { items: { runId: string; status: string }[] };
    expect(list.items.find((item) => item.runId === runId)?.status).toBe('completed');
  });

  it('a paused run stays paused across a restart and completes once answered', async () => {
    host = await startHostProcess(port, env());
    const created = await fetch(`${host.url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: examplePlan('approval-flow') }) });
    const { runId } = (await created.json()) as { runId: string };
    await streamUntil(host.url, runId, (events) => events.some((event) => event.type === 'task_paused'));
    await host.process.stop('SIGKILL');

    host = await startHostProcess(port, env());
    const view = (await (await fetch(`${host.url}/v1/runs/${runId}`)).json()) as { status: string; tasks: Record<string, { status: string; question?: string }> };
    expect(view.status).toBe('running');
    expect(view.tasks.approval).toMatchObject({ status: 'paused', question: 'Approve order 1042 for 129.90 EUR? (yes/no)' });
    const answered = await fetch(`${host.url}/v1/runs/${runId}/input`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taskId: 'approval', answer: 'yes' }),
    });
    expect(answered.status).toBe(200);
    const rest = await streamUntil(host.url, runId, (events) => events.some((event) => event.type === 'workflow_complete'));
    expect(rest[rest.length - 1].result?.status).toBe('completed');
    // Answered once: the task resumed without asking again.
    expect(rest.filter((event) => event.type === 'task_paused')).toHaveLength(1);
  });
});
