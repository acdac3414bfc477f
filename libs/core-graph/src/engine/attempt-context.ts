import { TimerHandle } from '../clock/clock';
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
 * A class (not a closure bag) so that a zero-work task allocates one object, not six functions.
 */
export class AttemptContext implements TaskContext {
  readonly runId: string;
  /** Set once the attempt's outcome is decided; later replies from the agent are ignored. */
  settled = false;
  timer: TimerHandle | undefined;
  /** When the timeout timer was (re)armed and how long it had to run, to suspend it while paused. */
  timerArmedAt = 0;
  timerBudgetMs = 0;
  /** Per-attempt controller, only when the attempt can be aborted on its own (timeouts). */
  controller: AbortController | undefined;
  unlinkRunSignal: (() => void) | undefined;
  pendingInput: { resolve: (answer: unknown) => void; reject: (error: unknown) => void } | undefined;

  constructor(
    private readonly host: AttemptHost,
    readonly taskId: string,
    readonly attempt: number,
    readonly signal: AbortSignal,
  ) {
    this.runId = host.runId;
  }

  /** Built on demand: most agents never read it, and it is a string per attempt. */
  get idempotencyKey(): string {
    return `${this.runId}/${this.taskId}/${this.attempt}`;
  }

  progress(pct: number, message?: string): void {
    if (!this.settled) this.host.reportProgress(this, pct, message);
  }

  artifact(part: ArtifactPart): void {
    if (!this.settled) this.host.reportArtifact(this, part);
  }

  requestInput(question: string): Promise<unknown> {
    return this.host.pauseForInput(this, question);
  }

  sleep(ms: number): Promise<void> {
    return this.host.sleep(ms, this.signal);
  }

  now(): number {
    return this.host.now();
  }
}
