import type { Clock } from '@a2a-mcp/core-graph';

/** The slice of a writable stream the CLI needs; tests pass an in-memory fake. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width; absent when the stream is not a terminal. */
  readonly columns?: number;
}

/** Everything the CLI touches outside itself, so `main()` runs in-process with fakes as well. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Calls `listener` on the next interrupt (Ctrl-C); returns the function that stops listening. */
  onInterrupt?: (listener: () => void) => () => void;
  /** The clock embedded runs time their tasks on; absent: real time. Tests pass a VirtualClock so load cannot change a makespan. */
  clock?: Clock;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt: (listener) => {
      // `once`: a second Ctrl-C falls back to Node's default and ends the process at once.
      process.once('SIGINT', listener);
      return () => process.removeListener('SIGINT', listener);
    },
  };
}

/** Width to lay text out in on a terminal: its own, else $COLUMNS. Pipes and files get no limit. */
export function widthOf(stream: OutputStream, env: CliIo['env']): number | undefined {
  if (stream.isTTY !== true) return undefined;
  if (stream.columns !== undefined && stream.columns > 0) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
}
