import { del, get, post, waitFor } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

// Real HTTP and real timers: generous under a loaded CI machine.
jest.setTimeout(30_000);

interface Health {
  status: string;
  info: { orchestrator: { tasksInFlight: number; tasksQueued: number; taskCapacity: number; saturated: boolean; saturation: number; memory: Record<string, number> } };
}

const simulatorTasks = (count: number, durationMs: number, prefix = 't') =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, description: `task ${i}`, agent: 'simulator', dependencies: [], input: { durationMs } }));

describe('the host under pressure', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports queued tasks and saturation when every global slot is held', async () => {
    t = await startTestApp({ MAX_CONCURRENT_TASKS: '2' });
    const url = t.url;
    const started = await post<{ runId: string }>(`${url}/v1/runs`, { plan: { tasks: simulatorTasks(5, 20_000) }, strategy: 'hybrid' });
    expect(started.status).toBe(202);
    const saturated = await waitFor(async () => {
      const health = (await get<Health>(`${url}/health`)).body.info.orchestrator;
      return health.saturated ? health : undefined;
    }, 5000, 'the host to report saturation');
    expect(saturated).toMatchObject({ tasksInFlight: 2, tasksQueued: 3, taskCapacity: 2, saturation: 1 });
    const run = await get<{ tasks: Record<string, { status: string }> }>(`${url}/v1/runs/${started.body.runId}`);
    const statuses = Object.values(run.body.tasks).map((task) => task.status).sort();
    expect(statuses).toEqual(['queued', 'queued', 'queued', 'running', 'running']);
    await del(`${url}/v1/runs/${started.body.runId}`);
    const after = await waitFor(async () => {
      const health = (await get<Health>(`${url}/health`)).body.info.orchestrator;
      return health.tasksInFlight === 0 ? health : undefined;
    }, 5000, 'the slots to free up');
    expect(after).toMatchObject({ saturated: false, tasksQueued: 0 });
  });

  it('frees slots held by tasks that never finish, after DEFAULT_TASK_TIMEOUT_MS', async () => {
    t = await startTestApp({ MAX_CONCURRENT_TASKS: '4', DEFAULT_TASK_TIMEOUT_MS: '150', DEFAULT_MAX_RETRIES: '0' });
    const started = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: { tasks: simulatorTasks(4, 600_000) }, strategy: 'hybrid' });
    const url = t.url;
    const finished = await waitFor(async () => {
      const run = await get<{ status: string; result?: { failed: string[]; tasks: Record<string, { error?: { code: string } }> } }>(`${url}/v1/runs/${started.body.runId}`);
      return run.body.result ? run.body.result : undefined;
    }, 10_000, 'the run to end');
    expect(finished.failed).toHaveLength(4);
    expect(Object.values(finished.tasks).map((task) => task.error?.code)).toEqual(['TASK_TIMEOUT', 'TASK_TIMEOUT', 'TASK_TIMEOUT', 'TASK_TIMEOUT']);
    expect((await get<Health>(`${url}/health`)).body.info.orchestrator.tasksInFlight).toBe(0);
  });

  it('refuses a run it cannot hold: 413 RUN_TOO_LARGE, or 503 HOST_BUSY with Retry-After while others hold the budget', async () => {
    t = await startTestApp({ RUN_MEMORY_BUDGET_BYTES: String(1024 * 1024) });
    const tooLarge = await post<{ code: string; message: string }>(`${t.url}/v1/runs`, { plan: { tasks: simulatorTasks(1000, 0) } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('RUN_TOO_LARGE');
    expect(tooLarge.body.message).toMatch(/RUN_MEMORY_BUDGET_BYTES/);
    const holder = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: { tasks: simulatorTasks(350, 10_000, 'a') } });
    expect(holder.status).toBe(202);
    const busy = await post<{ code: string }>(`${t.url}/v1/runs`, { plan: { tasks: simulatorTasks(350, 0, 'b') } });
    expect(busy.status).toBe(503);
    expect(busy.body.code).toBe('HOST_BUSY');
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    const memory = (await get<Health>(`${t.url}/health`)).body.info.orchestrator.memory;
    expect(memory.runningBytes).toBeGreaterThan(0);
    expect(memory.runningBytes).toBeLessThanOrEqual(memory.runningBudgetBytes);
    await del(`${t.url}/v1/runs/${holder.body.runId}`);
  });
});
