import { TaskSlotPool, VirtualClock, WorkflowGraph, runWorkflow, type TaskContext, type WorkflowEvent, type WorkflowNodeSpec } from '../src';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

const root = (id: string, input: Record<string, unknown> = {}, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => task(id, [], input, extra);

describe('tasks waiting for a slot of the shared pool', () => {
  it('are queued (not running) until they hold a slot; their timeout counts from the real start', async () => {
    const clock = new VirtualClock();
    const pool = new TaskSlotPool(1);
    const slow = runWorkflow(WorkflowGraph.fromSpecs([root('slow', { durationMs: 3000 })]), new SimExecutor(), { clock, slots: pool.lane() });
    const events: WorkflowEvent[] = [];
    const quick = runWorkflow(WorkflowGraph.fromSpecs([root('quick', { durationMs: 5 }, { timeoutMs: 1000 })]), new SimExecutor(), {
      clock,
      slots: pool.lane(),
      onEvent: (event) => events.push(event),
    });
    expect(quick.state.tasks.quick.status).toBe('queued');
    const [slowResult, quickResult] = await Promise.all([slow.result, quick.result]);
    expect(slowResult.status).toBe('completed');
    expect(quickResult.status).toBe('completed');
    expect(quickResult.tasks.quick).toMatchObject({ attempts: 1, startedAtMs: 3000, durationMs: 5, queueWaitMs: 3000 });
    expect(quickResult.totalQueueWaitMs).toBe(3000);
    const types = events.filter((e) => 'taskId' in e && e.taskId === 'quick').map((e) => e.type);
    expect(types).toEqual(['task_queued', 'task_start', 'task_complete']);
    expect(events.find((e) => e.type === 'task_start')).toMatchObject({ queueWaitMs: 3000 });
  });

  it('an agent that ignores its abort signal keeps its slot until it settles', async () => {
    const clock = new VirtualClock();
    const pool = new TaskSlotPool(1);
    const stubborn = new SimExecutor({
      // Ignores ctx.signal: returns after 500 ms whatever happens.
      hang: (_t, ctx: TaskContext) => new Promise((resolve) => clock.setTimer(500, () => resolve({ late: ctx.attempt }))),
    });
    const first = runWorkflow(WorkflowGraph.fromSpecs([root('hang', {}, { timeoutMs: 100 })]), stubborn, { clock, slots: pool.lane() });
    const second = runWorkflow(WorkflowGraph.fromSpecs([root('next', { durationMs: 1 })]), new SimExecutor(), { clock, slots: pool.lane() });
    const firstResult = await first.result;
    expect(firstResult.tasks.hang.error?.code).toBe('TASK_TIMEOUT');
    expect(firstResult.makespanMs).toBe(100);
    // The timed-out call still runs until 500 ms: the other run's task could not start before.
    const secondResult = await second.result;
    expect(secondResult.tasks.next.startedAtMs).toBe(500);
    expect(pool.inUse).toBe(0);
  });

  it('a cancelled run leaves the queue, and its queued tasks never start', async () => {
    const clock = new VirtualClock();
    const pool = new TaskSlotPool(1);
    const busy = runWorkflow(WorkflowGraph.fromSpecs([root('busy', { durationMs: 100 })]), new SimExecutor(), { clock, slots: pool.lane() });
    const executor = new SimExecutor();
    const waiting = runWorkflow(WorkflowGraph.fromSpecs([root('w', { durationMs: 1 })]), executor, { clock, slots: pool.lane() });
    expect(pool.waiting).toBe(1);
    waiting.cancel('not needed');
    const result = await waiting.result;
    expect(result.status).toBe('cancelled');
    expect(executor.calls).toHaveLength(0);
    expect(pool.waiting).toBe(0);
    await busy.result;
    expect(pool.inUse).toBe(0);
  });

  it('a paused task gives its slot to other runs and waits for one again once answered', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const pool = new TaskSlotPool(1);
    const asking = new SimExecutor({ ask: async (_t, ctx) => ({ answer: await ctx.requestInput('ok?') }) });
    const paused = runWorkflow(WorkflowGraph.fromSpecs([root('ask')]), asking, { clock, slots: pool.lane() });
    const other = runWorkflow(WorkflowGraph.fromSpecs([root('other', { durationMs: 50 })]), new SimExecutor(), { clock, slots: pool.lane() });
    await new Promise((resolve) => setImmediate(resolve));
    expect(paused.state.tasks.ask.status).toBe('paused');
    expect(other.state.tasks.other.status).toBe('running');
    paused.resume('ask', 'yes');
    expect(() => paused.resume('ask', 'again')).toThrow(/already answered/);
    expect(paused.state.tasks.ask.status).toBe('paused');
    clock.advance(50);
    await other.result;
    const result = await paused.result;
    expect(result.tasks.ask.output).toEqual({ answer: 'yes' });
  });
});
