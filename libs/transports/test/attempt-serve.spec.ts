import { TaskError, VirtualClock, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import { createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { AgentRegistry, createSimulatorAgent } from '@a2a-mcp/agents';
import { AttemptDeduplicator, InputAnswers, serveAttempt, type AttemptFrame, type AttemptRequest, type AttemptSink } from '../src';

const HEARTBEAT_MS = 20;

function request(overrides: Partial<AttemptRequest> = {}, task: Partial<TaskRequest> = {}): AttemptRequest {
  return { task: createTaskRequest(task), attempt: 1, idempotencyKey: `run-1/task-1/1`, ...overrides };
}

function recordingSink(onFrame?: (frame: AttemptFrame, sink: AttemptSink) => void): AttemptSink & { frames: AttemptFrame[] } {
  const sink = {
    frames: [] as AttemptFrame[],
    inputAnswers: new InputAnswers(),
    emit(frame: AttemptFrame) {
      sink.frames.push(frame);
      onFrame?.(frame, sink);
    },
  };
  return sink;
}

const options = (signal = new AbortController().signal) => ({ replicaId: 'replica-a', heartbeatMs: HEARTBEAT_MS, signal });
const finals = (frames: AttemptFrame[]) => frames.filter((f) => f.kind === 'result' || f.kind === 'error');
const executorOf = (execute: (task: TaskRequest, ctx: TaskContext) => Promise<unknown>): TaskExecutor => ({ execute });

describe('serveAttempt', () => {
  it('runs a real agent (the simulator) and ends with exactly one result frame carrying its output', async () => {
    const registry = new AgentRegistry([createSimulatorAgent()]);
    const sink = recordingSink();
    await serveAttempt(registry, request({}, { input: { durationMs: 5, output: { ok: 42 } } }), sink, options());
    expect(finals(sink.frames)).toEqual([{ kind: 'result', key: 'run-1/task-1/1', replicaId: 'replica-a', output: { ok: 42 } }]);
    expect(sink.frames[sink.frames.length - 1]?.kind).toBe('result');
  });

  it('sends the first heartbeat heartbeatMs after the start (a quick attempt sends its result alone), then one every heartbeatMs', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    let finish: (output: unknown) => void = () => undefined;
    const executor = executorOf(() => new Promise((resolve) => (finish = resolve)));
    const sink = recordingSink();
    const served = serveAttempt(executor, request(), sink, { ...options(), clock });
    await Promise.resolve();
    expect(sink.frames).toEqual([]);
    clock.advance(HEARTBEAT_MS - 1);
    expect(sink.frames).toEqual([]);
    clock.advance(1);
    expect(sink.frames).toEqual([{ kind: 'heartbeat', key: 'run-1/task-1/1', replicaId: 'replica-a' }]);
    clock.advance(HEARTBEAT_MS * 2);
    expect(sink.frames.map((f) => f.kind)).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
    finish('done');
    await served;
    expect(sink.frames.map((f) => f.kind)).toEqual(['heartbeat', 'heartbeat', 'heartbeat', 'result']);
    // Stopped with the final frame: no timer is left behind.
    clock.advance(HEARTBEAT_MS * 5);
    expect(sink.frames).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a zero-work attempt sends exactly one frame: its result', async () => {
    const sink = recordingSink();
    await serveAttempt(executorOf(async () => 'x'), request(), sink, { ...options(), clock: new VirtualClock({ autoAdvance: false }) });
    expect(sink.frames).toEqual([{ kind: 'result', key: 'run-1/task-1/1', replicaId: 'replica-a', output: 'x' }]);
  });

  it('streams progress and artifacts in order, and heartbeats while the agent works', async () => {
    const executor = executorOf(async (_task, ctx) => {
      ctx.progress(10, 'started');
      ctx.artifact({ name: 'part', data: { n: 1 } });
      await ctx.sleep(HEARTBEAT_MS * 6);
      ctx.progress(90);
      return 'done';
    });
    const sink = recordingSink();
    await serveAttempt(executor, request(), sink, options());
    const kinds = sink.frames.filter((f) => f.kind !== 'heartbeat').map((f) => f.kind);
    expect(kinds).toEqual(['progress', 'artifact', 'progress', 'result']);
    expect(sink.frames).toContainEqual({ kind: 'progress', key: 'run-1/task-1/1', pct: 10, message: 'started' });
    expect(sink.frames).toContainEqual({ kind: 'artifact', key: 'run-1/task-1/1', part: { name: 'part', data: { n: 1 } } });
    // Timers fire in the order they are due: the beats due during a sleep of six intervals come before its end.
    expect(sink.frames.filter((f) => f.kind === 'heartbeat').length).toBeGreaterThanOrEqual(2);
  });

  it('stops heartbeating after the final frame', async () => {
    const sink = recordingSink();
    await serveAttempt(executorOf(async () => 'x'), request(), sink, options());
    const count = sink.frames.length;
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 4));
    expect(sink.frames.length).toBe(count);
  });

  it('keeps a TaskError code and retryable flag; any other error is AGENT_ERROR retryable', async () => {
    const sink = recordingSink();
    await serveAttempt(executorOf(async () => { throw new TaskError('BAD_INPUT', 'no amount', false); }), request(), sink, options());
    expect(finals(sink.frames)).toEqual([{ kind: 'error', key: 'run-1/task-1/1', replicaId: 'replica-a', code: 'BAD_INPUT', message: 'no amount', retryable: false }]);

    const other = recordingSink();
    await serveAttempt(executorOf(async () => { throw new Error('boom'); }), request(), other, options());
    expect(finals(other.frames)).toEqual([expect.objectContaining({ kind: 'error', code: 'AGENT_ERROR', retryable: true, message: expect.stringContaining('boom') })]);
  });

  it('never throws on an agent bug: a synchronous throw of a non-Error becomes an error frame', async () => {
    const executor: TaskExecutor = {
      execute: () => {
        throw 'a string';
      },
    };
    const sink = recordingSink();
    await expect(serveAttempt(executor, request(), sink, options())).resolves.toBeUndefined();
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ code: 'AGENT_ERROR', message: expect.stringContaining('a string') })]);
  });

  it('survives a sink that throws (a closed connection) and still ends', async () => {
    const sink: AttemptSink = { inputAnswers: new InputAnswers(), emit: () => { throw new Error('connection closed'); } };
    await expect(serveAttempt(executorOf(async () => 1), request(), sink, options())).resolves.toBeUndefined();
  });

  it("the agent's signal aborts when its attempt ends, whether read during the attempt or only after it", async () => {
    const seen: TaskContext[] = [];
    let readDuring: AbortSignal | undefined;
    const executor = executorOf(async (task, ctx) => {
      seen.push(ctx);
      if (task.taskId === 'reads') readDuring = ctx.signal;
      return 'ok';
    });
    await serveAttempt(executor, request({}, { taskId: 'reads' }), recordingSink(), options());
    await serveAttempt(executor, request({ idempotencyKey: 'run-1/late/1' }, { taskId: 'late' }), recordingSink(), options());
    expect(readDuring?.aborted).toBe(true);
    expect(readDuring?.reason).toMatchObject({ code: 'ATTEMPT_ENDED' });
    const late = seen[1]?.signal;
    expect(late?.aborted).toBe(true);
    expect(late?.reason).toMatchObject({ code: 'ATTEMPT_ENDED' });
  });

  it('on cancel, aborts the agent signal and ends with TASK_CANCELLED, not retryable, even if the agent ignores it', async () => {
    const cancel = new AbortController();
    let observedAbort = false;
    const executor = executorOf(
      (_task, ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => (observedAbort = true));
          ctx.progress(5, 'working');
          // Never settles: the agent ignores its signal.
        }),
    );
    const sink = recordingSink((frame) => {
      if (frame.kind === 'progress') cancel.abort();
    });
    await serveAttempt(executor, request(), sink, options(cancel.signal));
    expect(observedAbort).toBe(true);
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ kind: 'error', code: 'TASK_CANCELLED', retryable: false })]);
  });

  it('a cancelled sleep rejects, so a sleeping agent stops', async () => {
    const cancel = new AbortController();
    let sleepRejected = false;
    const executor = executorOf(async (_task, ctx) => {
      ctx.progress(1);
      try {
        await ctx.sleep(60_000);
      } catch {
        sleepRejected = true;
      }
      return 'late';
    });
    const sink = recordingSink((frame) => {
      if (frame.kind === 'progress') setTimeout(() => cancel.abort(), 5);
    });
    await serveAttempt(executor, request(), sink, options(cancel.signal));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sleepRejected).toBe(true);
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ code: 'TASK_CANCELLED' })]);
  });

  it('a deadline already passed fails with TASK_TIMEOUT without running the agent', async () => {
    let ran = false;
    const sink = recordingSink();
    await serveAttempt(executorOf(async () => (ran = true)), request({ deadlineAtMs: Date.now() - 1 }), sink, options());
    expect(ran).toBe(false);
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ code: 'TASK_TIMEOUT' })]);
  });

  it('a deadline passing while the agent runs aborts it with TASK_TIMEOUT', async () => {
    let aborted = false;
    const executor = executorOf(async (_task, ctx) => {
      await ctx.sleep(60_000).catch(() => (aborted = true));
      return 'late';
    });
    const sink = recordingSink();
    await serveAttempt(executor, request({ deadlineAtMs: Date.now() + 30 }), sink, options());
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ code: 'TASK_TIMEOUT' })]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(aborted).toBe(true);
  });

  it('requestInput sends an input-required frame and resumes with the answer given for its inputId', async () => {
    const executor = executorOf(async (_task, ctx) => ({ answer: await ctx.requestInput('approve?') }));
    const sink = recordingSink((frame, self) => {
      if (frame.kind === 'input-required') {
        expect(self.inputAnswers.answer('some-other-id', 'no')).toBe(false);
        setTimeout(() => self.inputAnswers.answer(frame.inputId, 'yes'), 1);
      }
    });
    await serveAttempt(executor, request(), sink, options());
    expect(sink.frames.find((f) => f.kind === 'input-required')).toMatchObject({ question: 'approve?', inputId: expect.any(String) });
    expect(finals(sink.frames)).toEqual([expect.objectContaining({ kind: 'result', output: { answer: 'yes' } })]);
  });

  describe('with a deduplicator', () => {
    it('a re-delivery while the first runs gets the same result; the agent runs once', async () => {
      let runs = 0;
      let release: () => void = () => undefined;
      const executor = executorOf(async () => {
        runs += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return { run: runs };
      });
      const dedup = new AttemptDeduplicator();
      const first = recordingSink();
      const second = recordingSink();
      const both = Promise.all([
        serveAttempt(executor, request(), first, { ...options(), dedup }),
        serveAttempt(executor, request(), second, { ...options(), replicaId: 'replica-a', dedup }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      release();
      await both;
      expect(runs).toBe(1);
      expect(finals(first.frames)).toEqual(finals(second.frames));
      expect(finals(first.frames)).toEqual([expect.objectContaining({ kind: 'result', output: { run: 1 } })]);

      const third = recordingSink();
      await serveAttempt(executor, request(), third, { ...options(), dedup });
      expect(runs).toBe(1);
      expect(finals(third.frames)).toEqual(finals(first.frames));
    });

    it('a different idempotency key runs again', async () => {
      let runs = 0;
      const dedup = new AttemptDeduplicator();
      const executor = executorOf(async () => ++runs);
      await serveAttempt(executor, request({ idempotencyKey: 'r/t/1' }), recordingSink(), { ...options(), dedup });
      await serveAttempt(executor, request({ idempotencyKey: 'r/t/2' }), recordingSink(), { ...options(), dedup });
      expect(runs).toBe(2);
    });
  });
});
