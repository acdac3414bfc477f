import { VirtualClock, type TaskContext } from '@a2a-mcp/core-graph';
import { PARALLEL, TestAgents, gate, resilienceFor, run, startRun, task } from './support';

/** Works `ms` on the run clock (honours its signal). */
const works =
  (ms: number) =>
  async (_task: unknown, ctx: TaskContext): Promise<unknown> => {
    await ctx.sleep(ms);
    return { worked: ms };
  };

const ids = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('bulkhead per agent (real engine, virtual clock)', () => {
  it('caps the calls one agent runs at once across runs; the others wait their turn and complete; each agent has its own cap', async () => {
    const agents = new TestAgents().set('worker', works(10)).set('other', works(10));
    const { resilience, clock, rejected } = resilienceFor({ maxConcurrentCalls: 2, queueLimit: 100 });
    const executor = resilience.wrapExecutor(agents);
    const specs = (agent: string, prefix: string) => ids(prefix, 6).map((id) => task(id, agent));
    const [first, second] = await Promise.all([
      run([...specs('worker', 'w'), ...specs('other', 'o')], executor, clock, PARALLEL),
      run(specs('worker', 'x'), executor, clock, PARALLEL),
    ]);
    expect(first.successful).toHaveLength(12);
    expect(second.successful).toHaveLength(6);
    expect(agents.calls('worker')).toBe(12);
    expect(agents.peak('worker')).toBe(2);
    expect(agents.peak('other')).toBe(2);
    // Twelve 10 ms calls, two at a time.
    expect(Math.max(first.makespanMs, second.makespanMs)).toBe(60);
    expect(rejected).toEqual([]);
  });

  it('refuses calls past the queue with AGENT_BULKHEAD_FULL (retryable) without calling the agent', async () => {
    const agents = new TestAgents().set('worker', works(10));
    const { resilience, clock, rejected } = resilienceFor({ maxConcurrentCalls: 1, queueLimit: 1 });
    const result = await run(ids('t', 4).map((id) => task(id, 'worker')), resilience.wrapExecutor(agents), clock, PARALLEL);
    expect(result.successful).toEqual(['t1', 't2']);
    for (const id of ['t3', 't4']) {
      expect(result.tasks[id].error).toEqual({
        code: 'AGENT_BULKHEAD_FULL',
        message: `task "${id}": agent "worker" already runs 1 calls (AGENT_MAX_CONCURRENT_CALLS) with 1 waiting (AGENT_QUEUE_LIMIT)`,
      });
    }
    expect(agents.calls('worker')).toBe(2);
    expect(rejected).toEqual(['worker', 'worker']);
    // A full bulkhead is no fault of the agent's.
    expect(resilience.circuitOf('worker')).toBe('closed');

    // Retryable: with a retry after the others are done, the same task gets through.
    const retried = await run(
      ids('r', 3).map((id) => task(id, 'worker', { maxRetries: 1 })),
      resilience.wrapExecutor(agents),
      clock,
      { ...PARALLEL, random: () => 1, retry: { baseDelayMs: 100, maxDelayMs: 100 } },
    );
    expect(retried.successful).toEqual(['r1', 'r2', 'r3']);
    expect(retried.tasks.r3.attempts).toBe(2);
  });

  it('holds a slot until the agent call settles, even after its attempt timed out: an agent that ignores its abort still counts', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const stuck = gate();
    const agents = new TestAgents().set('worker', async (work) => {
      // Ignores its signal: the first call goes on until the test releases it.
      if (work.taskId === 'slow') await stuck.wait;
      return { done: work.taskId };
    });
    const { resilience } = resilienceFor({ maxConcurrentCalls: 1 }, { clock });
    const executor = resilience.wrapExecutor(agents);
    const slow = startRun([task('slow', 'worker', { timeoutMs: 50 })], executor, clock);
    const next = startRun([task('next', 'worker')], executor, clock);
    clock.advance(50);
    expect((await slow.result).tasks.slow.error?.code).toBe('TASK_TIMEOUT');
    // Still one call running on the agent: the next one waits.
    await new Promise((resolve) => setImmediate(resolve));
    expect(agents.calls('worker')).toBe(1);
    stuck.release();
    expect((await next.result).tasks.next.status).toBe('completed');
    expect(agents.calls('worker')).toBe(2);
  });

  it('a queued call whose run is cancelled never reaches the agent', async () => {
    const agents = new TestAgents().set('worker', works(1000));
    const { resilience, clock, changes } = resilienceFor({ maxConcurrentCalls: 1 });
    const cancelled = startRun(ids('q', 3).map((id) => task(id, 'worker')), resilience.wrapExecutor(agents), clock, PARALLEL);
    expect(agents.calls('worker')).toBe(1);
    cancelled.cancel('the user cancelled');
    expect((await cancelled.result).cancelled).toEqual(['q1', 'q2', 'q3']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(agents.calls('worker')).toBe(1);
    expect(changes).toEqual([]);
  });
});
