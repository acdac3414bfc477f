import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SPAN_NAMES, startTracing, TRACE_ATTRIBUTES as A, type TracingHandle } from '@a2a-mcp/observability';
import { get, post, waitFor } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { OTLP_KIND, startOtlpReceiver, type ExportedSpan, type OtlpReceiver } from './support/otlp-receiver';
import { DEMO_AGENTS_MAIN, ORCHESTRATOR_MAIN, spawnService, type ServiceProcess } from './support/service-process';

// Real NATS (127.0.0.1:4222), real gRPC and HTTP on loopback, the demo agents and a second orchestrator
// as child processes exporting their spans over OTLP/HTTP to a collector in this test; the host runs
// in this process with the SDK's in-memory exporter. Generous budgets: a loaded 2-core machine.
jest.setTimeout(180_000);

const PAYMENT = { tasks: [{ id: 'pay', description: 'charge the card for order 7', agent: 'payment_processor', dependencies: [] }] };

/** The variables that make a spawned service export its spans to the test's collector, quickly. */
const exportTo = (receiver: OtlpReceiver): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_BSP_SCHEDULE_DELAY: '100',
});

interface HostTrace {
  run: ReadableSpan;
  attempt: ReadableSpan;
  call: ReadableSpan;
}

describe('one trace from the host through NATS, gRPC and A2A to the agent and back', () => {
  const memory = new InMemorySpanExporter();
  const prefix = `trace${randomUUID().slice(0, 8)}.`;
  const discovery = { AGENTS_SUBJECT_PREFIX: prefix, AGENT_ANNOUNCE_MS: '200', AGENT_HEARTBEAT_MS: '100' };
  let tracing: TracingHandle;
  let receiver: OtlpReceiver;
  let replica: ServiceProcess;
  const hosts: TestApp[] = [];
  let dir: string;

  beforeAll(async () => {
    for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_') || name === 'ENABLE_OBSERVABILITY') delete process.env[name];
    tracing = startTracing({ serviceName: 'host-under-test', spanProcessors: [new SimpleSpanProcessor(memory)] });
    receiver = await startOtlpReceiver();
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-tracing-'));
    replica = await spawnService(
      DEMO_AGENTS_MAIN,
      { ...discovery, ...exportTo(receiver), AGENTS_REPLICA_ID: 'traced-replica', AGENTS_GRPC_PORT: '0', AGENTS_GRPC_HOST: '127.0.0.1', METRICS_PORT: '0' },
      /gRPC (\S+) \(port \d+\)/,
    );
  });

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    await replica?.stop();
    await tracing?.shutdown();
    await receiver?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function host(env: Record<string, string>): Promise<TestApp> {
    const started = await startTestApp(env);
    hosts.push(started);
    return started;
  }

  /** Submits the plan, waits for the run to end, and returns the run's id once it completed. */
  async function runToEnd(app: TestApp, plan: unknown): Promise<string> {
    const submitted = await post<{ runId: string }>(`${app.url}/v1/runs`, { plan });
    expect(submitted.status).toBe(202);
    const runId = submitted.body.runId;
    const status = await waitFor(
      async () => {
        const view = await get<{ status: string }>(`${app.url}/v1/runs/${runId}`);
        return ['pending', 'running'].includes(view.body.status) ? undefined : view.body.status;
      },
      60_000,
      `run ${runId} to end`,
    );
    expect(status).toBe('completed');
    return runId;
  }

  /** The host's spans of one run: the run span, its (only) attempt and that attempt's agent call. */
  async function hostTrace(runId: string, transport: string): Promise<HostTrace> {
    await tracing.forceFlush();
    const spans = memory.getFinishedSpans();
    const runs = spans.filter((span) => span.name === SPAN_NAMES.run && span.attributes[A.runId] === runId);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    const attempts = spans.filter((span) => span.name === SPAN_NAMES.attempt && span.attributes[A.runId] === runId);
    expect(attempts).toHaveLength(1);
    const [attempt] = attempts;
    expect(attempt.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    const calls = spans.filter((span) => span.kind === SpanKind.CLIENT && span.parentSpanContext?.spanId === attempt.spanContext().spanId);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.attributes[A.transport]).toBe(transport);
    for (const span of [attempt, call]) expect(span.spanContext().traceId).toBe(run.spanContext().traceId);
    return { run, attempt, call };
  }

  /** The agent side's SERVER span of the host's agent call, exported by the replica. */
  async function servedSpan(trace: HostTrace, transport: string): Promise<ExportedSpan> {
    const callId = trace.call.spanContext().spanId;
    const served = await receiver.waitForSpan((span) => span.parentSpanId === callId, `under the agent call ${callId}`);
    expect(served).toMatchObject({
      service: 'a2a-mcp-demo-agents',
      name: 'serve_attempt payment_processor',
      kind: OTLP_KIND.server,
      traceId: trace.run.spanContext().traceId,
    });
    expect(served.attributes).toMatchObject({ [A.transport]: transport, [A.replicaId]: 'traced-replica', [A.taskId]: 'pay', [A.attempt]: 1 });
    return served;
  }

  /** Two runs: each has its own trace, and each remote span sits under its own run's agent call. */
  async function provePropagation(app: TestApp, transport: string): Promise<void> {
    const first = await hostTrace(await runToEnd(app, PAYMENT), transport);
    const second = await hostTrace(await runToEnd(app, PAYMENT), transport);
    // A context leaking between runs in this process would put both under one trace id.
    expect(second.run.spanContext().traceId).not.toBe(first.run.spanContext().traceId);
    const servedFirst = await servedSpan(first, transport);
    const servedSecond = await servedSpan(second, transport);
    expect(servedSecond.traceId).not.toBe(servedFirst.traceId);
    expect(servedFirst.attributes[A.runId]).toBe(first.run.attributes[A.runId]);
    expect(servedSecond.attributes[A.runId]).toBe(second.run.attributes[A.runId]);
  }

  it('over NATS: the replica serves the attempt in a span whose parent is the host agent call, from the message headers', async () => {
    const app = await host({ ...discovery, AGENTS_MODE: 'remote', AGENTS_DISCOVERY_WINDOW_MS: '300' });
    await provePropagation(app, 'nats');
  });

  it('over gRPC (an AGENTS_CONFIG pin): the same, from the call metadata', async () => {
    const config = join(dir, 'agents.yaml');
    writeFileSync(config, `agents:\n  - { name: payment_processor, transport: grpc, address: "${replica.ready[1]}" }\n`);
    const app = await host({ ...discovery, AGENTS_MODE: 'remote', AGENTS_CONFIG: config });
    await provePropagation(app, 'grpc');
  });

  it("the orchestrator's REST API: a run posted with traceparent continues the caller's trace; SIGTERM flushes the spans", async () => {
    // The endpoint comes from `.env` (read before the SDK starts), and batches wait ten minutes:
    // only the flush at shutdown can deliver these spans.
    const dotEnv = `OTEL_EXPORTER_OTLP_ENDPOINT=${receiver.url}\nOTEL_EXPORTER_OTLP_PROTOCOL=http/json\nOTEL_BSP_SCHEDULE_DELAY=600000\n`;
    const orchestrator = await spawnService(ORCHESTRATOR_MAIN, { PORT: '0', LOG_LEVEL: 'error' }, /listening on (http:\/\/localhost:\d+)/, { dotEnv });
    const caller = { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().replace(/-/g, '').slice(0, 16) };
    let runId: string;
    try {
      const submitted = await fetch(`${orchestrator.ready[1]}/v1/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${caller.traceId}-${caller.spanId}-01` },
        body: JSON.stringify({ plan: PAYMENT }),
      });
      expect(submitted.status).toBe(202);
      runId = ((await submitted.json()) as { runId: string }).runId;
      await waitFor(
        async () => {
          const view = await get<{ status: string }>(`${orchestrator.ready[1]}/v1/runs/${runId}`);
          return view.body.status === 'completed' ? true : undefined;
        },
        60_000,
        `run ${runId} to complete`,
      );
      expect(receiver.spans().filter((span) => span.attributes[A.runId] === runId)).toEqual([]);
    } finally {
      await orchestrator.stop('SIGTERM');
    }
    const run = await receiver.waitForSpan((span) => span.name === SPAN_NAMES.run && span.attributes[A.runId] === runId, `of run ${runId}`, 5_000);
    expect(run).toMatchObject({ service: 'a2a-mcp-orchestrator', traceId: caller.traceId, parentSpanId: caller.spanId });
    const attempt = await receiver.waitForSpan((span) => span.name === SPAN_NAMES.attempt && span.parentSpanId === run.spanId, `attempt of run ${runId}`, 5_000);
    const call = await receiver.waitForSpan((span) => span.kind === OTLP_KIND.client && span.parentSpanId === attempt.spanId, `agent call of run ${runId}`, 5_000);
    expect(call).toMatchObject({ name: 'invoke_agent payment_processor', traceId: caller.traceId });
    expect(call.attributes[A.transport]).toBe('local');
  });

  it("over A2A: another orchestrator's run is a child of the host's agent call, through the HTTP traceparent header", async () => {
    const remote = await spawnService(ORCHESTRATOR_MAIN, { ...exportTo(receiver), PORT: '0', LOG_LEVEL: 'error' }, /listening on http:\/\/localhost:(\d+)/);
    try {
      const app = await host({ AGENT_ALLOWED_HOSTS: '127.0.0.1' });
      const registered = await post(`${app.url}/v1/agents`, { cardUrl: `http://127.0.0.1:${remote.ready[1]}`, name: 'remote_host' });
      expect(registered.status).toBe(201);
      const plan = { tasks: [{ id: 'delegated', description: 'process order 12345', agent: 'remote_host', dependencies: [] }] };
      const traces = [await hostTrace(await runToEnd(app, plan), 'a2a'), await hostTrace(await runToEnd(app, plan), 'a2a')];
      expect(traces[1].run.spanContext().traceId).not.toBe(traces[0].run.spanContext().traceId);
      for (const trace of traces) {
        const callId = trace.call.spanContext().spanId;
        const remoteRun = await receiver.waitForSpan((span) => span.name === SPAN_NAMES.run && span.parentSpanId === callId, `remote run under ${callId}`);
        expect(remoteRun).toMatchObject({ service: 'a2a-mcp-orchestrator', traceId: trace.run.spanContext().traceId });
        expect(remoteRun.attributes[A.runStatus]).toBe('completed');
        // The remote run's own attempts continue the same trace under its run span.
        const remoteAttempt = await receiver.waitForSpan((span) => span.name === SPAN_NAMES.attempt && span.parentSpanId === remoteRun.spanId, `attempt of remote run ${remoteRun.spanId}`);
        expect(remoteAttempt.traceId).toBe(trace.run.spanContext().traceId);
      }
    } finally {
      await remote.stop();
    }
  });
});
