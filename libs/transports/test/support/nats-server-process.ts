import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './nats-fixtures';

export const NATS_SERVER_BINARY = '/usr/sbin/nats-server';

export const hasNatsServer = (): boolean => existsSync(NATS_SERVER_BINARY);

export interface NatsServerProcess {
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL) and deletes its config. */
  stop(): Promise<void>;
}

/**
 * A nats-server of its own on a free loopback port, configured with `config` (the server's config
 * syntax, e.g. an authorization block): the shared test server allows anyone in, this one need not.
 */
export async function startNatsServer(config: string): Promise<NatsServerProcess> {
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'a2a-nats-server-'));
  const configFile = join(dir, 'nats.conf');
  writeFileSync(configFile, `listen: 127.0.0.1:${port}\n${config}\n`);
  const child = spawn(NATS_SERVER_BINARY, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `nats://127.0.0.1:${port}`, stop };
}

/** Polls the port until it accepts a TCP connection; fails if the process exits first (a bad config). */
async function untilListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`nats-server did not listen on port ${port}: ${stderr()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
