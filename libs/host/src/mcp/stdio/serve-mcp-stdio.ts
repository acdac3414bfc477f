import type { Readable, Writable } from 'node:stream';
import type { LogLevel, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { DEFAULT_HOST, validateOrchestratorEnv } from '@a2a-mcp/orchestration';
import { AppModule, type AppModuleOptions } from '../../app.module';
import { loadDotEnv } from '../../config/dot-env';
import { McpServerFactory } from '../mcp-server.factory';
import { StderrLogger } from './stderr-logger';

export interface McpStdioOptions extends AppModuleOptions {
  /** Default process.stdin and process.stdout. */
  stdin?: Readable;
  stdout?: Writable;
  /** Nest's logger; default the host's logger for LOG_LEVEL, writing to stderr only. */
  logger?: LoggerService | LogLevel[] | false;
  /** The `.env` file to load first (variables already set win); default `.env` in the working directory; false: none. */
  envFile?: string | false;
}

export interface McpStdioServer {
  /** Settles once the server has stopped: its input ended (the client went away) or close() was called. */
  readonly closed: Promise<void>;
  /** Stops serving and shuts the host down (running runs get SHUTDOWN_GRACE_MS, as on the HTTP host). */
  close(): Promise<void>;
}

/**
 * The host as an MCP server over stdio (`a2a-mcp mcp`): the host's modules booted in process without an
 * HTTP listener, and the same tools and resources as /mcp on the input and output streams. Nothing else
 * is written to the output. Rejects with OrchestratorConfigError when the environment is invalid.
 */
export async function serveMcpOverStdio(options: McpStdioOptions = {}): Promise<McpStdioServer> {
  const { stdin = process.stdin, stdout = process.stdout, logger, envFile, ...hostOptions } = options;
  if (envFile !== false) loadDotEnv({ path: envFile });
  // Nothing listens here, so HOST (and its refusal of AUTH_MODE=none on a public address) does not apply:
  // the one client is the local user, with no authentication and no tenant.
  const appOptions = { ...hostOptions, env: { ...hostOptions.env, HOST: DEFAULT_HOST } };
  // Checked before Nest starts, so a bad variable is one clear error rather than a logged stack trace.
  const { logLevel, logFormat } = validateOrchestratorEnv({ ...process.env, ...appOptions.env });
  // A Nest application (modules may need the HTTP adapter, as the A2A endpoint does) that never listens:
  // no port, no body parser, no Swagger, and no signal hooks of Nest's own (the caller decides when to close).
  const app = await NestFactory.create(AppModule.register(appOptions), {
    abortOnError: false,
    bodyParser: false,
    logger: logger ?? new StderrLogger(logLevel, logFormat),
  });
  await app.init();
  const server = app.get(McpServerFactory).create();

  let stopped!: () => void;
  const closed = new Promise<void>((resolve) => (stopped = resolve));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stdin.off('end', onEnd);
      stdout.off('error', onEnd);
      try {
        await server.close();
      } finally {
        await app.close();
        stopped();
      }
    })());
  const onEnd = (): void => void close();
  stdin.once('end', onEnd);
  // A client that closed our output cannot hear us any more (EPIPE): stop like on end of input.
  stdout.on('error', onEnd);
  try {
    await server.connect(new StdioServerTransport(stdin, stdout));
  } catch (error) {
    await close();
    throw error;
  }
  return { closed, close };
}
