import {
  DEFAULT_TASK_TIMEOUT_MS,
  MAX_TIMER_MS,
  SystemClock,
  VirtualClock,
  WorkflowGraph,
  runWorkflow,
  type TaskExecutor,
} from '../src';
import { finishBy } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';


const never: TaskExecutor = { execute: () => new Promise(() => undefined) };

describe('time limits', () => {
  it('a task that never answers times out after the default task timeout (one hour)', async () => {
    const clock = new VirtualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('stuck')]), never, { clock });
    const result = await finishBy(run, clock, DEFAULT_TASK_TIMEOUT_MS);
    expect(result.tasks.stuck.error?.code).toBe('TASK_TIMEOUT');
    expect(result.makespanMs).toBe(DEFAULT_TASK_TIMEOUT_MS);
  });

  it('the per-task timeout wins over the default, and Infinity turns the default off', async () => {
    const clock = new VirtualClock();
    const own = await runWorkflow(WorkflowGraph.fromSpecs([task('t', [], {}, { timeoutMs: 250 })]), never, { clock, defaultTimeoutMs: 10 }).result;
    expect(own.makespanMs).toBe(250);
    const none = runWorkflow(WorkflowGraph.fromSpecs([task('t')]), never, { clock: new VirtualClock({ autoAdvance: false }), defaultTimeoutMs: Infinity });
    expect(none.state.tasks.t.status).toBe('running');
    none.cancel('test over');
    expect((await none.result).status).toBe('cancelled');
  });

  it('RUN_TIMEOUT stops the run, keeps what completed and says why', async () => {
    const graph = WorkflowGraph.fromSpecs([task('fast', [], { durationMs: 10 }), task('slow', [], { durationMs: 1000 }), task('after', ['slow'])]);
    const clock = new VirtualClock();
    const run = runWorkflow(graph, new SimExecutor(), { strategy: 'hybrid', clock, runTimeoutMs: 100 });
    const result = await finishBy(run, clock, 100);
    expect(result.status).toBe('partial');
    expect(result.makespanMs).toBe(100);
    expect(result.successful).toEqual(['fast']);
    expect(result.cancelled).toEqual(['slow', 'after']);
    expect(result.stopReason).toMatchObject({ code: 'RUN_TIMEOUT' });
  });

  it('refuses timeouts a timer cannot keep', () => {
    const graph = () => WorkflowGraph.fromSpecs([task('t')]);
    expect(() => runWorkflow(graph(), never, { defaultTimeoutMs: 3e9 })).toThrow(/defaultTimeoutMs/);
    expect(() => runWorkflow(graph(), never, { defaultTimeoutMs: 0 })).toThrow(/defaultTimeoutMs/);
    expect(() => runWorkflow(graph(), never, { runTimeoutMs: Number.NaN })).toThrow(/runTimeoutMs/);
  });
});

describe('clocks honour every delay', () => {
  it('a virtual timer beyond 2^31 − 1 ms fires at its time, not at once', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    let fired = false;
    clock.setTimer(3e9, () => (fired = true));
    clock.advance(MAX_TIMER_MS);
    expect(fired).toBe(false);
    clock.advance(3e9 - MAX_TIMER_MS);
    expect(fired).toBe(true);
    expect(() => clock.setTimer(Number.NaN, () => undefined)).toThrow(RangeError);
  });

  it('the system clock waits out a delay longer than Node timers keep, in steps', () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const clock = new SystemClock();
      let fired = false;
      clock.setTimer(MAX_TIMER_MS + 5_000, () => (fired = true));
      jest.advanceTimersByTime(1);
      expect(fired).toBe(false);
      jest.advanceTimersByTime(MAX_TIMER_MS);
      expect(fired).toBe(false);
      jest.advanceTimersByTime(5_000);
      expect(fired).toBe(true);
      expect(() => clock.setTimer(Number.NaN, () => undefined)).toThrow(RangeError);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('quality on the clock', () => {
  it('scoring time is reported apart and is not part of the task duration', async () => {
    const clock = new VirtualClock();
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('t', [], { durationMs: 20 })]), new SimExecutor(), {
      clock,
      scoreOutput: () => {
        clock.advance(7); // a slow scorer
        return { score: 0.9, approved: true };
      },
      onEvent: (event) => {
        if (event.type === 'task_complete') expect(event).toMatchObject({ durationMs: 20, qualityMs: 7 });
      },
    });
    const result = await finishBy(run, clock, 1_000);
    expect(result.tasks.t).toMatchObject({ durationMs: 20, finishedAtMs: 20, qualityScore: 0.9 });
  });

  it('the retry policy re-runs a low-quality output on its own budget, even with maxRetries 0', async () => {
    const executor = new SimExecutor();
    const graph = WorkflowGraph.fromSpecs([task('t', [], {}, { maxRetries: 0, qualityPolicy: 'retry' })]);
    let scored = 0;
    const run = runWorkflow(graph, executor, {
      clock: new VirtualClock(),
      random: () => 0,
      retry: { qualityRetries: 2 },
      scoreOutput: () => ({ score: 0.5, approved: ++scored >= 3 }),
    });
    const result = await run.result;
    expect(result.tasks.t).toMatchObject({ status: 'completed', attempts: 3 });
    const failing = await runWorkflow(graph, new SimExecutor(), {
      clock: new VirtualClock(),
      random: () => 0,
      retry: { qualityRetries: 1 },
      scoreOutput: () => ({ score: 0.5, approved: false }),
    }).result;
    expect(failing.tasks.t).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'QUALITY_BELOW_THRESHOLD' } });
  });
});

describe('ids that are also Object.prototype names', () => {
  it('__proto__ and constructor are ordinary task ids end to end', async () => {
    const executor = new SimExecutor();
    const graph = WorkflowGraph.fromSpecs([task('__proto__'), task('constructor', ['__proto__'])]);
    const result = await runWorkflow(graph, executor, { clock: new VirtualClock() }).result;
    expect(Object.keys(result.tasks)).toEqual(['__proto__', 'constructor']);
    expect(result.tasks['__proto__'].status).toBe('completed');
    expect(result.successful).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(result)).tasks).toHaveProperty(['__proto__', 'status'], 'completed');
  });
});

describe('a big run shares the event loop', () => {
  it('lets other callbacks run while thousands of zero-work tasks start', async () => {
    const specs = Array.from({ length: 5000 }, (_, i) => task(`t${i}`));
    const zeroWork: TaskExecutor = { execute: async () => undefined };
    let completedWhenOtherWorkRan = -1;
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), zeroWork, { strategy: 'hybrid' });
    setImmediate(() => (completedWhenOtherWorkRan = run.state.finishedCount));
    const result = await run.result;
    expect(result.successful).toHaveLength(5000);
    expect(completedWhenOtherWorkRan).toBeGreaterThanOrEqual(0);
    expect(completedWhenOtherWorkRan).toBeLessThan(5000);
  });
});
