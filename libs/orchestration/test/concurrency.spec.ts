import { TaskError, VirtualClock, runWorkflow, WorkflowGraph, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import { ConcurrencyLimitedExecutor, FifoSemaphore } from '../src';

describe('FifoSemaphore', () => {
  it('grants up to capacity, then serves waiters first come, first served', async () => {
    const semaphore = new FifoSemaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    expect(semaphore.inUse).toBe(2);
    const order: string[] = [];
    const c = semaphore.acquire().then((permit) => (order.push('c'), permit));
    const d = semaphore.acquire().then((permit) => (order.push('d'), permit));
    expect(semaphore.waiting).toBe(2);
    expect(semaphore.tryAcquire()).toBeUndefined();
    a.release();
    a.release(); // idempotent
    const permitC = await c;
    expect(order).toEqual(['c']);
    b.release();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(semaphore.inUse).toBe(2);
    permitC.release();
    expect(semaphore.inUse).toBe(1);
  });

  it('a waiter whose signal aborts leaves the queue and never takes a slot', async () => {
    const semaphore = new FifoSemaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(semaphore.waiting).toBe(1);
    held.release();
    await next;
    expect(semaphore.inUse).toBe(1);
    expect(semaphore.waiting).toBe(0);
    await expect(semaphore.acquire(AbortSignal.abort())).rejects.toBeDefined();
  });

  it('does not grant a waiter whose signal aborted in the same abort that freed the slot', async () => {
    const semaphore = new FifoSemaphore(1);
    const controller = new AbortController();
    const held = await semaphore.acquire();
    // Registered before the waiter's own listener: the slot frees while the waiter is still queued.
    controller.signal.addEventListener('abort', () => held.release());
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(semaphore.inUse).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new FifoSemaphore(0)).toThrow(RangeError);
  });
});

describe('ConcurrencyLimitedExecutor', () => {
  function gatedExecutor() {
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const inner: TaskExecutor = {
      execute: async (task: TaskRequest, ctx: TaskContext) => {
        running++;
        peak = Math.max(peak, running);
        try {
          if (task.agent === 'ask') return await ctx.requestInput('ok?');
          await new Promise<void>((resolve, reject) => {
            gates.push(resolve);
            ctx.signal.addEventListener('abort', () => reject(new TaskError('ABORTED', 'aborted')), { once: true });
          });
          return { done: task.taskId };
        } finally {
          running--;
        }
      },
    };
    return { inner, gates, peak: () => peak };
  }

  it('lets at most `capacity` agent calls run at once across runs', async () => {
    const { inner, gates, peak } = gatedExecutor();
    const limited = new ConcurrencyLimitedExecutor(inner, 3);
    const graph = () => WorkflowGraph.fromSpecs(Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, description: 't', agent: 'work' })));
    const runs = [runWorkflow(graph(), limited, { strategy: 'hybrid' }), runWorkflow(graph(), limited, { strategy: 'hybrid' })];
    for (let released = 0; released < 10; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(limited.tasksInFlight).toBeLessThanOrEqual(3);
      gates.shift()?.();
    }
    const results = await Promise.all(runs.map((run) => run.result));
    expect(results.map((result) => result.status)).toEqual(['completed', 'completed']);
    expect(peak()).toBe(3);
    expect(limited.tasksInFlight).toBe(0);
    expect(limited.capacity).toBe(3);
  });

  it('a cancelled run leaves the queue without running its waiting calls', async () => {
    const { inner, gates } = gatedExecutor();
    const limited = new ConcurrencyLimitedExecutor(inner, 1);
    const specs = Array.from({ length: 3 }, (_, i) => ({ id: `t${i}`, description: 't', agent: 'work' }));
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), limited, { strategy: 'hybrid' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(limited.waiting).toBe(2);
    run.cancel();
    const result = await run.result;
    expect(result.status).toBe('cancelled');
    await new Promise((resolve) => setImmediate(resolve));
    expect(limited.waiting).toBe(0);
    expect(limited.tasksInFlight).toBe(0);
    expect(gates).toHaveLength(1); // only the first call ever ran
  });

  it('gives the slot back while a task is paused for input', async () => {
    const { inner, gates } = gatedExecutor();
    const limited = new ConcurrencyLimitedExecutor(inner, 1);
    const run = runWorkflow(
      WorkflowGraph.fromSpecs([
        { id: 'ask', description: 'asks', agent: 'ask' },
        { id: 'work', description: 'works', agent: 'work' },
      ]),
      limited,
      { strategy: 'hybrid', clock: new VirtualClock() },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(run.state.tasks.ask.status).toBe('paused');
    // The paused task holds no slot: the other task got it.
    expect(run.state.tasks.work.status).toBe('running');
    expect(limited.tasksInFlight).toBe(1);
    run.resume('ask', 'yes');
    gates.shift()?.();
    const result = await run.result;
    expect(result.status).toBe('completed');
    expect(result.tasks.ask.output).toBe('yes');
    expect(limited.tasksInFlight).toBe(0);
  });
});
