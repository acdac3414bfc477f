'use strict';
// API figures, driven over HTTP + SSE with fetch. Per-run overhead and throughput use the host in
// its own process (as deployed: the load generator does not share its event loop); SSE latency
// needs emission and receipt on one clock, so it runs the host in this process (a worst case: 50
// clients share the host's thread). Prints one JSON line; bench/run.js tabulates it. The host records
// runs in memory (RUN_STORE=memory unless set), so these figures compare with earlier ones; the
// durable stores' cost is bench/persistence.js's and bench/load.js's. The run-creation rate limit is off:
// these figures are the API's own cost, and the full run starts far more than the default 600 runs a minute.
require('reflect-metadata');
const { performance } = require('node:perf_hooks');
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { startApp } = require('@a2a-mcp/host');
const { RunManager } = require('@a2a-mcp/orchestration');
const { WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { freePort } = require('./free-port');

const quick = process.argv.includes('--quick');

const smallPlan = (durationMs) => ({
  coordinationStrategy: 'hybrid',
  tasks: ['a', 'b', 'c'].map((id, i) => ({
    id,
    description: `step ${id}`,
    agent: 'simulator',
    dependencies: i === 0 ? [] : [['a', 'b', 'c'][i - 1]],
    input: { durationMs },
  })),
});

// A plain keep-alive node:http client: what a service calling the API would use. (fetch/undici
// adds about half a millisecond per request on the client side, which is not the API's cost.)
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(base, method, pathname, body, onChunk) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request({ hostname, port, method, path: pathname, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (onChunk ? onChunk(chunk) : (text += chunk)));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Submits a plan and follows its SSE stream to the end; resolves with timings. */
async function submitAndFollow(url, plan, manager, emittedAt) {
  const started = performance.now();
  const posted = await request(url, 'POST', '/v1/runs', JSON.stringify({ plan }));
  if (posted.status !== 202) throw new Error(`POST /v1/runs answered ${posted.status}: ${posted.text}`);
  const { runId } = JSON.parse(posted.text);
  if (emittedAt) {
    // Emission instants of the events still to come (same process, same clock as the client).
    const stamps = new Map();
    emittedAt.set(runId, stamps);
    manager.get(runId).run.subscribe((event) => stamps.set(event.seq, performance.now()));
  }
  const received = [];
  let completedAt = 0;
  let buffer = '';
  await request(url, 'GET', `/v1/runs/${runId}/events`, undefined, (chunk) => {
    const at = performance.now();
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      const event = JSON.parse(data.slice(6));
      received.push([event.seq, at]);
      if (event.type === 'workflow_complete') completedAt = at;
    }
  });
  return { runId, started, completedAt, received };
}

/** One request: POST /v1/runs/stream answers with the run's events; resolves when it has all of them. */
async function submitStreaming(url, plan) {
  const started = performance.now();
  let completedAt = 0;
  let buffer = '';
  const answer = await request(url, 'POST', '/v1/runs/stream', JSON.stringify({ plan }), (chunk) => {
    buffer += chunk;
    if (buffer.includes('event: workflow_complete')) completedAt = performance.now();
  });
  if (answer.status !== 200 || completedAt === 0) throw new Error(`POST /v1/runs/stream answered ${answer.status}`);
  return completedAt - started;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (v) => Math.round(v * 100) / 100;

async function engineAloneMs(plan, repeats) {
  const registry = createDemoRegistry();
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const run = runWorkflow(WorkflowGraph.fromSpecs(plan.tasks), registry, { strategy: 'hybrid' });
    for await (const _event of run);
    await run.result;
    samples.push(performance.now() - started);
  }
  return samples;
}


/**
 * `node apps/orchestrator/dist/main.js` on a free port; resolves once /health answers. Its stdout (a
 * request log line per request) goes to /dev/null, not to this process: reading it here put the host's
 * logging on the measuring client's event loop and added over a millisecond per run to the figures.
 */
async function startHostProcess() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'apps', 'orchestrator', 'dist', 'main.js')], {
    env: { ...process.env, RUN_STORE: process.env.RUN_STORE ?? 'memory', PORT: String(port), ENABLE_OBSERVABILITY: 'false', MAX_CONCURRENT_TASKS: '256', RUN_RETENTION: '100000', RATE_LIMIT_RUNS_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${errors}`))));
  const healthy = (async () => {
    for (;;) {
      try {
        if ((await request(url, 'GET', '/health')).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await Promise.race([healthy, exited]);
  exited.catch(() => undefined);
  return { url, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

async function hostProcessFigures() {
  const host = await startHostProcess();
  try {
    const zeroWork = smallPlan(0);
    // Steady state, as a service runs: the host's request path takes about a thousand runs to be
    // optimised (after 50 warm-up runs the median was 2.4 ms, after 1 000 it is 1.4 ms).
    const warmUp = quick ? 300 : 1000;
    for (let i = 0; i < warmUp; i++) await submitAndFollow(host.url, zeroWork);
    await engineAloneMs(zeroWork, 50);
    const sequentialRuns = quick ? 100 : 400;
    const apiMs = [];
    for (let i = 0; i < sequentialRuns; i++) {
      const run = await submitAndFollow(host.url, zeroWork);
      apiMs.push(run.completedAt - run.started);
    }
    const engineMs = await engineAloneMs(zeroWork, sequentialRuns);
    for (let i = 0; i < warmUp; i++) await submitStreaming(host.url, zeroWork);
    const streamMs = [];
    for (let i = 0; i < sequentialRuns; i++) streamMs.push(await submitStreaming(host.url, zeroWork));
    const total = quick ? 300 : 1000;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) {
          next++;
          await submitAndFollow(host.url, zeroWork);
        }
      }),
    );
    return { apiMs, engineMs, streamMs, runsPerSecond: total / ((performance.now() - started) / 1000), total };
  } finally {
    await host.stop();
  }
}

async function main() {
  const separate = await hostProcessFigures();
  const { app, url } = await startApp({
    port: 0,
    host: '127.0.0.1',
    logger: false,
    env: { RUN_STORE: process.env.RUN_STORE ?? 'memory', ENABLE_OBSERVABILITY: 'false', ORCHESTRATION_MODE: 'enhanced', MAX_CONCURRENT_TASKS: '256', RUN_RETENTION: '100000', RATE_LIMIT_RUNS_PER_MINUTE: '0' },
  });
  const manager = app.get(RunManager);
  try {
    for (let i = 0; i < 20; i++) await submitAndFollow(url, smallPlan(0), manager);
    // SSE latency with 50 concurrent runs whose tasks take 20 ms (events arrive while clients listen).
    const emittedAt = new Map();
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => submitAndFollow(url, smallPlan(20), manager, emittedAt)));
    const latencies = [];
    for (const run of concurrent) {
      const stamps = emittedAt.get(run.runId);
      for (const [seq, at] of run.received) {
        const emitted = stamps.get(seq);
        if (emitted !== undefined) latencies.push(at - emitted);
      }
    }

    const apiP50 = percentile(separate.apiMs, 50);
    const engineP50 = percentile(separate.engineMs, 50);
    process.stdout.write(
      JSON.stringify({
        apiRunP50Ms: round(apiP50),
        engineAloneP50Ms: round(engineP50),
        apiOverheadP50Ms: round(apiP50 - engineP50),
        targetOverheadP50Ms: '< 2',
        apiRunP99Ms: round(percentile(separate.apiMs, 99)),
        oneRequestRunP50Ms: round(percentile(separate.streamMs, 50)),
        oneRequestOverheadP50Ms: round(percentile(separate.streamMs, 50) - engineP50),
        runsPerSecond: round(separate.runsPerSecond),
        runsMeasured: separate.total,
        sseLatencyP50Ms: round(percentile(latencies, 50)),
        sseLatencyP99Ms: round(percentile(latencies, 99)),
        sseEventsMeasured: latencies.length,
        concurrentRuns: 50,
      }) + '\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exitCode = 1;
});
