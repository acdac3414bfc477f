export const PROGRAM = 'a2a-mcp';
export const USAGE_HINT = `Run '${PROGRAM} help' for usage.`;

/** Bad input from the user (arguments, plan file): exit code 2 and one line on stderr. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

export const EXIT_OK = 0;
/** The run failed, completed partially or was cancelled. */
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** The message of anything thrown. Duck-typed: errors from another realm (Node internals under Jest) fail `instanceof Error`. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
