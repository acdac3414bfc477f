import { Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { PlanValidationError } from '@a2a-mcp/planner';
import {
  RunCompletedEvent,
  RunDomainEvent,
  RunManager,
  RunStartedEvent,
  RunStoreModule,
  TaskCompletedEvent,
  type RunStore,
} from '../src';
import { MemoryRunStore } from '@a2a-mcp/persistence';
import { orchestrationContext, simulatorPlan, untilReleased } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

/** A real store whose writes answer later (and out of order), to prove the bus sees each event only after it is stored, in order. */
function slowStore(inner: RunStore, log: string[]): RunStore {
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'createRun') {
        return (run: Parameters<RunStore['createRun']>[0]) => later(5).then(() => target.createRun(run)).then(() => void log.push(`create ${run.runId}`));
      }
      if (property === 'append') {
        return (event: WorkflowEvent) =>
          target
            .append(event)
            .then(() => later(3 - (event.seq % 3)))
            .then(() => void log.push(`append ${event.seq}`));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

@Injectable()
class PublishedEvents implements OnModuleDestroy {
  readonly seen: RunDomainEvent[] = [];
  private readonly subscription: { unsubscribe(): void };

  constructor(bus: EventBus) {
    this.subscription = bus.subscribe((event) => {
      if (event instanceof RunDomainEvent) this.seen.push(event);
    });
  }
  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}

@EventsHandler(TaskCompletedEvent)
class CompletedCounter implements IEventHandler<TaskCompletedEvent> {
  static count = 0;
  handle(): void {
    CompletedCounter.count++;
  }
}

@Module({ providers: [PublishedEvents, CompletedCounter] })
class ListenerModule {}

describe('RunManager', () => {
  it('publishes a past-tense domain event for every engine event, in seq order, after the store has it', async () => {
    const log: string[] = [];
    const store = slowStore(new MemoryRunStore(), log);
    const context = await orchestrationContext({}, [ListenerModule, RunStoreModule.forRoot({ store })]);
    try {
      const runs = context.get(RunManager);
      const published = context.get(PublishedEvents);
      const managed = runs.start({ plan: simulatorPlan(['a', 'b']) });
      const result = await managed.run.result;
      // The slow store delays publication: wait until the last event has been stored and published.
      const mine = () => published.seen.filter((event) => event.runId === managed.runId);
      while (!mine().some((event) => event instanceof RunCompletedEvent)) await new Promise((resolve) => setTimeout(resolve, 5));
      const events = mine();
      expect(result.status).toBe('completed');
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
      expect(events[0]).toBeInstanceOf(RunStartedEvent);
      expect(events[events.length - 1]).toBeInstanceOf(RunCompletedEvent);
      expect(events.filter((event) => event instanceof TaskCompletedEvent)).toHaveLength(2);
      expect(CompletedCounter.count).toBeGreaterThanOrEqual(2);
      expect(log[0]).toBe(`create ${managed.runId}`);
      // Appends finish out of order; publication waits for each and keeps seq order.
      expect(log.slice(1).sort()).toEqual(events.map((event) => `append ${event.seq}`).sort());
      expect(events.length).toBe(managed.state.lastSeq);
    } finally {
      await context.close();
    }
  });

  it('validates plans against the registered agents (PlanValidationError names task and field)', async () => {
    const context = await orchestrationContext();
    try {
      const runs = context.get(RunManager);
      const plan = { tasks: [{ id: 'a', description: 'x', agent: 'nobody', dependencies: [] }] };
      expect(() => runs.start({ plan })).toThrow(PlanValidationError);
      expect(() => runs.start({ plan })).toThrow('task "a" (tasks[0]): unknown agent "nobody"');
      expect(() => runs.get('missing')).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
    } finally {
      await context.close();
    }
  });

  it('picks the strategy: caller, then plan, then the mode default', async () => {
    const context = await orchestrationContext({ ORCHESTRATION_MODE: 'parallel', PARALLEL_THRESHOLD: '2' });
    try {
      const runs = context.get(RunManager);
      const byMode = runs.start({ plan: simulatorPlan(['a', 'b']) });
      expect(byMode.settings).toMatchObject({ strategy: 'parallel', parallelThreshold: 2, strategyReason: 'ORCHESTRATION_MODE=parallel default strategy parallel' });
      const byPlan = runs.start({ plan: { ...simulatorPlan(['a', 'b']), coordinationStrategy: 'sequential' } });
      expect(byPlan.settings.strategy).toBe('sequential');
      const byCaller = runs.start({ plan: { ...simulatorPlan(['a', 'b']), coordinationStrategy: 'sequential' }, overrides: { strategy: 'auto' } });
      expect(byCaller.settings.strategy).toBe('hybrid');
      expect(byCaller.settings.strategyReason).toMatch(/^auto: dependency_driven/);
      await Promise.all([byMode, byPlan, byCaller].map((managed) => managed.run.result));
    } finally {
      await context.close();
    }
  });

  it('keeps at most RUN_RETENTION finished runs in the store, deleting the oldest finished first, never a running one', async () => {
    const context = await orchestrationContext({ RUN_RETENTION: '2' });
    try {
      const runs = context.get(RunManager);
      const long = await runs.startInSteps({ plan: simulatorPlan(['slow'], 60_000) });
      const done: string[] = [];
      for (let i = 0; i < 4; i++) {
        const managed = await runs.startInSteps({ plan: simulatorPlan([`t${i}`]) });
        await managed.run.result;
        await untilReleased(runs, managed.runId);
        done.push(managed.runId);
      }
      // Only the running run is in memory; the store keeps it and the two newest finished ones.
      expect(runs.runsKept).toBe(1);
      for (;;) {
        const listed = (await runs.list(10)).items.map((run) => run.runId);
        if (listed.length === 3) {
          expect(listed).toEqual([done[3], done[2], long.runId]);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await expect(runs.lookup(done[0])).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      await expect(runs.lookup(done[1])).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect((await runs.lookup(done[2])).status).toBe('completed');
      expect(runs.get(long.runId).status).toBe('running');
      await runs.cancel(long.runId);
    } finally {
      await context.close();
    }
  });

  it('lists newest first with a cursor, from the store', async () => {
    const context = await orchestrationContext();
    try {
      const runs = context.get(RunManager);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await runs.startInSteps({ plan: simulatorPlan(['a']) })).runId);
      const first = await runs.list(3);
      expect(first.items.map((run) => run.runId)).toEqual(ids.slice(4).reverse());
      const second = await runs.list(3, first.nextCursor);
      expect(second.items.map((run) => run.runId)).toEqual(ids.slice(1, 4).reverse());
      const third = await runs.list(3, second.nextCursor);
      expect(third.items.map((run) => run.runId)).toEqual([ids[0]]);
      expect(third.nextCursor).toBeUndefined();
      expect((await runs.list(500)).items).toHaveLength(7);
      await expect(runs.list(3, 'bogus')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    } finally {
      await context.close();
    }
  });

  it('runs of one tenant are not found by another', async () => {
    const context = await orchestrationContext();
    try {
      const runs = context.get(RunManager);
      const mine = await runs.startInSteps({ plan: simulatorPlan(['a'], 60_000), tenant: 'acme' });
      expect(() => runs.get(mine.runId, 'globex')).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
      await expect(runs.lookup(mine.runId, 'globex')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      await expect(runs.cancel(mine.runId, 'globex')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect((await runs.list(10, undefined, 'globex')).items).toEqual([]);
      expect((await runs.list(10, undefined, 'acme')).items.map((run) => run.runId)).toEqual([mine.runId]);
      await runs.cancel(mine.runId, 'acme');
      await mine.run.result;
      await untilReleased(runs, mine.runId);
      await expect(runs.lookup(mine.runId, 'globex')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
      expect((await runs.lookup(mine.runId, 'acme')).status).toBe('cancelled');
    } finally {
      await context.close();
    }
  });
});
