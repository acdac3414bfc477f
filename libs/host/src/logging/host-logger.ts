import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';
import type { LogLevelName } from '@a2a-mcp/orchestration';
import { isPretty, prettyDestination, type LogDestination, type LogFormatName } from './log-output';
import { toLogEntry } from './log-entry';
import { activeTraceFields } from './trace-fields';

/** Nest's start-up chatter: module loading, routes, "application started", and the boot error it logs before rethrowing. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'ExceptionHandler']);

export interface HostLoggerOptions {
  /** LOG_FORMAT; default `auto` (pretty when the destination is a terminal, JSON lines otherwise). */
  format?: LogFormatName;
  /** Default process.stdout. */
  destination?: LogDestination;
}

/**
 * The host's logger (Nest's LoggerService on pino) for LOG_LEVEL and LOG_FORMAT: one JSON object per
 * line — level, time, context, msg, the fields a caller passes (runId, taskId, ...) and the active
 * span's trace_id/span_id — or human lines on a terminal. Below `debug` it leaves out Nest's start-up
 * lines (the host prints one "listening on" line itself) and the boot error Nest logs with its stack:
 * the caller reports that error in one line (see runHost).
 */
export class HostLogger implements LoggerService {
  private readonly pino: PinoLogger;
  private readonly bootLines: boolean;

  constructor(level: LogLevelName, options: HostLoggerOptions = {}) {
    const { format = 'auto', destination = process.stdout } = options;
    this.bootLines = level === 'debug';
    this.pino = pino(
      {
        level,
        // No pid/hostname on every line: the process's supervisor labels its output.
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: activeTraceFields,
      },
      isPretty(format, destination) ? prettyDestination(destination) : destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug', message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const { fields, msg } = toLogEntry(message, rest, level === 'error' || level === 'fatal');
    if (!this.bootLines && typeof fields.context === 'string' && BOOT_CONTEXTS.has(fields.context)) return;
    this.pino[level](fields, msg);
  }
}
