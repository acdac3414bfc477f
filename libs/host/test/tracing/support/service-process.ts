import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..', '..');
/** The built programs (the host's test target builds them first), spawned as `npm start` and `npm run start:agents` run them. */
export const ORCHESTRATOR_MAIN = join(root, 'apps', 'orchestrator', 'dist', 'main.js');
export const DEMO_AGENTS_MAIN = join(root, 'apps', 'demo-agents', 'dist', 'main.js');

export interface ServiceProcess {
  /** The start line's match. */
  ready: RegExpExecArray;
  output(): string;
  /** Sends `signal` and resolves with the exit code once the process has ended (its spans flushed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
  /** The text of a `.env` file in its working directory (default: none). */
  dotEnv?: string;
  timeoutMs?: number;
}

/**
 * Starts a built program over a clean environment (PATH and `env` only) in a working directory of its
 * own, and resolves when its output matches `ready`.
 */
export function spawnService(main: string, env: Record<string, string>, ready: RegExp, options: SpawnOptions = {}): Promise<ServiceProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const cwd = mkdtempSync(join(tmpdir(), 'a2a-mcp-tracing-'));
  if (options.dotEnv !== undefined) writeFileSync(join(cwd, '.env'), options.dotEnv);
  const child: ChildProcess = spawn(process.execPath, [main], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${main} did not start within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    let started = false;
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      const match = started ? null : ready.exec(printed);
      if (match === null) return;
      started = true;
      clearTimeout(timer);
      resolve({
        ready: match,
        output: () => printed,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${main} exited (${code}) before it started:\n${printed}`));
    });
  });
}
