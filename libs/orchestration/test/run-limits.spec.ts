import { OrchestrationError, RunManager, STEPPED_START_TASKS } from '../src';
import { orchestrationContext, simulatorPlan, untilReleased } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

const ids = (count: number, prefix = 't') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('RunManager under pressure', () => {
  it('a task waiting for a global slot is queued, and its timeout only starts when it runs', async () => {
    const moduleRef = await orchestrationContext({ MAX_CONCURRENT_TASKS: '1' });
    try {
      const runs = moduleRef.get(RunManager);
      const slow = runs.start({ plan: simulatorPlan(['slow'], 1200) });
      const quick = runs.start({
        plan: { tasks: [{ id: 'quick', description: 'quick', agent: 'simulator', dependencies: [], input: { durationMs: 5 }, timeoutMs: 600 }] },
      });
      expect(quick.state.tasks.quick.status).toBe('queued');
      const [slowResult, quickResult] = await Promise.all([slow.run.result, quick.run.result]);
      expect(slowResult.status).toBe('completed');
      // Before the fix it burnt its 600 ms timeout while the 1 200 ms task held the only slot.
      expect(quickResult.tasks.quick).toMatchObject({ status: 'completed', attempts: 1 });
      expect(quickResult.tasks.quick.queueWaitMs ?? 0).toBeGreaterThan(0);
      expect(runs.slots.inUse).toBe(0);
    } finally {
      await moduleRef.close();
    }
  });

  it('serves earlier runs first under SCHEDULING_POLICY=run-order', async () => {
    const moduleRef = await orchestrationContext({ MAX_CONCURRENT_TASKS: '2', SCHEDULING_POLICY: 'run-order' });
    try {
      const runs = moduleRef.get(RunManager);
      const started = [0, 1, 2, 3].map((n) => runs.start({ plan: simulatorPlan(ids(6, `r${n}-`), 5), overrides: { strategy: 'hybrid' } }));
      const finishOrder: number[] = [];
      await Promise.all(started.map((managed, n) => managed.run.result.then(() => finishOrder.push(n))));
      expect(finishOrder).toEqual([0, 1, 2, 3]);
    } finally {
      await moduleRef.close();
    }
  });

  it('refuses a run that could never fit the memory budget (RUN_TOO_LARGE) or does not fit now (HOST_BUSY)', async () => {
    const moduleRef = await orchestrationContext({ RUN_MEMORY_BUDGET_BYTES: String(1024 * 1024) });
    try {
      const runs = moduleRef.get(RunManager);
      expect(() => runs.start({ plan: simulatorPlan(ids(1000), 0) })).toThrow(expect.objectContaining({ code: 'RUN_TOO_LARGE' }));
      const holding = runs.start({ plan: simulatorPlan(ids(350, 'a'), 200) });
      let refused: unknown;
      try {
        runs.start({ plan: simulatorPlan(ids(350, 'b'), 0) });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(OrchestrationError);
      expect(refused).toMatchObject({ code: 'HOST_BUSY', retryAfterSeconds: expect.any(Number) });
      expect(runs.runsKept).toBe(1);
      await holding.run.result;
      await untilReleased(runs, holding.runId);
      // Room again once the holder has finished (and left memory).
      await runs.start({ plan: simulatorPlan(ids(350, 'c'), 0) }).run.result;
    } finally {
      await moduleRef.close();
    }
  });

  it('a finished run leaves memory once stored, and reads the same from the store: state, result and every event', async () => {
    const moduleRef = await orchestrationContext();
    try {
      const runs = moduleRef.get(RunManager);
      const managed = await runs.startInSteps({ plan: simulatorPlan(ids(400), 0) });
      const live = await managed.run.result;
      const liveTypes: string[] = [];
      for await (const event of managed.events()) liveTypes.push(event.type);
      await untilReleased(runs, managed.runId);
      expect(runs.runsKept).toBe(0);
      expect(runs.memoryUse().runningBytes).toBe(0);
      const stored = await runs.lookup(managed.runId);
      expect(stored).not.toBe(managed);
      expect(stored.finished).toBe(true);
      expect(stored.state.result).toEqual(live);
      expect(stored.state.tasks.t7).toMatchObject({ status: 'completed', attempts: 1 });
      const storedTypes: string[] = [];
      for await (const event of stored.events()) storedTypes.push(event.type);
      expect(storedTypes).toEqual(liveTypes);
      expect(storedTypes.length).toBe(managed.state.lastSeq);
      expect(storedTypes.filter((type) => type === 'task_complete')).toHaveLength(400);
    } finally {
      await moduleRef.close();
    }
  });

  it('starts a huge plan in steps, serving the event loop between them, and gives its memory back if it cannot start', async () => {
    const moduleRef = await orchestrationContext();
    try {
      const runs = moduleRef.get(RunManager);
      let turns = 0;
      let counting = true;
      const count = (): void => {
        if (!counting) return;
        turns++;
        setImmediate(count);
      };
      setImmediate(count);
      const starting = runs.startInSteps({ plan: simulatorPlan(ids(STEPPED_START_TASKS), 0) });
      const managed = await starting;
      const turnsWhileStarting = turns;
      counting = false;
      // turn | validate | turn | reserve and build | turn | start: other work got at least three turns.
      expect(turnsWhileStarting).toBeGreaterThanOrEqual(3);
      expect((await managed.run.result).successful).toHaveLength(STEPPED_START_TASKS);

      const second = runs.startInSteps({ plan: simulatorPlan(ids(STEPPED_START_TASKS), 0) });
      await runs.beforeApplicationShutdown(); // shutdown begins between the steps
      await expect(second).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
      expect(runs.memoryUse().runningBytes).toBe(0);
    } finally {
      await moduleRef.close();
    }
  });

  it('applies DEFAULT_TASK_TIMEOUT_MS and DEFAULT_MAX_RETRIES to tasks that set none', async () => {
    const moduleRef = await orchestrationContext({ DEFAULT_TASK_TIMEOUT_MS: '20', DEFAULT_MAX_RETRIES: '1' });
    try {
      const runs = moduleRef.get(RunManager);
      const result = await runs.start({ plan: simulatorPlan(['hangs'], 10_000) }).run.result;
      expect(result.tasks.hangs).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'TASK_TIMEOUT' } });
    } finally {
      await moduleRef.close();
    }
  });
});
