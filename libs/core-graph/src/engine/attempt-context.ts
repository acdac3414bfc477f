import { TimerHandle } from '../clock/clock';
import type { SlotPermit } from '../concurrency/task-slot-pool';
import { ArtifactPart, TaskContext } from './task-executor';

/** What an attempt needs from its run; implemented by the scheduler. */
export interface AttemptHost {
  readonly runId: string;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  reportProgress(attempt: AttemptContext, pct: number, message?: string): void;
  reportArtifact(attempt: AttemptContext, part: ArtifactPart): void;
  pauseForInput(attempt: AttemptContext, question: string): Promise<unknown>;
}

/**
 * One attempt of one task: the agent's `ctx`, plus the engine's bookkeeping for that attempt.
 * A class (not a closure bag) so that a zero-work task allocates one object, not six functions;
 * its AbortController is made only when an agent reads `signal` (most zero-work agents never do).
 */
export class AttemptContext implements TaskContext {
  readonly runId: string;
  /** Set once the attempt's outcome is decided; later replies from the agent are ignored. */
  settled = false;
  timer: TimerHandle | undefined;
  /** When the timeout timer was (re)armed and how long it had to run, to suspend it while paused. */
  timerArmedAt = 0;
  timerBudgetMs = 0;
  /** The global slot the agent call holds (RunOptions.slots); released when the call settles. */
  permit: SlotPermit | undefined;
  pendingInput: { resolve: (answer: unknown) => void; reject: (error: unknown) => void } | undefined;
  /** An answer arrived and waits for a slot before the task goes on. */
  answering = false;
  /** Where the attempt ran, when a transport said (see TaskContext.servedBy). */
  servedByName: string | undefined;
  private controller: AbortController | undefined;
  private abortedWith: Error | undefined;

  constructor(
    private readonly host: AttemptHost,
    readonly taskId: string,
    readonly attempt: number,
  ) {
    this.runId = host.runId;
  }

  /** Built on demand: most agents never read it, and it is a string per attempt. */
  get idempotencyKey(): string {
    return `${this.runId}/${this.taskId}/${this.attempt}`;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith);
    }
    return this.controller.signal;
  }

  /** Aborts this attempt's signal (timeout, cancellation), now or when an agent first reads it. */
  abort(reason: Error): void {
    if (this.abortedWith) return;
    this.abortedWith = reason;
    this.controller?.abort(reason);
  }

  /** Hands the slot back (idempotent). */
  releasePermit(): void {
    const permit = this.permit;
    this.permit = undefined;
    permit?.release();
  }

  progress(pct: number, message?: string): void {
    if (!this.settled) this.host.reportProgress(this, pct, message);
  }

  artifact(part: ArtifactPart): void {
    if (!this.settled) this.host.reportArtifact(this, part);
  }

  servedBy(where: string): void {
    if (!this.settled) this.servedByName = where;
  }

  requestInput(question: string): Promise<unknown> {
    return this.host.pauseForInput(this, question);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0 && !this.abortedWith) return Promise.resolve();
    return this.host.sleep(ms, this.signal);
  }

  now(): number {
    return this.host.now();
  }
}
