import { TaskError } from '@a2a-mcp/core-graph';

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The agent side's open questions for one attempt, keyed by inputId: the agent's ctx.requestInput
 * waits here until the host's answer arrives over the wire (NATS `agents.<agent>.input`, the gRPC
 * answer call). An answer for an id nobody waits for is refused, so a stale or forged answer is ignored.
 */
export class InputAnswers {
  private readonly waiters = new Map<string, Waiter>();

  /** Resolves with the answer to `inputId`; rejects (TASK_CANCELLED) once `signal` aborts. */
  wait(inputId: string, signal: AbortSignal): Promise<unknown> {
    if (this.waiters.has(inputId)) return Promise.reject(new TaskError('DUPLICATE_INPUT_ID', `input "${inputId}" is already awaited`, false));
    if (signal.aborted) return Promise.reject(cancelled(inputId, signal));
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(inputId);
        reject(cancelled(inputId, signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(inputId, {
        resolve: (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject,
      });
    });
  }

  /** Delivers an answer; false when no one waits for `inputId` (unknown, already answered or cancelled). */
  answer(inputId: string, value: unknown): boolean {
    const waiter = this.waiters.get(inputId);
    if (waiter === undefined) return false;
    this.waiters.delete(inputId);
    waiter.resolve(value);
    return true;
  }

  /** Questions still open. */
  get pending(): number {
    return this.waiters.size;
  }
}

function cancelled(inputId: string, signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new TaskError('TASK_CANCELLED', `the attempt was cancelled while input "${inputId}" was awaited`, false);
}
