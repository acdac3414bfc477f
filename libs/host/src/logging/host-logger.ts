import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LogLevelName } from '@a2a-mcp/orchestration';

/** Nest's start-up chatter: module loading, routes, "application started", and the boot error it logs before rethrowing. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'ExceptionHandler']);

const NEST_LEVELS: Record<LogLevelName, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * The host's logger for LOG_LEVEL. Below `debug` it leaves out Nest's start-up lines (the host prints
 * one "listening on" line itself) and the boot error Nest logs with its stack: the caller reports
 * that error in one line (see runHost).
 */
export class HostLogger extends ConsoleLogger {
  private readonly bootLines: boolean;

  constructor(level: LogLevelName) {
    super({ logLevels: NEST_LEVELS[level] });
    this.bootLines = level === 'debug';
  }

  override log(message: unknown, ...rest: unknown[]): void {
    if (this.isBootLine(rest)) return;
    super.log(message, ...rest);
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (this.isBootLine(rest)) return;
    super.error(message, ...rest);
  }

  /** Nest passes the context as the last argument. */
  private isBootLine(rest: unknown[]): boolean {
    const context = rest[rest.length - 1];
    return !this.bootLines && typeof context === 'string' && BOOT_CONTEXTS.has(context);
  }
}
