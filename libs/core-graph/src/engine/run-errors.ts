export type RunErrorCode =
  | 'UNKNOWN_TASK'
  | 'NOT_PAUSED'
  | 'RUN_FINISHED'
  // resumeWorkflow refuses a log it cannot continue (see resume-log.ts):
  | 'RESUME_EMPTY_LOG'
  | 'RESUME_NO_START'
  | 'RESUME_SEQ_GAP'
  | 'RESUME_RUN_MISMATCH'
  | 'RESUME_UNKNOWN_TASK'
  | 'RESUME_BAD_EVENT';

/** A refused command on a run (resume, modify after the end...), or a log a run cannot be resumed from. */
export class RunError extends Error {
  constructor(
    readonly code: RunErrorCode,
    message: string,
    readonly taskId?: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
}
