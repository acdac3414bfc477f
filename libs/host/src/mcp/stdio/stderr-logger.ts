import type { LogLevel } from '@nestjs/common';
import type { LogLevelName } from '@a2a-mcp/orchestration';
import { HostLogger } from '../../logging/host-logger';

/** The host's logger with every line on stderr: over stdio, stdout carries nothing but MCP messages. */
export class StderrLogger extends HostLogger {
  constructor(level: LogLevelName) {
    super(level);
  }

  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}
