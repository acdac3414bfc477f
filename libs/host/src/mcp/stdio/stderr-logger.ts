import type { LogLevelName } from '@a2a-mcp/orchestration';
import { HostLogger } from '../../logging/host-logger';
import type { LogFormatName } from '../../logging/log-output';

/** The host's logger with every line on stderr: over stdio, stdout carries nothing but MCP messages. */
export class StderrLogger extends HostLogger {
  constructor(level: LogLevelName, format: LogFormatName = 'auto') {
    super(level, { format, destination: process.stderr });
  }
}
