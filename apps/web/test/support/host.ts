import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const main = join(repoRoot, 'apps', 'orchestrator', 'dist', 'main.js');
const webDist = join(repoRoot, 'apps', 'web', 'dist', 'index.html');

export interface Host {
  /** e.g. http://localhost:41234 — the console is at `${url}/`. */
  url: string;
  /** Everything the host printed, for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

/**
 * The built orchestrator (`npm start`), serving the built console from apps/web/dist, on a free port
 * (PORT=0), with runs in memory. Started in an empty folder, so no .env of the checkout applies.
 */
export async function startHost(env: Record<string, string> = {}): Promise<Host> {
  if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run orchestrator:build)`);
  if (!existsSync(webDist)) throw new Error(`${webDist} is missing: build the console first (npx nx run web:build)`);
  const cwd = mkdtempSync(join(tmpdir(), 'web-e2e-'));
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', RUN_STORE: 'memory', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const seen = (): void => {
      const match = /listening on (http:\/\/[^\s]+?:\d+)/.exec(printed);
      if (match !== null) {
        child.stdout?.off('data', seen);
        child.stderr?.off('data', seen);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${printed}`)));
  });

  return {
    url,
    output: () => printed,
    close: async () => {
      await stop(child, exited);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
