import type { FinalFrame } from '../wire/attempt-frame';

/** The default number of attempts remembered; a re-delivery older than that runs again. */
export const DEFAULT_DEDUP_CAPACITY = 10_000;

export interface DedupClaim {
  /** The attempt's final frame, shared by every delivery of the same idempotency key. */
  outcome: Promise<FinalFrame>;
  /** true: another delivery ran (or runs) the agent; this one only reports the outcome. */
  duplicate: boolean;
}

/**
 * "No task completes twice": keyed by idempotency key, the first delivery of an attempt runs the agent
 * and later deliveries (a broker re-delivery, a retried call) get the same final frame, whether the
 * first is still running or has finished. A bounded LRU of keys, so memory stays flat on a long-lived replica.
 */
export class AttemptDeduplicator {
  private readonly outcomes = new Map<string, Promise<FinalFrame>>();

  constructor(private readonly capacity = DEFAULT_DEDUP_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`dedup capacity must be an integer ≥ 1, got ${capacity}`);
  }

  /** Runs `run` for a new key; for a known key returns the remembered outcome without running anything. */
  claim(key: string, run: () => Promise<FinalFrame>): DedupClaim {
    const known = this.outcomes.get(key);
    if (known !== undefined) {
      // Refresh its place in the LRU order: a key still being re-delivered is a key still in use.
      this.outcomes.delete(key);
      this.outcomes.set(key, known);
      return { outcome: known, duplicate: true };
    }
    const outcome = run();
    this.outcomes.set(key, outcome);
    while (this.outcomes.size > this.capacity) {
      const oldest = this.outcomes.keys().next().value as string;
      this.outcomes.delete(oldest);
    }
    return { outcome, duplicate: false };
  }

  has(key: string): boolean {
    return this.outcomes.has(key);
  }

  get size(): number {
    return this.outcomes.size;
  }
}
