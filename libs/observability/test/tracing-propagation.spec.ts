import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { extractTraceContext, injectTraceContext, serveInTraceContext, startTracing, TRACE_ATTRIBUTES as A, traceHeaderNames, type TracingHandle } from '../src';

const served = { agent: 'payment_processor', runId: 'run-1', taskId: 'pay', attempt: 2, transport: 'nats', replicaId: 'replica-a' };

describe('trace propagation helpers', () => {
  describe('with tracing off', () => {
    it('inject writes nothing, extract gives the root context, and serving runs the work unchanged', async () => {
      expect(injectTraceContext({})).toEqual({});
      expect(traceHeaderNames()).toEqual([]);
      const extracted = extractTraceContext({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      expect(trace.getSpanContext(extracted)).toBeUndefined();
      const failures: string[] = [];
      const result = await serveInTraceContext({}, served, async (span) => {
        span.fail('X', 'ignored');
        failures.push('called');
        return 42;
      });
      expect(result).toBe(42);
      expect(failures).toEqual(['called']);
    });
  });

  describe('with tracing on', () => {
    const memory = new InMemorySpanExporter();
    let tracing: TracingHandle;
    beforeAll(() => {
      delete process.env.ENABLE_OBSERVABILITY;
      delete process.env.OTEL_SDK_DISABLED;
      tracing = startTracing({ spanProcessors: [new SimpleSpanProcessor(memory)] });
    });
    afterAll(() => tracing.shutdown());
    beforeEach(() => memory.reset());

    it('injects the active span as traceparent and extracts it back as a remote parent', () => {
      expect(traceHeaderNames()).toEqual(expect.arrayContaining(['traceparent', 'tracestate', 'baggage']));
      const span = trace.getTracer('t').startSpan('caller');
      const headers = context.with(trace.setSpan(context.active(), span), () => injectTraceContext());
      span.end();
      const { traceId, spanId } = span.spanContext();
      expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      expect(trace.getSpanContext(extractTraceContext(headers))).toMatchObject({ traceId, spanId, isRemote: true });
    });

    it("serves in a SERVER span whose parent is the carrier's span, never the span active in this process", async () => {
      const caller = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
      const bystander = trace.getTracer('t').startSpan('unrelated work in this process');
      let activeInside: string | undefined;
      const output = await context.with(trace.setSpan(context.active(), bystander), () =>
        serveInTraceContext({ traceparent: `00-${caller.traceId}-${caller.spanId}-01`, tracestate: 'vendor=1' }, served, async () => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          activeInside = trace.getActiveSpan()?.spanContext().spanId;
          return 'done';
        }),
      );
      bystander.end();
      await tracing.forceFlush();
      expect(output).toBe('done');
      const [span] = memory.getFinishedSpans().filter((finished) => finished.kind === SpanKind.SERVER);
      expect(span.name).toBe('serve_attempt payment_processor');
      expect(span.spanContext().traceId).toBe(caller.traceId);
      expect(span.parentSpanContext).toMatchObject({ spanId: caller.spanId, isRemote: true });
      expect(span.spanContext().traceState?.get('vendor')).toBe('1');
      expect(activeInside).toBe(span.spanContext().spanId);
      expect(span.attributes).toMatchObject({
        [A.agentName]: 'payment_processor',
        [A.runId]: 'run-1',
        [A.taskId]: 'pay',
        [A.attempt]: 2,
        [A.transport]: 'nats',
        [A.replicaId]: 'replica-a',
      });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    });

    it('marks the span failed when the work says so or rejects; without a carrier it starts a new trace', async () => {
      await serveInTraceContext({}, served, async (span) => span.fail('TASK_TIMEOUT', 'passed its deadline'));
      await expect(serveInTraceContext({}, { ...served, taskId: 'boom' }, () => Promise.reject(Object.assign(new Error('exploded'), { code: 'AGENT_ERROR' })))).rejects.toThrow(
        'exploded',
      );
      await tracing.forceFlush();
      const spans = memory.getFinishedSpans();
      expect(spans.map((span) => [span.attributes[A.taskId], span.attributes[A.errorType], span.status])).toEqual([
        ['pay', 'TASK_TIMEOUT', { code: SpanStatusCode.ERROR, message: 'passed its deadline' }],
        ['boom', 'AGENT_ERROR', { code: SpanStatusCode.ERROR, message: 'exploded' }],
      ]);
      for (const span of spans) expect(span.parentSpanContext).toBeUndefined();
      expect(spans[0].spanContext().traceId).not.toBe(spans[1].spanContext().traceId);
    });
  });
});
