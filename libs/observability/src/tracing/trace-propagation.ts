import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { SPAN_NAMES, TRACE_ATTRIBUTES, TRACER_NAME } from './trace-names';

// Only @opentelemetry/api here: with no SDK registered every call below is the API's no-op, so the
// transports call these unconditionally and tracing off costs a few allocations per attempt.

/** Trace headers as they travel: `traceparent`, `tracestate`, `baggage` (what the registered propagator writes). */
export type TraceHeaders = Record<string, string>;

/** Headers as a transport hands them over: an HTTP request's headers, NATS headers or gRPC metadata read into an object. */
export type TraceCarrier = Readonly<Record<string, string | string[] | undefined>>;

/** Writes the trace headers of `from` (default: the active context) into `headers`; nothing when tracing is off. */
export function injectTraceContext(headers: TraceHeaders = {}, from: Context = context.active()): TraceHeaders {
  propagation.inject(from, headers);
  return headers;
}

/**
 * The remote caller's context from its headers. Extracted onto the root context, never the active one:
 * whatever this process happens to be doing must not become the parent of a remote caller's work.
 */
export function extractTraceContext(carrier: TraceCarrier): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The header names the registered propagator uses (none when tracing is off): what a transport copies. */
export function traceHeaderNames(): string[] {
  return propagation.fields();
}

/** One attempt served for a remote host, as the agent side's span names it. */
export interface ServedAttempt {
  agent: string;
  runId: string;
  taskId: string;
  attempt: number;
  /** nats, grpc. */
  transport: string;
  replicaId?: string;
}

/** What the serving code tells the span: the attempt ended with an error frame. */
export interface ServedAttemptSpan {
  fail(code: string, message: string): void;
}

const UNTRACED: ServedAttemptSpan = { fail: () => undefined };

/**
 * Runs a remote-served attempt inside a SERVER span whose parent is the caller's context from
 * `carrier` (its agent call span), so the agent side joins the run's trace. `serve` runs with that span
 * active (the agent's own calls are its children) and may mark it failed; the span ends when `serve`
 * settles.
 */
export function serveInTraceContext<T>(carrier: TraceCarrier, attempt: ServedAttempt, serve: (span: ServedAttemptSpan) => Promise<T>): Promise<T> {
  const parent = extractTraceContext(carrier);
  const attributes: Record<string, string | number> = {
    [TRACE_ATTRIBUTES.agentName]: attempt.agent,
    [TRACE_ATTRIBUTES.runId]: attempt.runId,
    [TRACE_ATTRIBUTES.taskId]: attempt.taskId,
    [TRACE_ATTRIBUTES.attempt]: attempt.attempt,
    [TRACE_ATTRIBUTES.transport]: attempt.transport,
  };
  if (attempt.replicaId !== undefined) attributes[TRACE_ATTRIBUTES.replicaId] = attempt.replicaId;
  const span = trace.getTracer(TRACER_NAME).startSpan(`${SPAN_NAMES.servedAttempt} ${attempt.agent}`, { kind: SpanKind.SERVER, attributes }, parent);
  const handle: ServedAttemptSpan = span.isRecording() ? { fail: (code, message) => markFailed(span, code, message) } : UNTRACED;
  let served: Promise<T>;
  try {
    served = context.with(trace.setSpan(parent, span), serve, undefined, handle);
  } catch (error) {
    markFailed(span, 'AGENT_ERROR', describe(error));
    span.end();
    throw error;
  }
  return served.then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      markFailed(span, codeOf(error) ?? 'AGENT_ERROR', describe(error));
      span.end();
      throw error;
    },
  );
}

/** Error status with the failure's code as `error.type`. */
export function markFailed(span: Span, code: string, message: string): void {
  span.setAttribute(TRACE_ATTRIBUTES.errorType, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The stable code of a TaskError-like error, if it has one. */
export function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
