import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The ids a log line shares with the trace it was written in (names as OpenTelemetry's log data model has them). */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * `trace_id` and `span_id` of the span active where the line is logged; nothing when tracing is off or
 * no span is active (the API's no-op context answers at once, so this costs nothing then).
 */
export function activeTraceFields(): TraceFields {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
