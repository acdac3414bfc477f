import { Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { EventBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { PlanValidationError } from '@a2a-mcp/planner';
import {
  OrchestrationError,
  RunCompletedEvent,
  RunDomainEvent,
  RunManager,
  RunStartedEvent,
  RunStoreModule,
  TaskCompletedEvent,
  type RunStore,
  type StoredRun,
} from '../src';
import { orchestrationContext, simulatorPlan } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

/** A store that answers later, to prove the bus sees each event only after it is stored, in order. */
class SlowStore implements RunStore {
  readonly log: string[] = [];
  createRun(run: StoredRun): Promise<void> {
    return new Promise((resolve) => setTimeout(() => (this.log.push(`create ${run.runId}`), resolve()), 5));
  }
  append(event: WorkflowEvent): Promise<void> {
    return new Promise((resolve) => setTimeout(() => (this.log.push(`append ${event.seq}`), resolve()), event.seq % 3));
  }
  events(): WorkflowEvent[] {
    return [];
  }
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
    const store = new SlowStore();
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
      expect(store.log[0]).toBe(`create ${managed.runId}`);
      expect(store.log.slice(1)).toEqual(events.map((event) => `append ${event.seq}`));
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

  it('keeps at most RUN_RETENTION finished runs, dropping the oldest finished first, never a running one', async () => {
    const context = await orchestrationContext({ RUN_RETENTION: '2' });
    try {
      const runs = context.get(RunManager);
      const long = runs.start({ plan: simulatorPlan(['slow'], 60_000) });
      const done: string[] = [];
      for (let i = 0; i < 4; i++) {
        const managed = runs.start({ plan: simulatorPlan([`t${i}`]) });
        await managed.run.result;
        done.push(managed.runId);
      }
      expect(runs.runsKept).toBe(3);
      expect(() => runs.get(done[0])).toThrow(OrchestrationError);
      expect(() => runs.get(done[1])).toThrow(OrchestrationError);
      expect(runs.get(done[2]).status).toBe('completed');
      expect(runs.get(long.runId).status).toBe('running');
      runs.cancel(long.runId);
    } finally {
      await context.close();
    }
  });

  it('lists newest first with a cursor that survives evictions', async () => {
    const context = await orchestrationContext();
    try {
      const runs = context.get(RunManager);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push(runs.start({ plan: simulatorPlan(['a']) }).runId);
      const first = runs.list(3);
      expect(first.items.map((run) => run.runId)).toEqual(ids.slice(4).reverse());
      const second = runs.list(3, first.nextCursor);
      expect(second.items.map((run) => run.runId)).toEqual(ids.slice(1, 4).reverse());
      const third = runs.list(3, second.nextCursor);
      expect(third.items.map((run) => run.runId)).toEqual([ids[0]]);
      expect(third.nextCursor).toBeUndefined();
      expect(runs.list(500).items).toHaveLength(7);
      expect(() => runs.list(3, 'bogus')).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    } finally {
      await context.close();
    }
  });
});
