import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { isLoopbackHost } from '@a2a-mcp/orchestration';
import { loadDotEnv } from './config/dot-env';
import { startApp, type StartAppOptions } from './create-app';
import { DOCS_PATH } from './swagger';

export interface HostIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  exit(code: number): void;
}

export interface RunHostOptions extends StartAppOptions {
  /** Names the program in its messages; default "a2a-mcp host". */
  name?: string;
  /** The `.env` file to load first (variables already set win); default `.env` in the working directory; false: none. */
  envFile?: string | false;
  /** Default: the process's stdout, stderr and exit. */
  io?: HostIo;
}

const processIo: HostIo = { stdout: process.stdout, stderr: process.stderr, exit: (code) => process.exit(code) };

/**
 * A host's `main`: loads `.env`, starts the app on HOST and PORT and prints one "listening on" line. A bad
 * environment (or any start-up error) prints one line — program, error code, message — on stderr,
 * no stack trace, and exits 1.
 */
export async function runHost(options: RunHostOptions = {}): Promise<INestApplication | undefined> {
  const { name = 'a2a-mcp host', envFile, io = processIo, ...appOptions } = options;
  try {
    if (envFile !== false) loadDotEnv({ path: envFile });
    const { app, port, url } = await startApp(appOptions);
    // This machine reaches a loopback or an every-interface listener as localhost; a specific HOST by its own address.
    const bound = (app.getHttpServer().address() as AddressInfo).address;
    const base = isLoopbackHost(bound) || bound === '0.0.0.0' || bound === '::' ? `http://localhost:${port}` : url;
    io.stdout.write(`${name} listening on ${base} — API docs ${base}/${DOCS_PATH}\n`);
    return app;
  } catch (error) {
    io.stderr.write(`${name}: ${describeError(error)}\n`);
    io.exit(1);
    return undefined;
  }
}

/** "[CODE] message" for the errors that carry a code (every configuration error does). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `[${code}] ${error.message}` : error.message;
}
