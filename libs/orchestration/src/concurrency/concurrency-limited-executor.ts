import { abortReason, type ArtifactPart, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import { FifoSemaphore, type Permit } from './fifo-semaphore';

/**
 * Wraps an executor so that at most `capacity` agent calls run at once across every run of the host
 * (the global limit that protects the agents). A call waits its turn in FIFO order; a waiting call
 * whose signal aborts (run cancelled, attempt timed out) leaves the queue without running. The slot
 * is given back when the call settles or its signal aborts (the engine has abandoned the attempt
 * then), and while the task is paused waiting for input.
 */
export class ConcurrencyLimitedExecutor implements TaskExecutor {
  private readonly slots: FifoSemaphore;

  constructor(
    private readonly inner: TaskExecutor,
    capacity: number,
  ) {
    this.slots = new FifoSemaphore(capacity);
  }

  /** Agent calls running now (for the optimizer's LoadSnapshot). */
  get tasksInFlight(): number {
    return this.slots.inUse;
  }

  get capacity(): number {
    return this.slots.capacity;
  }

  /** Agent calls waiting for a slot. */
  get waiting(): number {
    return this.slots.waiting;
  }

  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const permit = this.slots.tryAcquire();
    if (permit) return this.run(task, ctx, permit);
    return this.slots.acquire(ctx.signal).then((granted) => this.run(task, ctx, granted));
  }

  private run(task: TaskRequest, ctx: TaskContext, permit: Permit): Promise<unknown> {
    if (ctx.signal.aborted) {
      permit.release();
      return Promise.reject(abortReason(ctx.signal));
    }
    const lease = new SlotLease(this.slots, permit, ctx.signal);
    let pending: Promise<unknown>;
    try {
      pending = this.inner.execute(task, new LimitedTaskContext(ctx, lease));
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.finally(() => lease.end());
  }
}

/** The slot one agent call holds; handed back on settle, on abort, and while paused for input. */
class SlotLease {
  private permit: Permit | undefined;
  private ended = false;
  private readonly onAbort = (): void => this.end();

  constructor(
    private readonly slots: FifoSemaphore,
    permit: Permit,
    private readonly signal: AbortSignal,
  ) {
    this.permit = permit;
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Gives the slot back while the task waits on a person. */
  suspend(): void {
    this.permit?.release();
    this.permit = undefined;
  }

  /** Takes a slot again after the answer; rejects if the attempt is aborted meanwhile. */
  async reacquire(): Promise<void> {
    if (this.ended) return;
    const permit = await this.slots.acquire(this.signal);
    if (this.ended) permit.release();
    else this.permit = permit;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.signal.removeEventListener('abort', this.onAbort);
    this.permit?.release();
    this.permit = undefined;
  }
}

/** The engine's context, except that `requestInput` gives the slot back while the task is paused. */
class LimitedTaskContext implements TaskContext {
  constructor(
    private readonly ctx: TaskContext,
    private readonly lease: SlotLease,
  ) {}

  get runId(): string {
    return this.ctx.runId;
  }
  get taskId(): string {
    return this.ctx.taskId;
  }
  get attempt(): number {
    return this.ctx.attempt;
  }
  get idempotencyKey(): string {
    return this.ctx.idempotencyKey;
  }
  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  progress(pct: number, message?: string): void {
    this.ctx.progress(pct, message);
  }

  artifact(part: ArtifactPart): void {
    this.ctx.artifact(part);
  }

  async requestInput(question: string): Promise<unknown> {
    this.lease.suspend();
    const answer = await this.ctx.requestInput(question);
    await this.lease.reacquire();
    return answer;
  }

  sleep(ms: number): Promise<void> {
    return this.ctx.sleep(ms);
  }

  now(): number {
    return this.ctx.now();
  }
}
