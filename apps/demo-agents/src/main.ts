import 'reflect-metadata';
import { replicaSettingsFromEnv } from './replica-settings';
import { startReplica } from './start-replica';

/**
 * One replica of the demo agents as a separate service: NATS (discovered by hosts with
 * AGENTS_MODE=remote|both) and gRPC (for AGENTS_CONFIG pins) at once. Prints one line at start;
 * a bad variable or a failed start is one line on stderr and exit 1; SIGTERM/SIGINT stop it gracefully.
 */
async function main(): Promise<void> {
  const name = 'a2a-mcp demo agents';
  try {
    const settings = replicaSettingsFromEnv(process.env);
    const log = (what: string) => (settings.logCompletions ? (key: string) => void process.stdout.write(`${what} ${key}\n`) : undefined);
    const replica = await startReplica({ settings, onStarted: log('started'), onCompleted: log('completed') });
    process.stdout.write(
      `${name}: replica ${replica.replicaId} serving ${replica.agents.length} agents (${replica.agents.join(', ')}) ` +
        `on NATS ${replica.natsUrl} and gRPC ${replica.grpcAddress} (port ${replica.grpcPort}); metrics on port ${replica.metricsPort}\n`,
    );
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      void replica.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${name}: ${signal}: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${typeof code === 'string' ? `[${code}] ` : ''}${message}\n`);
    process.exit(1);
  }
}

void main();
