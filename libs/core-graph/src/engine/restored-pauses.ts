/** A task that was paused when the run's previous process stopped: no agent holds it any more. */
export interface RestoredPause {
  /** The attempt that asked; answering sends it again under this number. */
  readonly attempt: number;
  /** Answered; waits for a slot of the shared pool. */
  answering: boolean;
}

/**
 * The paused tasks of a run resumed from its log, and the answers given to them. The agent that
 * asked is gone, so an answer re-sends the paused attempt, and that attempt's first `requestInput`
 * gets the answer at once instead of pausing again. Only resumed runs have one of these.
 */
export class RestoredPauses {
  private readonly paused = new Map<string, RestoredPause>();
  private readonly answers = new Map<string, { attempt: number; answer: unknown }>();

  add(taskId: string, attempt: number): void {
    this.paused.set(taskId, { attempt, answering: false });
  }

  get(taskId: string): RestoredPause | undefined {
    return this.paused.get(taskId);
  }

  /** The task goes on: its re-sent attempt will find `answer` at its first request for input. */
  answered(taskId: string, answer: unknown): void {
    const pause = this.paused.get(taskId);
    if (!pause) return;
    this.paused.delete(taskId);
    this.answers.set(taskId, { attempt: pause.attempt, answer });
  }

  /** The answer waiting for this attempt's first request for input (removed as it is taken). */
  takeAnswer(taskId: string, attempt: number): { answer: unknown } | undefined {
    const waiting = this.answers.get(taskId);
    if (!waiting || waiting.attempt !== attempt) return undefined;
    this.answers.delete(taskId);
    return { answer: waiting.answer };
  }

  get empty(): boolean {
    return this.paused.size === 0 && this.answers.size === 0;
  }
}
