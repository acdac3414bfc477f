import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The built app, as `npm run start:agents` runs it (the test target builds it first). */
export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

export interface ReplicaProcess {
  child: ChildProcess;
  replicaId: string;
  grpcAddress: string;
  /** Everything it printed so far. */
  output(): string;
  /** Idempotency keys it printed as `started <key>` / `completed <key>` (LOG_LEVEL=debug). */
  started(): string[];
  completed(): string[];
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts one replica of the built app with `env` over a clean environment; resolves at its start line. */
export function spawnReplica(replicaId: string, env: Record<string, string>): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      AGENTS_REPLICA_ID: replicaId,
      AGENTS_GRPC_PORT: '0',
      METRICS_PORT: '0',
      AGENTS_GRPC_HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const keys = (what: string): string[] => [...printed.matchAll(new RegExp(`^${what} (\\S+)$`, 'gm'))].map((match) => match[1]);
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      const line = /gRPC (\S+) \(port \d+\)/.exec(printed);
      if (line === null) return;
      child.stdout?.off('data', seen);
      child.stdout?.on('data', (more: Buffer) => (printed += more.toString()));
      resolve({
        child,
        replicaId,
        grpcAddress: line[1],
        output: () => printed,
        started: () => keys('started'),
        completed: () => keys('completed'),
        exited,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    void exited.then((code) => reject(new Error(`replica ${replicaId} exited (${code}) before it started:\n${printed}`)));
  });
}
