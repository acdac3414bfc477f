export type OrchestrationErrorCode =
  /** No run with that id (never started, deleted beyond RUN_RETENTION, or another tenant's). */
  | 'RUN_NOT_FOUND'
  /** A `cursor` the list did not hand out. */
  | 'INVALID_CURSOR'
  /** The host is shutting down and accepts no new run. */
  | 'SHUTTING_DOWN'
  /** Running runs already hold the memory budget (RUN_MEMORY_BUDGET_BYTES): try again when some finish. */
  | 'HOST_BUSY'
  /** The run alone would need more than the whole memory budget: it can never be held. */
  | 'RUN_TOO_LARGE'
  /** The run is running on another replica (its lease): a command for it goes there, or waits for the lease to move. */
  | 'RUN_ELSEWHERE';

/** A refused request to the host's run manager, with a stable code. */
export class OrchestrationError extends Error {
  constructor(
    readonly code: OrchestrationErrorCode,
    message: string,
    /** For HOST_BUSY and RUN_ELSEWHERE: when a retry may succeed, in seconds (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'OrchestrationError';
  }
}
