export type OrchestrationErrorCode =
  /** No run with that id (never started, or evicted beyond RUN_RETENTION). */
  | 'RUN_NOT_FOUND'
  /** A `cursor` the list did not hand out. */
  | 'INVALID_CURSOR'
  /** The host is shutting down and accepts no new run. */
  | 'SHUTTING_DOWN';

/** A refused request to the host's run manager, with a stable code. */
export class OrchestrationError extends Error {
  constructor(
    readonly code: OrchestrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OrchestrationError';
  }
}
