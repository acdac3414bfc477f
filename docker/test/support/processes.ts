import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from './stack-files';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A child process of the test, with everything it printed (for failure messages). */
export interface Started {
  name: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command` from the repository root; resolves once its output matches `ready` (else once it runs). */
export function startProcess(options: { name: string; command: string; args: string[]; env?: NodeJS.ProcessEnv; ready?: RegExp; timeoutMs?: number }): Promise<Started> {
  const { name, command, args, env = {}, ready, timeoutMs = 60_000 } = options;
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started: Started = {
    name,
    child,
    output: () => printed,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      if (ready?.test(printed)) {
        clearTimeout(timer);
        resolve(started);
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    if (ready === undefined) {
      child.once('spawn', () => {
        clearTimeout(timer);
        resolve(started);
      });
    }
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name} did not start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${printed}`));
    });
  });
}

/** Polls `probe` until it returns a value (not undefined); the last failure is in the error. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
