import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { extractTraceContext, traceHeaderNames } from '@a2a-mcp/observability';

/**
 * Runs each request in the trace context its headers carry (W3C `traceparent`, `tracestate`,
 * `baggage`), so a run the request starts — over the REST API or as an A2A task — is a child of the
 * caller's span and joins its trace. A request without them, or any request while tracing is off (the
 * propagator then names no headers), goes on untouched.
 *
 * Register it after the body parser: the parser calls `next` from the request stream's callbacks, and
 * nothing promises those keep the context a middleware before it would set.
 */
export function traceContextMiddleware(req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void): void {
  const headers = req.headers;
  for (const name of traceHeaderNames()) {
    if (headers[name] !== undefined) {
      context.with(extractTraceContext(headers), next);
      return;
    }
  }
  next();
}
