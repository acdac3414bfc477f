'use strict';
// Observability figures (issue: metrics, traces), in one process so every row shares one machine state:
//  1. the engine's per-node cost with observability off, with metrics (what ENABLE_OBSERVABILITY=true
//     costs without an OTLP exporter), and with metrics and tracing (spans to a batch processor);
//  2. the time of one GET /metrics scrape on a host that has finished 10 000 runs, against a fresh host;
//  3. the API's per-run time (POST /v1/runs, follow its SSE stream to the end) with tracing off and on.
// Off and on samples alternate, so drift in the machine's speed hits both alike.
// Usage: node bench/observability.js [--quick] [--json]
require('reflect-metadata');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { AgentCallMetrics, FrameworkMetrics, OrchestrationStats, RunMetrics, RunTracer, startTracing } = require('@a2a-mcp/observability');
const { BatchSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
const { trace, context } = require('@opentelemetry/api');
const { wideFanOut, randomDag } = require('./shapes');
const { median, round } = require('./stats');

const quick = process.argv.includes('--quick');
const NODES = 1_000;
const REPEATS = quick ? 9 : 31;
const WARMUP = quick ? 10 : 30;
const FINISHED_RUNS = 10_000;

/** The observers the host wires for a configuration (libs/orchestration/src/observability). */
function observersFor(mode) {
  if (mode === 'off') return [];
  const metrics = new FrameworkMetrics({ defaultMetrics: false });
  const observers = [new OrchestrationStats(), new RunMetrics(metrics), new AgentCallMetrics(metrics, () => 'local')];
  if (mode === 'tracing') observers.push(new RunTracer({ transportOf: () => 'local' }));
  return observers;
}

/** One run as RunManager starts it: observers see every event, and wrap the executor. */
async function timedRun(specs, registry, observers) {
  const executor = observers.reduce((inner, observer) => (observer.wrapExecutor ? observer.wrapExecutor(inner) : inner), registry);
  const onEvents = observers.filter((observer) => observer.onEvent).map((observer) => observer.onEvent.bind(observer));
  const started = performance.now();
  const run = runWorkflow(WorkflowGraph.fromSpecs(specs), executor, {
    strategy: 'hybrid',
    onEvent: (event) => {
      for (const onEvent of onEvents) onEvent(event);
    },
  });
  const result = await run.result;
  const elapsed = performance.now() - started;
  if (result.successful.length !== specs.length) throw new Error(`bench run ended ${result.status}`);
  return (elapsed * 1000) / specs.length;
}

/**
 * The SDK's own floor for what tracing adds per node: a parent and a child span started (the child
 * active while a promise settles) and ended, with attributes like ours, through the same processor;
 * no engine, no observers. Median µs per pair.
 */
async function sdkSpanPairFloor() {
  const tracer = trace.getTracer('bench-floor');
  const pairs = 1000;
  const samples = [];
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    const started = performance.now();
    for (let n = 0; n < pairs; n++) {
      const attempt = tracer.startSpan('task_attempt', { attributes: { 'a2a_mcp.task.id': `n${n}`, 'a2a_mcp.attempt': 1, 'gen_ai.agent.name': 'simulator' } });
      const parent = trace.setSpan(context.active(), attempt);
      const call = tracer.startSpan('invoke_agent simulator', { attributes: { 'gen_ai.agent.name': 'simulator', 'a2a_mcp.transport': 'local' } }, parent);
      await context.with(trace.setSpan(parent, call), () => Promise.resolve(n));
      call.end();
      attempt.end();
    }
    if (i >= WARMUP) samples.push(((performance.now() - started) * 1000) / pairs);
  }
  return median(samples);
}

/** Per-node µs for each mode, samples interleaved (mode A, B, A, B, ...). */
async function perNode(modes, specs) {
  const registry = createDemoRegistry();
  const observers = Object.fromEntries(modes.map((mode) => [mode, observersFor(mode)]));
  const samples = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    for (const mode of modes) {
      const us = await timedRun(specs, registry, observers[mode]);
      if (i >= WARMUP) samples[mode].push(us);
    }
  }
  return Object.fromEntries(modes.map((mode) => [mode, median(samples[mode])]));
}

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let bytes = 0;
        res.on('data', (chunk) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode, bytes }));
      })
      .on('error', reject);
  });
}

/** Median ms of GET /metrics, and the body's size. */
async function scrapeTime(url, times) {
  const samples = [];
  let bytes = 0;
  for (let i = 0; i < times + 5; i++) {
    const started = performance.now();
    const res = await get(`${url}/metrics`);
    if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
    if (i >= 5) samples.push(performance.now() - started);
    bytes = res.bytes;
  }
  return { ms: median(samples), bytes };
}

const smallPlan = {
  coordinationStrategy: 'auto',
  tasks: randomDag(8, 2).map((spec) => ({ id: spec.id, description: `step ${spec.id}`, agent: 'simulator', dependencies: spec.dependencies ?? [], input: { durationMs: 0 } })),
};

/** A host in this process (the API bench runs the same one in its own process; here the scrape matters). */
async function startHost(env) {
  const { startApp } = require('@a2a-mcp/host');
  const { RunManager } = require('@a2a-mcp/orchestration');
  const started = await startApp({ port: 0, host: '127.0.0.1', logger: false, env: { RUN_STORE: process.env.RUN_STORE ?? 'memory', RUN_RETENTION: String(FINISHED_RUNS), RUN_RETENTION_MS: '3600000', RATE_LIMIT_RUNS_PER_MINUTE: '0', ...env } });
  return { ...started, manager: started.app.get(RunManager) };
}

/** Scrape time on a fresh host and on one that has finished FINISHED_RUNS runs. */
async function scrapeFigures() {
  const host = await startHost({});
  try {
    const fresh = await scrapeTime(host.url, quick ? 20 : 50);
    for (let done = 0; done < FINISHED_RUNS; ) {
      const batch = [];
      for (let i = 0; i < 200 && done < FINISHED_RUNS; i++, done++) batch.push(host.manager.start({ plan: smallPlan }).run.result);
      await Promise.all(batch);
    }
    const after = await scrapeTime(host.url, quick ? 20 : 50);
    return { freshScrapeMs: round(fresh.ms, 3), freshBytes: fresh.bytes, finishedRuns: FINISHED_RUNS, scrapeMs: round(after.ms, 3), scrapeBytes: after.bytes };
  } finally {
    await host.app.close();
  }
}

/** POST /v1/runs then read its SSE stream to the end: ms per run, median. */
async function apiRunMs(url, runs) {
  const body = JSON.stringify({ plan: smallPlan });
  const samples = [];
  for (let i = 0; i < runs + 10; i++) {
    const started = performance.now();
    const res = await new Promise((resolve, reject) => {
      const req = http.request(`${url}/v1/runs/stream`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
    if (res !== 200) throw new Error(`POST /v1/runs/stream answered ${res}`);
    if (i >= 10) samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Progress on stderr: the full run takes minutes. */
const step = (what) => process.stderr.write(`observability bench: ${what}\n`);

async function main() {
  step('engine per-node cost, off vs metrics');
  const wide = wideFanOut(NODES - 2);
  const random = randomDag(NODES, 3);
  const engineWide = await perNode(['off', 'metrics'], wide);
  const engineRandom = await perNode(['off', 'metrics'], random);
  step(`GET /metrics, fresh and after ${FINISHED_RUNS} finished runs`);
  const scrape = await scrapeFigures();
  step('API per run, tracing off');

  // Tracing off, then on: starting the SDK registers an AsyncLocalStorage context manager for the
  // whole process, so the "off" API figure is taken first.
  const offHost = await startHost({});
  const apiOffMs = await apiRunMs(offHost.url, quick ? 50 : 200);
  await offHost.app.close();

  step('engine per-node cost, SDK registered: off vs metrics + tracing (every trace sampled)');
  const full = await withTracing({}, async () => {
    const traced = await perNode(['off', 'tracing'], wide);
    step('the SDK alone: a span pair per node');
    const floor = await sdkSpanPairFloor();
    step('API per run, tracing on');
    const onHost = await startHost({});
    const apiOnMs = await apiRunMs(onHost.url, quick ? 50 : 200);
    await onHost.app.close();
    return { traced, apiOnMs, floor };
  });
  step('engine per-node cost, SDK registered: off vs metrics + tracing (1 trace in 10 sampled)');
  const sampled = await withTracing({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }, () => perNode(['off', 'tracing'], wide));
  const row = (shape, figures, on, note) => ({ shape, offUsPerNode: round(figures.off, 2), onUsPerNode: round(figures[on], 2), ratio: round(figures[on] / figures.off, 2), note });
  return {
    nodes: NODES,
    engine: [
      row('wide', engineWide, 'metrics', 'on = metrics (no exporter configured)'),
      row('random', engineRandom, 'metrics', 'on = metrics (no exporter configured)'),
      row('wide', full.traced, 'tracing', 'SDK registered; on = metrics + run/attempt/agent-call spans, all sampled'),
      row('wide', sampled, 'tracing', 'SDK registered; on = metrics + spans, OTEL_TRACES_SAMPLER=traceidratio 0.1'),
    ],
    sdkSpanPairUs: round(full.floor, 2),
    scrape,
    api: { planTasks: smallPlan.tasks.length, tracingOffRunMs: round(apiOffMs, 3), tracingOnRunMs: round(full.apiOnMs, 3), tracingOverheadMs: round(full.apiOnMs - apiOffMs, 3) },
  };
}

/** Runs `work` with the OpenTelemetry SDK started (spans to a batch processor whose exporter keeps nothing for long). */
async function withTracing(env, work) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: 'bench', spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 100_000, scheduledDelayMillis: 200 })] });
  if (!tracing.active) throw new Error(`tracing did not start: ${tracing.reason}`);
  const cleaner = setInterval(() => exporter.reset(), 1000);
  try {
    return await work();
  } finally {
    clearInterval(cleaner);
    await tracing.shutdown();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

main().then(
  (figures) => {
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
      return;
    }
    console.table(figures.engine);
    console.log('GET /metrics', figures.scrape);
    console.log('API per run', figures.api);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
