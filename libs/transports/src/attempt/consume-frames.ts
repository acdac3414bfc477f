import { TaskError, type TaskContext } from '@a2a-mcp/core-graph';
import { agentLost } from '../transport-errors';
import { BadAgentReplyError, parseAttemptFrame } from '../wire/attempt-frame';

export interface ConsumeOptions {
  agent: string;
  transport: 'nats' | 'grpc';
  /** Where the agent was reached (named in errors). */
  address: string;
  /** The attempt's idempotency key: a frame for another attempt is refused. */
  key: string;
  /** The agent side's heartbeat interval. */
  heartbeatMs: number;
  /** Silence for heartbeatMs × missedBeats fails the attempt with AGENT_LOST. */
  missedBeats: number;
  /** Sends the person's answer back to the replica that asked. */
  answerInput(inputId: string, answer: unknown): Promise<void>;
}

/**
 * The host side of one attempt: reads the agent's frames, forwards progress, artifacts and questions
 * to the engine's ctx, and settles with the result frame's output or the error frame's TaskError.
 * A replica that goes silent (no frame of any kind for heartbeatMs × missedBeats, not counting the time
 * a person is being asked) fails the attempt with AGENT_LOST, retryable, well before the task's timeout.
 *
 * A transport maps its own failures before they reach here: an iterable that throws a TaskError
 * rejects with it; any other thrown error is reported as AGENT_LOST (the stream broke mid-attempt).
 */
export async function consumeFrames(frames: AsyncIterable<unknown>, ctx: TaskContext, options: ConsumeOptions): Promise<unknown> {
  const silentMs = options.heartbeatMs * options.missedBeats;
  const iterator = frames[Symbol.asyncIterator]();
  let watchdog: NodeJS.Timeout | undefined;
  let fail: (error: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // The race's loser must not surface as an unhandled rejection.
  stopped.catch(() => undefined);
  const arm = (): void => {
    disarm();
    watchdog = setTimeout(() => fail(agentLost(options.agent, options.transport, options.address, silentMs)), silentMs);
    watchdog.unref();
  };
  const disarm = (): void => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
  };
  const onAbort = (): void => fail(abortReason(ctx.signal));
  if (ctx.signal.aborted) return Promise.reject(abortReason(ctx.signal));
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  arm();
  try {
    for (;;) {
      const step = await Promise.race([nextOf(iterator, options), stopped]);
      if (step.done) throw new BadAgentReplyError(options.agent, 'the stream ended before a result or error frame');
      arm();
      const frame = parseAttemptFrame(step.value, options.key, options.agent);
      switch (frame.kind) {
        case 'progress':
          ctx.progress(frame.pct, frame.message);
          break;
        case 'artifact':
          ctx.artifact(frame.part);
          break;
        case 'input-required': {
          // A person may take hours: the replica keeps beating, but silence now is not a lost replica.
          disarm();
          const answer = await Promise.race([ctx.requestInput(frame.question), stopped]);
          await Promise.race([options.answerInput(frame.inputId, answer), stopped]);
          arm();
          break;
        }
        case 'heartbeat':
          break;
        case 'result':
          // The run records which replica served the task (`servedBy` on task_complete and in the result).
          ctx.servedBy?.(frame.replicaId);
          return frame.output;
        case 'error':
          throw new TaskError(frame.code, frame.message, frame.retryable);
      }
    }
  } finally {
    disarm();
    ctx.signal.removeEventListener('abort', onAbort);
    // Release the stream (unsubscribe / cancel the call) without waiting: it may be blocked on a silent peer.
    iterator.return?.().catch(() => undefined);
  }
}

async function nextOf(iterator: AsyncIterator<unknown>, options: ConsumeOptions): Promise<IteratorResult<unknown>> {
  try {
    return await iterator.next();
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new TaskError('AGENT_LOST', `agent "${options.agent}" over ${options.transport} at ${options.address}: the stream broke (${why})`, true);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
}
