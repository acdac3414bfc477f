import { randomUUID } from 'node:crypto';
import { TaskError, type Clock, type TaskContext, type TaskExecutor } from '@a2a-mcp/core-graph';
import type { AttemptFrame, FinalFrame } from '../wire/attempt-frame';
import type { AttemptRequest } from '../wire/attempt-request';
import type { AttemptDeduplicator } from './attempt-deduplicator';
import type { InputAnswers } from './input-answers';

/** Where the frames of one attempt go (a NATS reply subject, a gRPC server stream). */
export interface AttemptSink {
  emit(frame: AttemptFrame): void;
  /** Answers to this attempt's input-required frames arrive here. */
  inputAnswers: InputAnswers;
}

export interface ServeAttemptOptions {
  /** Names this replica in heartbeats and final frames. */
  replicaId: string;
  /** A heartbeat frame goes out this often while the agent runs, the first one heartbeatMs after the start. */
  heartbeatMs: number;
  /** Aborted by a cancel message / call cancellation; the agent's ctx.signal follows it. */
  signal: AbortSignal;
  /** With it, a re-delivered attempt reports the first delivery's outcome instead of running again. */
  dedup?: AttemptDeduplicator;
  /** Times the heartbeats (a VirtualClock in tests); default Node's timers. */
  clock?: HeartbeatClock;
}

/** The part of core-graph's Clock the heartbeats use. */
export type HeartbeatClock = Pick<Clock, 'setTimer' | 'clearTimer'>;

/**
 * Runs one attempt on the agent side and streams its frames: progress, artifacts, questions,
 * heartbeats every `heartbeatMs`, then exactly one result or error frame. Never throws and never lets
 * an agent's bug escape: every outcome, including a thrown non-Error, becomes a frame.
 */
export async function serveAttempt(executor: TaskExecutor, request: AttemptRequest, sink: AttemptSink, options: ServeAttemptOptions): Promise<void> {
  const key = request.idempotencyKey;
  const emit = (frame: AttemptFrame): void => {
    try {
      sink.emit(frame);
    } catch {
      // A closed connection: the host's watchdog notices the silence; the agent must not crash for it.
    }
  };
  // The first beat is due after heartbeatMs, not at once: the host's watchdog allows heartbeatMs ×
  // missedBeats of silence, and a quick attempt (most of them) then sends its result frame alone.
  const stopBeating = beatEvery(options.heartbeatMs, () => emit({ kind: 'heartbeat', key, replicaId: options.replicaId }), options.clock);
  try {
    const run = (): Promise<FinalFrame> => runAttempt(executor, request, sink, options, emit);
    const outcome = options.dedup ? options.dedup.claim(key, run).outcome : run();
    emit(await outcome);
  } catch (error) {
    // runAttempt never rejects; this only guards against a broken deduplicator or sink.
    emit(errorFrame(key, options.replicaId, 'AGENT_ERROR', describe(error), true));
  } finally {
    stopBeating();
  }
}

/** Calls `beat` every `ms` until the returned function is called; on `clock` when given (tests), else on an unref'd interval. */
function beatEvery(ms: number, beat: () => void, clock: HeartbeatClock | undefined): () => void {
  if (clock === undefined) {
    const interval = setInterval(beat, ms);
    interval.unref();
    return () => clearInterval(interval);
  }
  const tick = (): void => {
    handle = clock.setTimer(ms, tick);
    beat();
  };
  let handle = clock.setTimer(ms, tick);
  return () => clock.clearTimer(handle);
}

/** setTimeout's limit (about 24.8 days); a later deadline is as good as none for a timer. */
const MAX_TIMER_MS = 2_147_483_647;

async function runAttempt(
  executor: TaskExecutor,
  request: AttemptRequest,
  sink: AttemptSink,
  options: ServeAttemptOptions,
  emit: (frame: AttemptFrame) => void,
): Promise<FinalFrame> {
  const { task, idempotencyKey: key } = request;
  const { replicaId } = options;
  const deadline = request.deadlineAtMs;
  if (deadline !== undefined && deadline <= Date.now()) {
    return errorFrame(key, replicaId, 'TASK_TIMEOUT', `task "${task.taskId}": its deadline passed before agent "${task.agent}" started it`, true);
  }
  if (options.signal.aborted) return abortedFrame(options.signal, key, replicaId, task.taskId);

  // Frames after the final one are dropped: the host has stopped listening.
  const state: { ended: FinalFrame | undefined } = { ended: undefined };
  // The agent's signal is made when the agent first reads it (most quick agents never do), and is
  // aborted when the attempt ends, or at once if read after that.
  let controller: AbortController | undefined;
  const endReason = (ended: FinalFrame): TaskError => new TaskError(ended.kind === 'error' ? ended.code : 'ATTEMPT_ENDED', `attempt ${key} ended`, false);
  const agentSignal = (): AbortSignal => {
    if (controller === undefined) {
      controller = new AbortController();
      if (state.ended !== undefined) controller.abort(endReason(state.ended));
    }
    return controller.signal;
  };
  let onCancel: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<FinalFrame>((resolve) => {
    onCancel = (): void => resolve(abortedFrame(options.signal, key, replicaId, task.taskId));
    options.signal.addEventListener('abort', onCancel, { once: true });
    if (deadline !== undefined) {
      timer = setTimeout(() => resolve(errorFrame(key, replicaId, 'TASK_TIMEOUT', `task "${task.taskId}": agent "${task.agent}" passed its deadline`, true)), Math.min(deadline - Date.now(), MAX_TIMER_MS));
      timer.unref();
    }
  });

  const ctx: TaskContext = {
    runId: task.runId,
    taskId: task.taskId,
    attempt: request.attempt,
    idempotencyKey: key,
    get signal(): AbortSignal {
      return agentSignal();
    },
    progress: (pct, message) => {
      if (state.ended === undefined) emit(message === undefined ? { kind: 'progress', key, pct } : { kind: 'progress', key, pct, message });
    },
    artifact: (part) => {
      if (state.ended === undefined) emit({ kind: 'artifact', key, part });
    },
    requestInput: (question) => {
      const inputId = randomUUID();
      // Wait first, then ask: an answer can never arrive before someone listens for it.
      const answered = sink.inputAnswers.wait(inputId, agentSignal());
      emit({ kind: 'input-required', key, inputId, question: String(question) });
      return answered;
    },
    sleep: (ms) => sleepFor(ms, agentSignal()),
    now: () => Date.now(),
  };

  const ran = invoke(executor, task, ctx).then(
    (output): FinalFrame => ({ kind: 'result', key, replicaId, output }),
    (error: unknown): FinalFrame =>
      error instanceof TaskError
        ? errorFrame(key, replicaId, error.code, error.message, error.retryable)
        : errorFrame(key, replicaId, 'AGENT_ERROR', `agent "${task.agent}" failed on task "${task.taskId}": ${describe(error)}`, true),
  );
  // A cancel or the deadline wins over an agent that ignores its signal; its late outcome is dropped.
  const ended = await Promise.race([stopped, ran]);
  state.ended = ended;
  options.signal.removeEventListener('abort', onCancel);
  if (timer !== undefined) clearTimeout(timer);
  controller?.abort(endReason(ended));
  return ended;
}

// An executor that throws synchronously (not a rejected promise) is an agent bug like any other.
function invoke(executor: TaskExecutor, task: AttemptRequest['task'], ctx: TaskContext): Promise<unknown> {
  try {
    return Promise.resolve(executor.execute(task, ctx));
  } catch (error) {
    return Promise.reject(error);
  }
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function errorFrame(key: string, replicaId: string, code: string, message: string, retryable: boolean): FinalFrame {
  return { kind: 'error', key, replicaId, code, message, retryable };
}

/**
 * A cancel is TASK_CANCELLED, not retryable. A server that aborts with a TaskError as the reason (a
 * replica shutting down: retryable AGENT_UNAVAILABLE) reports that instead, so the retry goes elsewhere.
 */
function abortedFrame(signal: AbortSignal, key: string, replicaId: string, taskId: string): FinalFrame {
  const reason: unknown = signal.reason;
  if (reason instanceof TaskError) return errorFrame(key, replicaId, reason.code, reason.message, reason.retryable);
  return errorFrame(key, replicaId, 'TASK_CANCELLED', `task "${taskId}": the attempt was cancelled`, false);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return `a thrown ${typeof error}: ${String(error)}`;
  } catch {
    return `a thrown ${typeof error}`;
  }
}
