export type RunErrorCode = 'UNKNOWN_TASK' | 'NOT_PAUSED' | 'RUN_FINISHED';

/** A refused command on a run (resume, modify after the end...). The run itself goes on. */
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
