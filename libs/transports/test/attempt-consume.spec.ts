import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext } from '@a2a-mcp/core-graph/testing';
import { AgentRegistry, createSimulatorAgent } from '@a2a-mcp/agents';
import { consumeFrames, InputAnswers, serveAttempt, type AttemptFrame, type ConsumeOptions } from '../src';
import { FrameQueue } from './support/attempt-frame-queue';

const KEY = 'run-1/task-1/1';
const HEARTBEAT_MS = 20;

const options = (overrides: Partial<ConsumeOptions> = {}): ConsumeOptions => ({
  agent: 'simulator',
  transport: 'nats',
  address: 'nats://test:4222',
  key: KEY,
  heartbeatMs: HEARTBEAT_MS,
  missedBeats: 3,
  answerInput: async () => undefined,
  ...overrides,
});
const beat = { kind: 'heartbeat', key: KEY, replicaId: 'r1' };

describe('consumeFrames', () => {
  it('forwards progress and artifacts to the ctx, names the serving replica, and resolves with the result output', async () => {
    const { ctx, progress, artifacts } = createStandaloneContext();
    const served: string[] = [];
    ctx.servedBy = (replicaId) => served.push(replicaId);
    const frames = new FrameQueue();
    const done = consumeFrames(frames, ctx, options());
    frames.push(beat);
    frames.push({ kind: 'progress', key: KEY, pct: 50, message: 'half' });
    frames.push({ kind: 'artifact', key: KEY, part: { name: 'a', data: [1] } });
    frames.push({ kind: 'result', key: KEY, replicaId: 'r1', output: { ok: true } });
    await expect(done).resolves.toEqual({ ok: true });
    expect(progress).toEqual([{ pct: 50, message: 'half' }]);
    expect(artifacts).toEqual([{ name: 'a', data: [1] }]);
    expect(served).toEqual(['r1']);
    expect(frames.returned).toBe(true);
  });

  it('rejects with the error frame as a TaskError keeping code and retryable', async () => {
    const frames = new FrameQueue();
    frames.push({ kind: 'error', key: KEY, replicaId: 'r1', code: 'BAD_INPUT', message: 'no amount', retryable: false });
    const error = await consumeFrames(frames, createStandaloneContext().ctx, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'no amount', retryable: false });
  });

  it('refuses a malformed frame and a frame for another attempt with BAD_AGENT_REPLY', async () => {
    const malformed = new FrameQueue();
    malformed.push({ kind: 'progress', key: KEY, pct: 'half' });
    await expect(consumeFrames(malformed, createStandaloneContext().ctx, options())).rejects.toMatchObject({ code: 'BAD_AGENT_REPLY', message: expect.stringContaining('pct') });

    const foreign = new FrameQueue();
    foreign.push({ kind: 'result', key: 'run-1/task-9/1', replicaId: 'r1', output: 1 });
    await expect(consumeFrames(foreign, createStandaloneContext().ctx, options())).rejects.toMatchObject({ code: 'BAD_AGENT_REPLY', message: expect.stringContaining('run-1/task-9/1') });
  });

  it('a stream that ends without a final frame is BAD_AGENT_REPLY; one that breaks is AGENT_LOST', async () => {
    const ended = new FrameQueue();
    ended.push(beat);
    ended.end();
    await expect(consumeFrames(ended, createStandaloneContext().ctx, options())).rejects.toMatchObject({ code: 'BAD_AGENT_REPLY', retryable: true });

    const broken = new FrameQueue();
    broken.break(new Error('socket hang up'));
    await expect(consumeFrames(broken, createStandaloneContext().ctx, options())).rejects.toMatchObject({ code: 'AGENT_LOST', retryable: true, message: expect.stringContaining('socket hang up') });
  });

  it('passes a TaskError thrown by the stream through unchanged', async () => {
    const frames = new FrameQueue();
    frames.break(new TaskError('AGENT_UNAVAILABLE', 'no responders', true));
    await expect(consumeFrames(frames, createStandaloneContext().ctx, options())).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', message: 'no responders' });
  });

  it('heartbeats keep a long attempt alive; silence fails it with AGENT_LOST naming agent and address', async () => {
    const frames = new FrameQueue();
    // A 2.5 s silence window and a beat every 50 ms: a loaded machine's stalled timers stay far inside it.
    const done = consumeFrames(frames, createStandaloneContext().ctx, options({ heartbeatMs: 250, missedBeats: 10 }));
    // Beat for more than half a window's worth of intervals: the watchdog must not fire while beats arrive.
    for (let i = 0; i < 30; i += 1) {
      frames.push(beat);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let settled = false;
    void done.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    // Then silence.
    await expect(done).rejects.toMatchObject({ code: 'AGENT_LOST', retryable: true, message: expect.stringMatching(/simulator.*nats:\/\/test:4222/) });
  });

  it('suspends the watchdog while a person is asked, then sends the answer to the inputId', async () => {
    const answered: [string, unknown][] = [];
    let answerQuestion: (value: unknown) => void = () => undefined;
    const { ctx } = createStandaloneContext();
    ctx.requestInput = () => new Promise((resolve) => (answerQuestion = resolve));
    const frames = new FrameQueue();
    const done = consumeFrames(frames, ctx, options({ answerInput: async (id, answer) => void answered.push([id, answer]) }));
    frames.push({ kind: 'input-required', key: KEY, inputId: 'q1', question: 'approve?' });
    // Many silence windows pass with nobody answering: no AGENT_LOST.
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3 * 5));
    answerQuestion('yes');
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toEqual([['q1', 'yes']]);
    frames.push({ kind: 'result', key: KEY, replicaId: 'r1', output: 'approved' });
    await expect(done).resolves.toBe('approved');
  });

  it('rejects promptly with the signal reason when ctx.signal aborts', async () => {
    const { ctx, controller } = createStandaloneContext();
    const frames = new FrameQueue();
    const done = consumeFrames(frames, ctx, options({ heartbeatMs: 60_000 }));
    controller.abort(new TaskError('RUN_CANCELLED', 'run cancelled', false));
    await expect(done).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
    expect(frames.returned).toBe(true);
  });

  it('reads what serveAttempt writes: a real agent end to end over an in-memory stream', async () => {
    const frames = new FrameQueue();
    const answers = new InputAnswers();
    const registry = new AgentRegistry([createSimulatorAgent()]);
    const serving = serveAttempt(
      registry,
      { task: { runId: 'run-1', taskId: 'task-1', description: 'd', agent: 'simulator', input: { durationMs: 30, output: 'simulated' }, dependencyOutputs: {}, metadata: {} }, attempt: 1, idempotencyKey: KEY },
      { emit: (frame: AttemptFrame) => frames.push(JSON.parse(JSON.stringify(frame))), inputAnswers: answers },
      { replicaId: 'r1', heartbeatMs: HEARTBEAT_MS, signal: new AbortController().signal },
    );
    await expect(consumeFrames(frames, createStandaloneContext().ctx, options())).resolves.toBe('simulated');
    await serving;
  });
});
