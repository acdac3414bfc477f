import { prettyFactory } from 'pino-pretty';
import type { OrchestratorConfig } from '@a2a-mcp/orchestration';

/** LOG_FORMAT: auto | json | pretty. */
export type LogFormatName = OrchestratorConfig['logFormat'];

/** Where log lines go: process.stdout by default, stderr for the stdio MCP server, a buffer in tests. */
export interface LogDestination {
  write(text: string): unknown;
  /** A terminal gets human lines when LOG_FORMAT is `auto`. */
  isTTY?: boolean;
}

/** `auto` is pretty on a terminal and JSON lines elsewhere (files, pipes, log collectors). */
export function isPretty(format: LogFormatName, destination: LogDestination): boolean {
  return format === 'pretty' || (format === 'auto' && destination.isTTY === true);
}

/**
 * A destination that turns each JSON line into a human one, in the writing call: pino-pretty's
 * formatter without its transport (a worker thread would reorder lines against the host's own output).
 */
export function prettyDestination(destination: LogDestination): LogDestination {
  const prettify = prettyFactory({
    colorize: destination.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // One line per entry; a request's method, path, status and duration are already in its message.
    singleLine: true,
    ignore: 'context,method,path,status,durationMs',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}
