import { TaskError, VirtualClock, type QualityVerdict } from '@a2a-mcp/core-graph';
import { PARALLEL, TestAgents, fails, resilienceFor, run, startRun, succeeds, task } from './support';

const HALF_OPEN_MS = 30_000;

/** Three faults in a row open the circuit; a probe may go through 30 s (virtual) later. */
function breaker(clock = new VirtualClock()) {
  const agents = new TestAgents().set('flaky', fails()).set('steady', succeeds);
  const guarded = resilienceFor({ circuitFailures: 3, circuitHalfOpenMs: HALF_OPEN_MS }, { clock });
  return { agents, executor: guarded.resilience.wrapExecutor(agents), ...guarded };
}

/** Opens the flaky agent's circuit: one task, three failing attempts. */
async function openCircuit(b: ReturnType<typeof breaker>): Promise<void> {
  const result = await run([task('a', 'flaky', { maxRetries: 2 })], b.executor, b.clock);
  expect(result.tasks.a).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'AGENT_ERROR' } });
  expect(b.resilience.circuitOf('flaky')).toBe('open');
}

describe('circuit breaker per agent (real engine, virtual clock)', () => {
  it('opens after N faults in a row; the next task fails at once with AGENT_CIRCUIT_OPEN, without calling the agent or spending retries', async () => {
    const b = breaker();
    await openCircuit(b);
    expect(b.agents.calls('flaky')).toBe(3);
    expect(b.changes).toEqual([
      {
        agent: 'flaky',
        from: 'closed',
        to: 'open',
        failures: 3,
        probeInMs: HALF_OPEN_MS,
        lastError: { code: 'AGENT_ERROR', message: 'flaky failed task a' },
      },
    ]);

    b.clock.advance(10_000);
    const events: string[] = [];
    const next = startRun([task('b', 'flaky', { maxRetries: 5 })], b.executor, b.clock);
    next.subscribe((event) => events.push(event.type));
    const result = await next.result;
    expect(result.tasks.b).toMatchObject({ status: 'failed', attempts: 1 });
    expect(result.tasks.b.error).toEqual({
      code: 'AGENT_CIRCUIT_OPEN',
      message: 'agent "flaky" failed 3 times in a row (last error: AGENT_ERROR); calls resume after a probe in 20000 ms',
    });
    expect(events).not.toContain('task_retry');
    expect(b.agents.calls('flaky')).toBe(3);
  });

  it('lets one probe through once the delay has passed on the clock; its success closes the circuit', async () => {
    const b = breaker();
    await openCircuit(b);
    b.agents.set('flaky', succeeds);

    b.clock.advance(HALF_OPEN_MS - 1);
    const early = await run([task('early', 'flaky')], b.executor, b.clock);
    expect(early.tasks.early.error?.message).toMatch(/calls resume after a probe in 1 ms$/);
    expect(b.agents.calls('flaky')).toBe(3);

    b.clock.advance(1);
    const probe = await run([task('probe', 'flaky')], b.executor, b.clock);
    expect(probe.tasks.probe).toMatchObject({ status: 'completed', output: { done: 'probe' } });
    expect(b.agents.calls('flaky')).toBe(4);
    expect(b.transitions()).toEqual(['flaky: closed → open', 'flaky: open → half-open', 'flaky: half-open → closed']);

    // Closed for good: the count starts again from zero.
    b.agents.set('flaky', fails());
    await run([task('one', 'flaky', { maxRetries: 1 })], b.executor, b.clock);
    expect(b.resilience.circuitOf('flaky')).toBe('closed');
  });

  it('only the probe reaches the agent while it runs; its failure opens the circuit again for the others and for the next delay', async () => {
    const b = breaker();
    await openCircuit(b);
    b.clock.advance(HALF_OPEN_MS);

    const result = await run([task('p1', 'flaky'), task('p2', 'flaky'), task('p3', 'flaky')], b.executor, b.clock, PARALLEL);
    expect(b.agents.calls('flaky')).toBe(4);
    expect(result.tasks.p1.error?.code).toBe('AGENT_ERROR');
    for (const waited of ['p2', 'p3']) {
      expect(result.tasks[waited].error).toEqual({
        code: 'AGENT_CIRCUIT_OPEN',
        message: `agent "flaky" failed 4 times in a row (last error: AGENT_ERROR); calls resume after a probe in ${HALF_OPEN_MS} ms`,
      });
    }
    expect(b.transitions()).toEqual(['flaky: closed → open', 'flaky: open → half-open', 'flaky: half-open → open']);
    expect(b.changes[2]).toMatchObject({ failures: 4, probeInMs: HALF_OPEN_MS });

    // A full delay again from the failed probe, then the next probe.
    b.agents.set('flaky', succeeds);
    b.clock.advance(HALF_OPEN_MS - 1);
    expect((await run([task('x', 'flaky')], b.executor, b.clock)).tasks.x.error?.code).toBe('AGENT_CIRCUIT_OPEN');
    b.clock.advance(1);
    expect((await run([task('y', 'flaky')], b.executor, b.clock)).tasks.y.status).toBe('completed');
  });

  it('leaves other agents alone', async () => {
    const b = breaker();
    await openCircuit(b);
    const result = await run([task('s1', 'steady'), task('f1', 'flaky'), task('s2', 'steady')], b.executor, b.clock, PARALLEL);
    expect(result.tasks.s1.status).toBe('completed');
    expect(result.tasks.s2.status).toBe('completed');
    expect(result.tasks.f1.error?.code).toBe('AGENT_CIRCUIT_OPEN');
    expect(b.resilience.circuitOf('steady')).toBe('closed');
    expect(b.resilience.circuitOf('never_called')).toBe('closed');
  });

  it('counts only agent faults: cancelled attempts, refusals (non-retryable TaskErrors) and quality verdicts do not count', async () => {
    const b = breaker();
    // Waits on the run clock; a cancel aborts the sleep.
    b.agents.set('slow', async (_task, ctx) => ctx.sleep(60_000));
    const cancelled = startRun([task('c1', 'slow'), task('c2', 'slow'), task('c3', 'slow'), task('c4', 'slow')], b.executor, b.clock, PARALLEL);
    // The parallel level starts every task at once.
    expect(b.agents.calls('slow')).toBe(4);
    cancelled.cancel('the user cancelled');
    expect((await cancelled.result).cancelled).toHaveLength(4);

    b.agents.set('slow', async (work) => {
      throw new TaskError('BAD_INPUT', `task "${work.taskId}": no amount`, false);
    });
    const refused = await run([task('r1', 'slow'), task('r2', 'slow'), task('r3', 'slow'), task('r4', 'slow')], b.executor, b.clock, PARALLEL);
    expect(refused.failed).toHaveLength(4);

    b.agents.set('slow', succeeds);
    const rejected: QualityVerdict = { score: 0.1, approved: false, issues: ['completeness_not_met'] };
    const lowQuality = await run([task('q1', 'slow', { qualityPolicy: 'fail' }), task('q2', 'slow', { qualityPolicy: 'fail' }), task('q3', 'slow', { qualityPolicy: 'fail' })], b.executor, b.clock, {
      ...PARALLEL,
      scoreOutput: () => rejected,
    });
    expect(lowQuality.tasks.q1.error?.code).toBe('QUALITY_BELOW_THRESHOLD');

    expect(b.agents.calls('slow')).toBe(11);
    expect(b.changes).toEqual([]);
    // Nothing was counted: two real faults still leave it closed, the third opens it.
    b.agents.set('slow', fails('AGENT_LOST'));
    await run([task('f', 'slow', { maxRetries: 1 })], b.executor, b.clock);
    expect(b.resilience.circuitOf('slow')).toBe('closed');
    await run([task('g', 'slow')], b.executor, b.clock);
    expect(b.resilience.circuitOf('slow')).toBe('open');
  });

  it('counts timeouts, and a success in between starts the count again', async () => {
    const b = breaker();
    // Honours its signal: the engine's timeout aborts the wait with TASK_TIMEOUT.
    b.agents.set('hangs', async (_task, ctx) => ctx.sleep(Number.POSITIVE_INFINITY));
    b.agents.set('mixed', succeeds);
    await run([task('t1', 'hangs', { timeoutMs: 100, maxRetries: 1 })], b.executor, b.clock);
    expect(b.changes).toEqual([]);
    const timedOut = await run([task('t2', 'hangs', { timeoutMs: 100 })], b.executor, b.clock);
    expect(timedOut.tasks.t2.error?.code).toBe('TASK_TIMEOUT');
    await b.circuitReaches('hangs', 'open');
    expect(b.changes).toEqual([expect.objectContaining({ agent: 'hangs', to: 'open', failures: 3, lastError: expect.objectContaining({ code: 'TASK_TIMEOUT' }) })]);

    let call = 0;
    b.agents.set('mixed', async (work) => {
      // fault, fault, success, fault, fault: never three in a row.
      if (++call === 3) return { done: work.taskId };
      throw new Error('socket hang up');
    });
    await run([task('m', 'mixed', { maxRetries: 4 })], b.executor, b.clock);
    expect(b.agents.calls('mixed')).toBe(3);
    await run([task('n', 'mixed', { maxRetries: 1 })], b.executor, b.clock);
    expect(b.agents.calls('mixed')).toBe(5);
    expect(b.resilience.circuitOf('mixed')).toBe('closed');
  });

  it('settles a probe that ignores its abort when its attempt times out, so it cannot hold the circuit half-open', async () => {
    const b = breaker();
    await openCircuit(b);
    b.clock.advance(HALF_OPEN_MS);
    // Never settles and never reads its signal: only the timeout ends the attempt.
    b.agents.set('flaky', () => new Promise(() => undefined));
    const probe = await run([task('probe', 'flaky', { timeoutMs: 500 })], b.executor, b.clock);
    expect(probe.tasks.probe.error?.code).toBe('TASK_TIMEOUT');
    await b.circuitReaches('flaky', 'open');
    expect(b.transitions()).toEqual(['flaky: closed → open', 'flaky: open → half-open', 'flaky: half-open → open']);
    expect(b.changes[2].lastError?.code).toBe('TASK_TIMEOUT');
  });

  it('a cancelled probe proves nothing: the circuit closes, and the next fault opens it again at once', async () => {
    const b = breaker();
    await openCircuit(b);
    b.clock.advance(HALF_OPEN_MS);
    b.agents.set('flaky', async (_task, ctx) => ctx.sleep(60_000));
    const probing = startRun([task('probe', 'flaky')], b.executor, b.clock);
    expect(b.resilience.circuitOf('flaky')).toBe('half-open');
    probing.cancel('stop');
    expect((await probing.result).cancelled).toEqual(['probe']);
    await b.circuitReaches('flaky', 'closed');

    b.agents.set('flaky', fails());
    await run([task('again', 'flaky')], b.executor, b.clock);
    expect(b.transitions()).toEqual(['flaky: closed → open', 'flaky: open → half-open', 'flaky: half-open → closed', 'flaky: closed → open']);
  });

  it('AGENT_CIRCUIT_FAILURES=0 turns the breaker off', async () => {
    const agents = new TestAgents().set('flaky', fails());
    const { resilience, clock, changes } = resilienceFor({ circuitFailures: 0 });
    const result = await run([task('a', 'flaky', { maxRetries: 9 })], resilience.wrapExecutor(agents), clock);
    expect(result.tasks.a.attempts).toBe(10);
    expect(agents.calls('flaky')).toBe(10);
    expect(changes).toEqual([]);
    expect(resilience.circuitOf('flaky')).toBe('closed');
  });
});
