import { context, SpanKind, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type {
  TaskCompleteEvent,
  TaskContext,
  TaskExecutor,
  TaskRequest,
  TaskStartEvent,
  WorkflowCompleteEvent,
  WorkflowEvent,
  WorkflowStartEvent,
} from '@a2a-mcp/core-graph';
import type { RunObserver, TransportOf } from '../observer';
import { SPAN_NAMES, TRACE_ATTRIBUTES, TRACER_NAME } from './trace-names';
import { codeOf, describe, markFailed } from './trace-propagation';

export interface RunTracerOptions {
  /** Default: the global tracer provider's tracer for this library (a no-op until tracing starts). */
  tracer?: Tracer;
  /** Names the transport an agent is reached over, for the agent call spans. */
  transportOf?: TransportOf;
}

interface AttemptTrace {
  span: Span;
  /** The context with the attempt span active: the parent of its agent call. */
  context: Context;
  attempt: number;
}

interface RunTrace {
  span: Span;
  /** The context with the run span active: the parent of its attempts. */
  context: Context;
  taskCount: number;
  /**
   * False when the sampler dropped the run's trace: its attempts and calls would be dropped too
   * (every standard sampler decides per trace), so they are not made; agent calls still run in the
   * run's context, so remote agents see the trace as not sampled and drop their spans as well.
   */
  recording: boolean;
  /** The open attempt of each task (a task runs one attempt at a time). */
  attempts: Map<string, AttemptTrace>;
}

const A = TRACE_ATTRIBUTES;

/**
 * Traces runs from their events: a span per run (workflow_start → workflow_complete), a span per task
 * attempt (task_start → its outcome) as the run span's child, and, in `wrapExecutor`, a CLIENT span per
 * agent call as the attempt span's child, active while the agent runs so a transport propagates it.
 *
 * The run span's parent is the context active when the run starts: an HTTP request carrying
 * `traceparent` (or an A2A call) makes the run part of the caller's trace. A finished run leaves
 * nothing behind (its maps are deleted on workflow_complete).
 */
export class RunTracer implements RunObserver {
  private readonly tracer: Tracer;
  private readonly transportOf: TransportOf | undefined;
  private readonly runs = new Map<string, RunTrace>();

  constructor(options: RunTracerOptions = {}) {
    this.tracer = options.tracer ?? trace.getTracer(TRACER_NAME);
    this.transportOf = options.transportOf;
  }

  /** Runs with an open span (finished runs are forgotten). */
  get openRuns(): number {
    return this.runs.size;
  }

  onEvent(event: WorkflowEvent): void {
    // Called synchronously by the engine: a tracing bug must never break a run.
    try {
      this.handle(event);
    } catch {
      // The API does not throw in normal use; a span lost is better than a run lost.
    }
  }

  wrapExecutor(executor: TaskExecutor): TaskExecutor {
    return { execute: (task, ctx) => this.callAgent(executor, task, ctx) };
  }

  private handle(event: WorkflowEvent): void {
    switch (event.type) {
      case 'workflow_start':
        return this.startRun(event);
      case 'task_start':
        return this.startAttempt(event);
      case 'task_complete':
        return this.completeAttempt(event);
      case 'task_retry':
        return this.endAttempt(event.runId, event.taskId, 'retry', event.error.code, event.error.message);
      case 'task_failed':
        return this.endAttempt(event.runId, event.taskId, 'failed', event.error.code, event.error.message);
      case 'task_cancelled':
        return this.endAttempt(event.runId, event.taskId, 'cancelled', undefined, event.reason);
      case 'task_paused': {
        const attempt = this.runs.get(event.runId)?.attempts.get(event.taskId);
        attempt?.span.addEvent('paused', { question: event.question });
        return;
      }
      case 'task_resumed':
        this.runs.get(event.runId)?.attempts.get(event.taskId)?.span.addEvent('resumed');
        return;
      case 'graph_modified': {
        const run = this.runs.get(event.runId);
        if (run !== undefined) run.taskCount += event.addedNodes.length;
        return;
      }
      case 'workflow_complete':
        return this.endRun(event);
      default:
        return;
    }
  }

  private startRun(event: WorkflowStartEvent): void {
    // The caller's context: an incoming request's trace, or none (a new trace).
    const parent = context.active();
    const span = this.tracer.startSpan(
      SPAN_NAMES.run,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [A.runId]: event.runId,
          [A.strategy]: event.strategy,
          [A.taskCount]: event.tasks.length,
          [A.maxConcurrency]: event.maxConcurrency,
        },
      },
      parent,
    );
    this.runs.get(event.runId)?.span.end();
    this.runs.set(event.runId, { span, context: trace.setSpan(parent, span), taskCount: event.tasks.length, recording: span.isRecording(), attempts: new Map() });
  }

  private startAttempt(event: TaskStartEvent): void {
    const run = this.runs.get(event.runId);
    if (run === undefined || !run.recording) return;
    const previous = run.attempts.get(event.taskId);
    if (previous !== undefined) finish(previous.span, 'superseded');
    const parent = run.context;
    const span = this.tracer.startSpan(
      SPAN_NAMES.attempt,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [A.runId]: event.runId,
          [A.taskId]: event.taskId,
          [A.agentName]: event.agent,
          [A.attempt]: event.attempt,
          [A.queueWaitMs]: event.queueWaitMs,
        },
      },
      parent,
    );
    run.attempts.set(event.taskId, { span, context: trace.setSpan(parent, span), attempt: event.attempt });
  }

  private completeAttempt(event: TaskCompleteEvent): void {
    const run = this.runs.get(event.runId);
    const attempt = run?.attempts.get(event.taskId);
    if (run === undefined || attempt === undefined) return;
    run.attempts.delete(event.taskId);
    const span = attempt.span;
    const quality = event.quality;
    if (quality !== undefined) {
      const attributes: Attributes = { [A.qualityScore]: quality.score, [A.qualityApproved]: quality.approved };
      if (quality.domain !== undefined) attributes[A.qualityDomain] = quality.domain;
      span.setAttributes(attributes);
    } else if (event.qualityScore !== undefined) {
      span.setAttribute(A.qualityScore, event.qualityScore);
    }
    if (event.servedBy !== undefined) span.setAttribute(A.servedBy, event.servedBy);
    finish(span, 'completed');
  }

  private endAttempt(runId: string, taskId: string, outcome: string, code: string | undefined, message: string | undefined): void {
    const run = this.runs.get(runId);
    const attempt = run?.attempts.get(taskId);
    if (run === undefined || attempt === undefined) return;
    run.attempts.delete(taskId);
    if (code !== undefined) markFailed(attempt.span, code, message ?? code);
    finish(attempt.span, outcome);
  }

  private endRun(event: WorkflowCompleteEvent): void {
    const run = this.runs.get(event.runId);
    if (run === undefined) return;
    this.runs.delete(event.runId);
    // Attempts the run ended without an outcome event (none in normal runs): closed, not leaked.
    for (const attempt of run.attempts.values()) finish(attempt.span, 'abandoned');
    const result = event.result;
    const span = run.span;
    span.setAttributes({
      [A.runStatus]: result.status,
      [A.strategy]: result.strategy,
      [A.strategyReason]: result.strategyReason,
      [A.taskCount]: run.taskCount,
      [A.makespanMs]: result.makespanMs,
      [A.criticalPathMs]: result.criticalPathMs,
      [A.parallelEfficiency]: result.parallelEfficiency,
      [A.failedTasks]: result.failed.length,
    });
    if (result.status === 'failed') {
      const why = result.stopReason ?? { code: 'RUN_FAILED', message: `failed tasks: ${result.failed.slice(0, 10).join(', ')}` };
      markFailed(span, why.code, why.message);
    }
    span.end();
  }

  private callAgent(executor: TaskExecutor, task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const run = this.runs.get(ctx.runId);
    if (run !== undefined && !run.recording) return context.with(run.context, () => executor.execute(task, ctx));
    const attempt = run?.attempts.get(ctx.taskId);
    // Not a traced attempt (a run started before this tracer, a direct call): the agent runs as is.
    if (attempt === undefined || attempt.attempt !== ctx.attempt) return executor.execute(task, ctx);
    const attributes: Attributes = {
      [A.operationName]: 'invoke_agent',
      [A.agentName]: task.agent,
      [A.runId]: ctx.runId,
      [A.taskId]: ctx.taskId,
      [A.attempt]: ctx.attempt,
    };
    if (this.transportOf !== undefined) attributes[A.transport] = this.transportOf(task.agent);
    const span = this.tracer.startSpan(`${SPAN_NAMES.agentCall} ${task.agent}`, { kind: SpanKind.CLIENT, attributes }, attempt.context);
    let pending: Promise<unknown>;
    try {
      // Active while the agent runs: a transport injects this span's context into its request.
      pending = context.with(trace.setSpan(attempt.context, span), () => executor.execute(task, ctx));
    } catch (error) {
      failCall(span, error);
      throw error;
    }
    return pending.then(
      (output) => {
        span.end();
        return output;
      },
      (error: unknown) => {
        failCall(span, error);
        throw error;
      },
    );
  }
}

function finish(span: Span, outcome: string): void {
  span.setAttribute(A.outcome, outcome);
  span.end();
}

function failCall(span: Span, error: unknown): void {
  const code = codeOf(error) ?? 'AGENT_ERROR';
  // A cancelled or timed-out attempt is the engine's decision, not the agent's error: status unset.
  if (code !== 'TASK_CANCELLED' && code !== 'CANCELLED') markFailed(span, code, describe(error));
  else span.setAttribute(A.errorType, code);
  span.end();
}
