export type OrchestrationErrorCode =
  /** No run with that id (never started, or evicted beyond RUN_RETENTION). */
  | 'RUN_NOT_FOUND'
  /** A `cursor` the list did not hand out. */
  | 'INVALID_CURSOR'
  /** The host is shutting down and accepts no new run. */
  | 'SHUTTING_DOWN'
  /** Running runs already hold the memory budget (RUN_MEMORY_BUDGET_BYTES): try again when some finish. */
  | 'HOST_BUSY'
  /** The run alone would need more than the whole memory budget: it can never be held. */
  | 'RUN_TOO_LARGE';

/** A refused request to the host's run manager, with a stable code. */
export class OrchestrationError extends Error {
  constructor(
    readonly code: OrchestrationErrorCode,
    message: string,
    /** For HOST_BUSY: when a retry may succeed, in seconds (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'OrchestrationError';
  }
}
