import 'reflect-metadata';
import { startTracing, type TracingHandle } from '@a2a-mcp/observability';
import type * as Settings from './replica-settings';
import type * as Replica from './start-replica';

const name = 'a2a-mcp demo agents';

// Tracing starts before Nest loads (the modules below bring it in), so the attempts served over NATS
// and gRPC join the host's traces when OTEL_* configure an exporter.
let tracing: TracingHandle;
try {
  tracing = startTracing({ serviceName: 'a2a-mcp-demo-agents' });
} catch (error) {
  fail(error);
}
/* eslint-disable @typescript-eslint/no-require-imports */
const { replicaSettingsFromEnv } = require('./replica-settings') as typeof Settings;
const { startReplica } = require('./start-replica') as typeof Replica;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * One replica of the demo agents as a separate service: NATS (discovered by hosts with
 * AGENTS_MODE=remote|both) and gRPC (for AGENTS_CONFIG pins) at once. Prints one line at start;
 * a bad variable or a failed start is one line on stderr and exit 1; SIGTERM/SIGINT stop it gracefully.
 */
async function main(): Promise<void> {
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
        // The spans of the last attempts are flushed before the process ends.
        () => tracing.shutdown().finally(() => process.exit(0)),
        (error: unknown) => {
          process.stderr.write(`${name}: ${signal}: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
          void tracing.shutdown().finally(() => process.exit(1));
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    await tracing.shutdown().catch(() => undefined);
    fail(error);
  }
}

/** One line on stderr (the error's code and message, no stack trace), then exit 1. */
function fail(error: unknown): never {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${name}: ${typeof code === 'string' ? `[${code}] ` : ''}${message}\n`);
  process.exit(1);
}

void main();
