import { join } from 'node:path';
import type { Clock } from '@a2a-mcp/core-graph';
import type { CliIo, OutputStream } from '../../src/cli-io';
import { main } from '../../src/main';

/** An in-memory stream that may pretend to be a terminal. */
export class MemoryStream implements OutputStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}

  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface FakeIo extends CliIo {
  stdout: MemoryStream;
  stderr: MemoryStream;
  /** Simulates Ctrl-C: calls the listener the CLI registered, if any. */
  interrupt(): void;
}

export interface FakeIoOptions {
  tty?: boolean;
  columns?: number;
  env?: Record<string, string>;
  /** The clock embedded runs time their tasks on (a VirtualClock makes makespans independent of load). */
  clock?: Clock;
}

export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  let listener: (() => void) | undefined;
  return {
    stdout: new MemoryStream(options.tty ?? false, options.columns),
    stderr: new MemoryStream(options.tty ?? false, options.columns),
    env: options.env ?? {},
    clock: options.clock,
    onInterrupt: (onInterrupt) => {
      listener = onInterrupt;
      return () => (listener = undefined);
    },
    interrupt: () => listener?.(),
  };
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with fake streams. */
export async function runCli(argv: string[], options: FakeIoOptions = {}): Promise<CliOutcome> {
  const io = fakeIo(options);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

/** The repository's examples/ folder, found from this file (never an absolute path). */
export function examplePath(name: string): string {
  return join(__dirname, '..', '..', '..', '..', 'examples', name);
}

export function fixturePath(name: string): string {
  return join(__dirname, '..', 'fixtures', name);
}
