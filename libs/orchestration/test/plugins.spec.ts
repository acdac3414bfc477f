import { CommandBus } from '@nestjs/cqrs';
import type { Plan, Planner, PlanningContext } from '@a2a-mcp/planner';
import { MemoryRunStore } from '@a2a-mcp/persistence';
import {
  PlanRequestCommand,
  PlannerModule,
  QualityModule,
  RunManager,
  RunStoreModule,
  RunWorkflowCommand,
  type QualityScorerContext,
  type QualityScorerFactory,
} from '../src';
import { orchestrationContext } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

class FixedPlanner implements Planner {
  readonly name = 'fixed';
  readonly requests: string[] = [];
  async plan(request: string, context: PlanningContext): Promise<Plan> {
    this.requests.push(request);
    expect(context.agents.length).toBeGreaterThan(0);
    return { request, tasks: [{ id: 'only', description: request, agent: 'simulator', dependencies: [], input: { output: { confidence: 0.5 } } }] };
  }
}

class CountingQuality implements QualityScorerFactory {
  readonly contexts: QualityScorerContext[] = [];
  create(context: QualityScorerContext) {
    this.contexts.push(context);
    return () => ({ score: 0.42, approved: true, domain: 'CUSTOM' });
  }
}

describe('plugin modules replace the core defaults without touching the core', () => {
  it('PlannerModule, QualityModule and RunStoreModule are picked up by the core', async () => {
    const planner = new FixedPlanner();
    const quality = new CountingQuality();
    const store = new MemoryRunStore();
    const context = await orchestrationContext({}, [
      PlannerModule.forRoot({ planner }),
      QualityModule.forRoot({ factory: quality }),
      RunStoreModule.forRoot({ store }),
    ]);
    try {
      const commands = context.get(CommandBus);
      const planned = await commands.execute(new PlanRequestCommand('do the thing'));
      expect(planned).toMatchObject({ planner: 'fixed', plan: { tasks: [{ id: 'only' }] } });

      const managed = await commands.execute(new RunWorkflowCommand({ request: 'run the thing' }));
      expect(managed.planning).toMatchObject({ type: 'planning', seq: 0, message: expect.stringContaining('the fixed planner made 1 task(s)') });
      const result = await managed.run.result;
      expect(result.tasks.only.qualityScore).toBe(0.42);
      expect(quality.contexts[0]).toMatchObject({ runId: managed.runId, enabled: true, defaultDomain: 'GENERIC' });
      expect(quality.contexts[0].cardOf('simulator')?.name).toBe('simulator');
      await managed.run.result;
      await store.flush();
      const stored = await store.events(managed.runId);
      expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i));
      expect(stored[0].type).toBe('planning');
      expect(planner.requests).toEqual(['do the thing', 'run the thing']);

      // The built-in planners stay reachable by name.
      const deterministic = await commands.execute(new PlanRequestCommand('charge the card for order 1042', 'deterministic'));
      expect(deterministic.planner).toBe('deterministic');
    } finally {
      await context.close();
    }
  });

  it('PlannerModule.forRootAsync builds the planner from injected providers', async () => {
    const context = await orchestrationContext({}, [
      PlannerModule.forRootAsync({ useFactory: (runs: RunManager) => (expect(runs).toBeInstanceOf(RunManager), new FixedPlanner()), inject: [RunManager] }),
    ]);
    try {
      const planned = await context.get(CommandBus).execute(new PlanRequestCommand('x'));
      expect(planned.planner).toBe('fixed');
    } finally {
      await context.close();
    }
  });
});
