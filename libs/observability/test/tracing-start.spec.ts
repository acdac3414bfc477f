import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { injectTraceContext, isTracingActive, startTracing, TracingAlreadyStartedError, TracingConfigError } from '../src';

const TRACING_VARIABLES = [
  'ENABLE_OBSERVABILITY',
  'OTEL_SDK_DISABLED',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
];

// The OTLP exporter itself is exercised by the host e2e tests (libs/host/test/tracing): it loads Node's
// http module with a dynamic import(), which Jest's module sandbox refuses, so it runs in real processes.

/** The global API as it is with no SDK: spans do not record, nothing is propagated. */
function apiIsNoop(): boolean {
  const span = trace.getTracer('probe').startSpan('probe');
  const recording = span.isRecording();
  span.end();
  const headers = context.with(trace.setSpan(context.active(), span), () => injectTraceContext({}));
  return !recording && Object.keys(headers).length === 0 && propagation.fields().length === 0;
}

describe('startTracing', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of TRACING_VARIABLES) delete process.env[name];
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('off (no exporter configured) registers nothing: the global API stays a no-op', async () => {
    const handle = startTracing({ serviceName: 'test' });
    expect(handle).toMatchObject({ active: false, reason: expect.stringMatching(/no exporter configured/) });
    expect(isTracingActive()).toBe(false);
    expect(apiIsNoop()).toBe(true);
    await handle.shutdown();
  });

  it.each([
    [{ ENABLE_OBSERVABILITY: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }, 'ENABLE_OBSERVABILITY=false'],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'console' }, 'OTEL_SDK_DISABLED=true'],
  ])('%j switches it off, even with span processors given', async (env, reason) => {
    Object.assign(process.env, env);
    const handle = startTracing({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    expect(handle).toMatchObject({ active: false, reason });
    expect(isTracingActive()).toBe(false);
    expect(apiIsNoop()).toBe(true);
  });

  it('OTEL_TRACES_EXPORTER=none with an endpoint set is off', () => {
    Object.assign(process.env, { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    expect(startTracing()).toMatchObject({ active: false, reason: 'OTEL_TRACES_EXPORTER=none' });
    expect(apiIsNoop()).toBe(true);
  });

  it('a malformed endpoint is a clear error naming the variable, and nothing is registered', () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'localhost 4318';
    expect(() => startTracing()).toThrow(TracingConfigError);
    expect(() => startTracing()).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: "localhost 4318" is not a URL/);
    expect(isTracingActive()).toBe(false);
    expect(apiIsNoop()).toBe(true);
  });

  it('on with span processors: spans record and propagate; shutdown flushes and makes the API a no-op again', async () => {
    const memory = new InMemorySpanExporter();
    const handle = startTracing({ serviceName: 'unit', spanProcessors: [new SimpleSpanProcessor(memory)] });
    try {
      expect(handle).toMatchObject({ active: true, reason: 'span processors given' });
      expect(isTracingActive()).toBe(true);
      expect(() => startTracing({ spanProcessors: [new SimpleSpanProcessor(memory)] })).toThrow(TracingAlreadyStartedError);

      const span = trace.getTracer('unit').startSpan('work');
      const headers = context.with(trace.setSpan(context.active(), span), () => injectTraceContext({}));
      // Async work keeps its context (the AsyncLocalStorage context manager).
      const seenLater = await context.with(trace.setSpan(context.active(), span), async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return trace.getActiveSpan()?.spanContext().spanId;
      });
      span.end();
      // The resource's host and process attributes are detected asynchronously: export waits for them.
      await handle.forceFlush();
      expect(headers.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      expect(seenLater).toBe(span.spanContext().spanId);
      expect(memory.getFinishedSpans().map((finished) => finished.name)).toEqual(['work']);
      expect(memory.getFinishedSpans()[0].resource.attributes['service.name']).toBe('unit');
    } finally {
      await handle.shutdown();
    }
    expect(isTracingActive()).toBe(false);
    expect(apiIsNoop()).toBe(true);
    // Started again after a shutdown (a test suite, a restart in process).
    const again = startTracing({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    expect(again.active).toBe(true);
    await again.shutdown();
    await again.shutdown();
  });
});
