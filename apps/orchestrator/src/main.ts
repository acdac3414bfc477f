import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTracing, type TracingHandle } from '@a2a-mcp/observability';
import type * as Host from '@a2a-mcp/host';

// The stock host: the demo agents and the simulator, on PORT (default 3000), `.env` loaded first.
const name = 'a2a-mcp orchestrator';

// Tracing starts before Nest and the host load, so it can read OTEL_* from `.env` too. Variables
// already set win; a file that cannot be read is left for runHost to report in its usual way.
try {
  if (existsSync('.env')) process.loadEnvFile('.env');
} catch {
  // runHost loads `.env` again and reports the problem.
}
let tracing: TracingHandle;
try {
  tracing = startTracing({ serviceName: 'a2a-mcp-orchestrator' });
} catch (error) {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`${name}: ${typeof code === 'string' ? `[${code}] ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// Loaded only now: the SDK is registered before any Nest module is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runHost } = require('@a2a-mcp/host') as typeof Host;

void runHost({
  name,
  // The web console's build (apps/web/dist), served at / when it was built.
  webRoot: join(__dirname, '..', '..', 'web', 'dist'),
  io: {
    stdout: process.stdout,
    stderr: process.stderr,
    // A failed start still sends the spans it made.
    exit: (code) => void tracing.shutdown().finally(() => process.exit(code)),
  },
}).then((app) => {
  if (app !== undefined && tracing.active) flushBeforeExit(tracing);
});

/**
 * Nest's shutdown hooks close the app on SIGTERM or SIGINT; then either the event loop runs dry (the
 * process would end quietly) or Nest raises the signal again. The spans are flushed in both cases:
 * on `beforeExit`, and by a signal listener that lets the first signal through to Nest.
 */
function flushBeforeExit(handle: TracingHandle): void {
  // The exporter's requests keep the loop alive until the flush is done.
  process.once('beforeExit', () => void handle.shutdown());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return; // the app is still closing
      process.removeListener(signal, onSignal);
      void handle.shutdown().finally(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}
