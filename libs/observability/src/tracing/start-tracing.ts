import { context, propagation, trace, type TracerProvider } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tracingSettingsFromEnv } from './tracing-settings';

export interface StartTracingOptions {
  /** The service's name when neither OTEL_SERVICE_NAME nor `service.name` in OTEL_RESOURCE_ATTRIBUTES gives one. */
  serviceName?: string;
  /** Used instead of the exporter the variables configure (tests: a SimpleSpanProcessor over an InMemorySpanExporter). */
  spanProcessors?: SpanProcessor[];
}

/** The started SDK (or the reason it was not started). */
export interface TracingHandle {
  /** True when this call registered the SDK. */
  readonly active: boolean;
  /** Why tracing is on or off, e.g. `ENABLE_OBSERVABILITY=false`. */
  readonly reason: string;
  /** Exports the spans buffered so far. */
  forceFlush(): Promise<void>;
  /** Flushes and stops the SDK: the OpenTelemetry API is a no-op again. Calling it twice is harmless. */
  shutdown(): Promise<void>;
}

/** startTracing was called while the SDK it started before is still running. */
export class TracingAlreadyStartedError extends Error {
  readonly code = 'TRACING_ALREADY_STARTED' as const;

  constructor() {
    super('tracing is already started in this process: shut the running SDK down first');
    this.name = 'TracingAlreadyStartedError';
  }
}

let running: TracingHandle | undefined;

/** True while an SDK started by startTracing is registered (the lead's wiring registers the RunTracer then). */
export function isTracingActive(): boolean {
  return running !== undefined;
}

/** Flushes and stops the running SDK, if any (e.g. from an application shutdown hook). */
export function shutdownTracing(): Promise<void> {
  return running?.shutdown() ?? Promise.resolve();
}

const doNothing = (): Promise<void> => Promise.resolve();

/**
 * Starts the OpenTelemetry Node SDK for traces, configured by the standard OTEL_* variables (see
 * tracingSettingsFromEnv for when it starts at all, and the README's "Tracing" section): an OTLP exporter
 * (OTEL_EXPORTER_OTLP_ENDPOINT, http/protobuf by default) behind a batch processor, OTEL_TRACES_SAMPLER,
 * W3C tracecontext + baggage propagation (OTEL_PROPAGATORS) and an AsyncLocalStorage context manager.
 * No instrumentation packages, no metrics or logs pipelines: metrics are prom-client's.
 *
 * Call it before the application's modules load. Off, it loads nothing (the SDK's modules take ~0.4 s
 * to load) and registers nothing. Throws TracingConfigError for a bad variable, naming it.
 */
export function startTracing(options: StartTracingOptions = {}): TracingHandle {
  const settings = tracingSettingsFromEnv(process.env, { hasProcessors: (options.spanProcessors?.length ?? 0) > 0 });
  if (!settings.enabled) return { active: false, reason: settings.reason, forceFlush: doNothing, shutdown: doNothing };
  if (running !== undefined) throw new TracingAlreadyStartedError();

  // Loaded here, not at the top: a process with tracing off never pays for the SDK's modules.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk: NodeSDK = new Sdk({
    serviceName: serviceNameOf(process.env, options.serviceName),
    // Undefined: the exporter(s) from OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_*.
    spanProcessors: options.spanProcessors,
    contextManager: new AsyncLocalStorageContextManager(),
    // Empty, not undefined: the SDK would otherwise start OTLP metric and log exporters of its own.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  let stopped: Promise<void> | undefined;
  const handle: TracingHandle = {
    active: true,
    reason: settings.reason,
    forceFlush: async () => {
      if (stopped === undefined) await flushable(trace.getTracerProvider())?.forceFlush();
    },
    shutdown: () =>
      (stopped ??= sdk.shutdown().finally(() => {
        if (running === handle) running = undefined;
        trace.disable();
        propagation.disable();
        context.disable();
      })),
  };
  running = handle;
  return handle;
}

/** Our default name unless the environment names the service (the SDK's resource detector reads it then). */
function serviceNameOf(env: NodeJS.ProcessEnv, fallback: string | undefined): string | undefined {
  if (env.OTEL_SERVICE_NAME?.trim()) return undefined;
  if (/(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '')) return undefined;
  return fallback;
}

/** The SDK's provider behind the API's proxy, when it can flush. */
function flushable(provider: TracerProvider): { forceFlush(): Promise<void> } | undefined {
  const delegate = (provider as { getDelegate?: () => TracerProvider }).getDelegate?.() ?? provider;
  const candidate = delegate as { forceFlush?: () => Promise<void> };
  return typeof candidate.forceFlush === 'function' ? (candidate as { forceFlush(): Promise<void> }) : undefined;
}
