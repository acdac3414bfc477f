import { resolve } from 'node:path';
import type { McpStdioServer } from '../../../src';

/** The committed example server (examples/mcp-server), run by plain node as the host would. */
export const TEXT_TOOLS_SERVER = resolve(__dirname, '../../../../../examples/mcp-server/text-tools-server.js');
/** The failure-test server beside this file: paged tool list, a tool that waits, one that crashes. */
export const FIXTURE_SERVER = resolve(__dirname, 'fixture-server.js');

export function stdioEntry(name: string, script: string): McpStdioServer {
  return { name, command: process.execPath, args: [script] };
}

/** The lines a stdio server wrote to stderr, with a wait for them to appear (no sleeps). */
export class StderrLines {
  readonly lines: string[] = [];
  private waiters: { ready: () => boolean; resolve: () => void }[] = [];

  readonly onStderr = (line: string): void => {
    this.lines.push(line);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.ready()) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Resolves once `count` lines matching `pattern` have been written (at once if they already were). */
  waitFor(pattern: RegExp, count = 1): Promise<void> {
    const ready = (): boolean => this.count(pattern) >= count;
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  count(pattern: RegExp): number {
    return this.lines.filter((line) => pattern.test(line)).length;
  }
}
