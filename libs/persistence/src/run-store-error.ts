/**
 * Why a store refused or failed an operation:
 * - STORE_UNAVAILABLE: the database failed (connection lost, disk full, ...); the message says how.
 * - STORE_CLOSED / STORE_NOT_INITIALIZED: a call after close() or before init().
 * - RUN_NOT_FOUND: an append or snapshot for a run with no record.
 * - RUN_EXISTS: createRun with an id already recorded.
 * - SEQ_CONFLICT: an append whose seq is already stored or would leave a gap (another replica writes the run).
 * - RUN_FINISHED: an append after the run's `workflow_complete`: a run completes exactly once.
 * - NOT_SERIALIZABLE: an event, plan, settings or state JSON.stringify cannot write (a BigInt, a cycle).
 */
export type RunStoreErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'STORE_CLOSED'
  | 'STORE_NOT_INITIALIZED'
  | 'RUN_NOT_FOUND'
  | 'RUN_EXISTS'
  | 'SEQ_CONFLICT'
  | 'RUN_FINISHED'
  | 'NOT_SERIALIZABLE';

export class RunStoreError extends Error {
  constructor(
    readonly code: RunStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RunStoreError';
  }
}

/** A driver's failure as a RunStoreError (kept as the cause); a RunStoreError passes through. */
export function unavailable(what: string, error: unknown): RunStoreError {
  if (error instanceof RunStoreError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RunStoreError('STORE_UNAVAILABLE', `${what} failed: ${reason}`, { cause: error });
}
