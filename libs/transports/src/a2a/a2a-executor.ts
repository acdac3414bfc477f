import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Message, StreamResponse } from '@a2a-js/sdk';
import type { Client } from '@a2a-js/sdk/client';
import { answerMessage, taskMessage } from './a2a-parts';
import { taskErrorFromA2a, type A2aCallTarget } from './a2a-task-errors';
import { A2aTaskRun, type TurnOutcome } from './a2a-task-run';

export interface A2aExecutorOptions {
  /** Our name for the agent (named in errors). */
  agent: string;
  /** The endpoint the SDK client calls (named in errors and in `servedBy`). */
  address: string;
  client: Client;
  /** Budget of the `CancelTask` call sent when an attempt is aborted. */
  cancelTimeoutMs: number;
  /** Once the terminal event has arrived, how long to wait for the agent to end the stream (so the connection is reused). */
  drainMs?: number;
}

const DEFAULT_DRAIN_MS = 1_000;
const noop = (): void => undefined;

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
}

/**
 * Runs the engine's tasks on one A2A agent: a task is a streamed message (SendStreamingMessage);
 * status text becomes progress, artifacts become artifacts, `completed` gives the output, `failed` and
 * `rejected` a TaskError, and `input-required` asks a person through ctx.requestInput before the
 * answer goes back on the same A2A task. An aborted attempt (cancelled run, timeout) stops the
 * stream and sends CancelTask for the agent's task.
 */
export class A2aExecutor implements TaskExecutor {
  private readonly cancels = new Set<Promise<void>>();
  private readonly target: A2aCallTarget;

  constructor(private readonly options: A2aExecutorOptions) {
    this.target = { agent: options.agent, address: options.address };
  }

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    if (ctx.signal.aborted) throw abortReason(ctx.signal);
    const run = new A2aTaskRun(ctx, this.target);
    const http = new AbortController();
    let fail: (error: Error) => void = noop;
    const aborted = new Promise<never>((_, reject) => {
      fail = reject;
    });
    // The race's loser must not surface as an unhandled rejection.
    aborted.catch(noop);
    const onAbort = (): void => {
      http.abort(ctx.signal.reason);
      if (run.a2aTaskId !== undefined && !run.finished) this.cancelRemote(run.a2aTaskId);
      fail(abortReason(ctx.signal));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // Set while the engine is asked for input: its errors are the engine's, passed on as they are.
    let asking = false;
    try {
      let message = taskMessage(task, ctx);
      for (let turn = 1; ; turn++) {
        const outcome = await this.turn(message, run, http.signal, aborted);
        if (outcome.kind === 'completed') {
          ctx.servedBy?.(this.options.address);
          return outcome.output;
        }
        asking = true;
        const answer = await Promise.race([ctx.requestInput(outcome.question), aborted]);
        asking = false;
        // run.a2aTaskId is set: A2aTaskRun refuses a question that names no task.
        message = answerMessage(answer, run.a2aTaskId ?? '', task.runId, `${ctx.idempotencyKey}#answer-${turn}`);
      }
    } catch (error) {
      if (ctx.signal.aborted) throw abortReason(ctx.signal); // onAbort has sent CancelTask
      // The attempt ends without the agent's last word (a broken stream, no answer to its question):
      // its task would run or wait on for nobody.
      if (run.a2aTaskId !== undefined && !run.finished) this.cancelRemote(run.a2aTaskId);
      if (asking) throw error;
      throw taskErrorFromA2a(error, this.target);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Waits for the CancelTask calls still in flight (before the connections close). */
  async settle(): Promise<void> {
    await Promise.all([...this.cancels]);
  }

  /** One streamed message, read until the agent ends the stream (after a terminal or input-required event). */
  private async turn(message: Message, run: A2aTaskRun, signal: AbortSignal, aborted: Promise<never>): Promise<TurnOutcome> {
    const stream = this.options.client.sendMessageStream({ tenant: '', message, configuration: undefined, metadata: undefined }, { signal });
    const iterator: AsyncIterator<StreamResponse> = stream[Symbol.asyncIterator]();
    let outcome: TurnOutcome | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let drained: Promise<IteratorResult<StreamResponse>> | undefined;
    try {
      for (;;) {
        const next = Promise.race([iterator.next(), aborted]);
        // Once the agent has said its last word, wait briefly for the end of the stream: a response
        // read to its end leaves its connection in the pool, one cut short closes it.
        const step = outcome?.settled ? await Promise.race([next, (drained ??= this.drainDeadline((timer) => (drainTimer = timer)))]) : await next;
        if (step.done) break;
        // The latest word counts: a follow-up turn opens with the task as it was (still asking).
        outcome = run.onEvent(step.value) ?? outcome;
      }
    } finally {
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      iterator.return?.(undefined).catch(noop);
    }
    if (outcome !== undefined) return outcome;
    throw new TaskError('AGENT_LOST', `agent "${this.target.agent}" over a2a at ${this.target.address}: the stream ended while task ${run.a2aTaskId ?? '(no id)'} was ${run.lastState}`, true);
  }

  private drainDeadline(keep: (timer: NodeJS.Timeout) => void): Promise<IteratorResult<StreamResponse>> {
    return new Promise((resolve) => keep(setTimeout(() => resolve({ done: true, value: undefined }), this.options.drainMs ?? DEFAULT_DRAIN_MS)));
  }

  private cancelRemote(a2aTaskId: string): void {
    const cancel = this.options.client
      .cancelTask({ tenant: '', id: a2aTaskId, metadata: undefined }, { signal: AbortSignal.timeout(this.options.cancelTimeoutMs) })
      // Best effort: the task may have ended meanwhile, or the agent may be gone; the attempt is aborted either way.
      .then(noop, noop)
      .finally(() => this.cancels.delete(cancel));
    this.cancels.add(cancel);
  }
}
