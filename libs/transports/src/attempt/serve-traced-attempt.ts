import type { TaskExecutor } from '@a2a-mcp/core-graph';
import { serveInTraceContext, type TraceCarrier } from '@a2a-mcp/observability';
import type { AttemptRequest } from '../wire/attempt-request';
import { serveAttempt, type AttemptSink, type ServeAttemptOptions } from './serve-attempt';

export interface TracedAttemptOptions extends ServeAttemptOptions {
  /** The transport the attempt came over (nats, grpc), for the span. */
  transport: string;
  /** The caller's trace context (its trace headers or metadata). */
  trace: TraceCarrier;
}

/**
 * `serveAttempt` inside a SERVER span whose parent is the host's agent call, when tracing is on: the
 * agent side of one trace. An error frame marks the span failed.
 */
export function serveTracedAttempt(executor: TaskExecutor, request: AttemptRequest, sink: AttemptSink, options: TracedAttemptOptions): Promise<void> {
  const { transport, trace, ...serveOptions } = options;
  const { task } = request;
  const served = { agent: task.agent, runId: task.runId, taskId: task.taskId, attempt: request.attempt, transport, replicaId: options.replicaId };
  return serveInTraceContext(trace, served, (span) =>
    serveAttempt(
      executor,
      request,
      {
        emit: (frame) => {
          if (frame.kind === 'error') span.fail(frame.code, frame.message);
          sink.emit(frame);
        },
        inputAnswers: sink.inputAnswers,
      },
      serveOptions,
    ),
  );
}
