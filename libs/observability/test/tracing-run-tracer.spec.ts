import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { runWorkflow, TaskError, WorkflowGraph, type TaskExecutor, type WorkflowNodeSpec } from '@a2a-mcp/core-graph';
import { extractTraceContext, RunTracer, SPAN_NAMES, startTracing, TRACE_ATTRIBUTES as A, type TracingHandle } from '../src';

const task = (id: string, agent: string, dependencies: string[] = [], extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `do ${id}`,
  agent,
  dependencies,
  ...extra,
});

describe('RunTracer', () => {
  const memory = new InMemorySpanExporter();
  let tracing: TracingHandle;

  beforeAll(() => {
    delete process.env.ENABLE_OBSERVABILITY;
    delete process.env.OTEL_SDK_DISABLED;
    tracing = startTracing({ serviceName: 'run-tracer-test', spanProcessors: [new SimpleSpanProcessor(memory)] });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => memory.reset());

  async function finished(): Promise<ReadableSpan[]> {
    await tracing.forceFlush();
    return memory.getFinishedSpans();
  }

  const named = (spans: ReadableSpan[], name: string): ReadableSpan[] => spans.filter((span) => span.name === name);
  const idOf = (span: ReadableSpan): string => span.spanContext().spanId;
  const traceOf = (span: ReadableSpan): string => span.spanContext().traceId;

  it('makes no attempt or call spans under a run the sampler dropped, yet agents still see its (unsampled) trace', async () => {
    const tracer = new RunTracer();
    const seen: { traceId?: string; spanId?: string; traceFlags?: number }[] = [];
    const agents: TaskExecutor = {
      async execute() {
        const active = trace.getActiveSpan()?.spanContext();
        seen.push({ traceId: active?.traceId, spanId: active?.spanId, traceFlags: active?.traceFlags });
        return { done: true };
      },
    };
    // The caller's trace is not sampled (flags 00): the default parent-based sampler drops the run.
    const caller = extractTraceContext({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' });
    const run = context.with(caller, () =>
      runWorkflow(WorkflowGraph.fromSpecs([task('a', 'x'), task('b', 'x', ['a'])]), tracer.wrapExecutor(agents), {
        strategy: 'hybrid',
        onEvent: (event) => tracer.onEvent(event),
      }),
    );
    expect((await run.result).status).toBe('completed');
    expect(await finished()).toEqual([]);
    expect(seen).toHaveLength(2);
    // The run's own (unrecorded) span is the agents' parent, not the caller's span.
    const runSpanId = seen[0].spanId;
    expect(runSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(runSpanId).not.toBe('b7ad6b7169203331');
    for (const active of seen) expect(active).toEqual({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: runSpanId, traceFlags: 0 });
    expect(tracer.openRuns).toBe(0);
  });

  it('makes a run span, an attempt span per attempt and an agent call span per call, nested, in one trace', async () => {
    const tracer = new RunTracer({ transportOf: (agent) => (agent === 'remote_agent' ? 'nats' : 'local') });
    const activeInAgent: Record<string, string | undefined> = {};
    let flaky = 0;
    const agents: TaskExecutor = {
      async execute(request, ctx) {
        activeInAgent[`${request.taskId}#${ctx.attempt}`] = trace.getActiveSpan()?.spanContext().spanId;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (request.taskId === 'b' && flaky++ === 0) throw new TaskError('AGENT_UNAVAILABLE', 'the replica went away');
        return { qualityScore: 0.9, done: request.taskId };
      },
    };
    const graph = WorkflowGraph.fromSpecs([task('a', 'local_agent'), task('b', 'remote_agent', ['a'], { maxRetries: 1 }), task('c', 'local_agent', ['a'])]);
    const run = runWorkflow(graph, tracer.wrapExecutor(agents), {
      strategy: 'hybrid',
      onEvent: (event) => tracer.onEvent(event),
      scoreOutput: (request) => (request.taskId === 'c' ? { score: 0.75, approved: true, domain: 'SERVICE', issues: [] } : undefined),
    });
    const result = await run.result;
    expect(result.status).toBe('completed');
    const spans = await finished();

    const [runSpan] = named(spans, SPAN_NAMES.run);
    expect(named(spans, SPAN_NAMES.run)).toHaveLength(1);
    expect(runSpan.parentSpanContext).toBeUndefined();
    expect(runSpan.attributes).toMatchObject({
      [A.runId]: run.runId,
      [A.strategy]: 'hybrid',
      [A.taskCount]: 3,
      [A.runStatus]: 'completed',
      [A.makespanMs]: result.makespanMs,
      [A.failedTasks]: 0,
    });
    expect(runSpan.status.code).toBe(SpanStatusCode.UNSET);

    const attempts = named(spans, SPAN_NAMES.attempt);
    const attemptKeys = attempts.map((span) => `${span.attributes[A.taskId]}#${span.attributes[A.attempt]}:${span.attributes[A.outcome]}`).sort();
    expect(attemptKeys).toEqual(['a#1:completed', 'b#1:retry', 'b#2:completed', 'c#1:completed']);
    for (const attempt of attempts) {
      expect(traceOf(attempt)).toBe(traceOf(runSpan));
      expect(attempt.parentSpanContext?.spanId).toBe(idOf(runSpan));
    }
    const retried = attempts.find((span) => span.attributes[A.outcome] === 'retry') as ReadableSpan;
    expect(retried.status).toEqual({ code: SpanStatusCode.ERROR, message: 'the replica went away' });
    expect(retried.attributes[A.errorType]).toBe('AGENT_UNAVAILABLE');
    const scored = attempts.find((span) => span.attributes[A.taskId] === 'c') as ReadableSpan;
    expect(scored.attributes).toMatchObject({ [A.qualityScore]: 0.75, [A.qualityApproved]: true, [A.qualityDomain]: 'SERVICE', [A.agentName]: 'local_agent' });

    const calls = spans.filter((span) => span.name.startsWith(`${SPAN_NAMES.agentCall} `));
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      const key = `${call.attributes[A.taskId]}#${call.attributes[A.attempt]}`;
      const attempt = attempts.find((span) => `${span.attributes[A.taskId]}#${span.attributes[A.attempt]}` === key) as ReadableSpan;
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(call.parentSpanContext?.spanId).toBe(idOf(attempt));
      expect(call.name).toBe(`invoke_agent ${call.attributes[A.agentName]}`);
      expect(call.attributes[A.transport]).toBe(call.attributes[A.agentName] === 'remote_agent' ? 'nats' : 'local');
      // The agent ran with its call span active: a transport injects exactly this span.
      expect(activeInAgent[key]).toBe(idOf(call));
    }
    const failedCall = calls.find((span) => span.attributes[A.taskId] === 'b' && span.attributes[A.attempt] === 1) as ReadableSpan;
    expect(failedCall.status.code).toBe(SpanStatusCode.ERROR);
    expect(tracer.openRuns).toBe(0);
  });

  it('marks a failed run and its failed attempt with error status', async () => {
    const tracer = new RunTracer();
    const agents: TaskExecutor = {
      execute: (request) => (request.taskId === 'bad' ? Promise.reject(new TaskError('BAD_INPUT', 'no such order', false)) : Promise.resolve('ok')),
    };
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('bad', 'x'), task('after', 'x', ['bad'])]), tracer.wrapExecutor(agents), {
      strategy: 'sequential',
      onEvent: (event) => tracer.onEvent(event),
    });
    const result = await run.result;
    expect(result.status).toBe('failed');
    const spans = await finished();
    const [runSpan] = named(spans, SPAN_NAMES.run);
    expect(runSpan.status.code).toBe(SpanStatusCode.ERROR);
    expect(runSpan.attributes).toMatchObject({ [A.runStatus]: 'failed', [A.failedTasks]: 1 });
    const [attempt] = named(spans, SPAN_NAMES.attempt);
    expect(named(spans, SPAN_NAMES.attempt)).toHaveLength(1);
    expect(attempt.attributes).toMatchObject({ [A.taskId]: 'bad', [A.outcome]: 'failed', [A.errorType]: 'BAD_INPUT' });
    expect(attempt.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no such order' });
    expect(tracer.openRuns).toBe(0);
  });

  it("parents the run on the context active when it starts (an incoming traceparent); another run gets a trace of its own", async () => {
    const tracer = new RunTracer();
    const agents: TaskExecutor = { execute: () => Promise.resolve('ok') };
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const incoming = extractTraceContext({ traceparent: `00-${callerTrace}-${callerSpan}-01` });
    const joined = context.with(incoming, () =>
      runWorkflow(WorkflowGraph.fromSpecs([task('one', 'x')]), tracer.wrapExecutor(agents), { onEvent: (event) => tracer.onEvent(event) }),
    );
    const alone = runWorkflow(WorkflowGraph.fromSpecs([task('one', 'x')]), tracer.wrapExecutor(agents), { onEvent: (event) => tracer.onEvent(event) });
    await Promise.all([joined.result, alone.result]);
    const runs = named(await finished(), SPAN_NAMES.run);
    const joinedSpan = runs.find((span) => span.attributes[A.runId] === joined.runId) as ReadableSpan;
    const aloneSpan = runs.find((span) => span.attributes[A.runId] === alone.runId) as ReadableSpan;
    expect(traceOf(joinedSpan)).toBe(callerTrace);
    expect(joinedSpan.parentSpanContext).toMatchObject({ spanId: callerSpan, isRemote: true });
    expect(traceOf(aloneSpan)).not.toBe(callerTrace);
    expect(aloneSpan.parentSpanContext).toBeUndefined();
  });

  it('closes the attempt of a cancelled run and forgets every finished run', async () => {
    const tracer = new RunTracer();
    const agents: TaskExecutor = {
      execute: (_request, ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true })),
    };
    const run = runWorkflow(WorkflowGraph.fromSpecs([task('slow', 'x')]), tracer.wrapExecutor(agents), { onEvent: (event) => tracer.onEvent(event) });
    expect(tracer.openRuns).toBe(1);
    run.cancel('enough');
    const result = await run.result;
    expect(result.status).toBe('cancelled');
    const spans = await finished();
    expect(named(spans, SPAN_NAMES.attempt).map((span) => span.attributes[A.outcome])).toEqual(['cancelled']);
    expect(named(spans, SPAN_NAMES.run)[0].attributes[A.runStatus]).toBe('cancelled');

    const quick: TaskExecutor = { execute: () => Promise.resolve(1) };
    const many = Array.from({ length: 200 }, () =>
      runWorkflow(WorkflowGraph.fromSpecs([task('a', 'x'), task('b', 'x', ['a'])]), tracer.wrapExecutor(quick), { onEvent: (event) => tracer.onEvent(event) }),
    );
    expect(tracer.openRuns).toBe(200);
    await Promise.all(many.map((started) => started.result));
    expect(tracer.openRuns).toBe(0);
  });

  it('lets an untraced call through untouched (a run started before the tracer)', async () => {
    const tracer = new RunTracer();
    const agents: TaskExecutor = { execute: () => Promise.resolve(trace.getActiveSpan()) };
    const output = await tracer.wrapExecutor(agents).execute(
      { runId: 'r', taskId: 't', description: '', agent: 'x', input: {}, dependencyOutputs: {}, metadata: {} },
      {
        runId: 'r',
        taskId: 't',
        attempt: 1,
        idempotencyKey: 'r/t/1',
        signal: new AbortController().signal,
        progress: () => undefined,
        artifact: () => undefined,
        requestInput: () => Promise.resolve(undefined),
        sleep: () => Promise.resolve(),
        now: () => 0,
      },
    );
    expect(output).toBeUndefined();
    expect(await finished()).toEqual([]);
  });
});
