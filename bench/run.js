#!/usr/bin/env node
'use strict';
// `npm run bench`: engine figures on this machine, printed as a table and written to
// bench/results/latest.json. Needs the libraries built (`npm run bench` builds them first).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ParallelWorkflowGraph, WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { DeterministicPlanner, analyzePlan } = require('@a2a-mcp/planner');
const { createQualityScorer } = require('@a2a-mcp/quality');
const { wideFanOut, chain, bareCounterLoop, loadExample, longRequest, randomDag } = require('./shapes');
const { median, round } = require('./stats');

const quick = process.argv.includes('--quick');
const repeats = quick ? 3 : 15;
// Warm-up runs let V8 optimise the hot path first; the figure is the steady state a service sees.
const warmup = quick ? 5 : 20;

/** Median of `repeats` timed runs (after warm-up), in microseconds per node. */
async function perNodeOverhead(makeSpecs, strategy) {
  const registry = createDemoRegistry();
  const specs = makeSpecs();
  const samples = [];
  for (let i = 0; i < repeats + warmup; i++) {
    const graph = WorkflowGraph.fromSpecs(specs);
    const started = performance.now();
    const run = runWorkflow(graph, registry, { strategy });
    let events = 0;
    for await (const _event of run) events++; // events on: every event is consumed
    const result = await run.result;
    const elapsed = performance.now() - started;
    if (result.status !== 'completed') throw new Error(`bench run ended ${result.status}`);
    if (i >= warmup) samples.push((elapsed * 1000) / specs.length);
    if (events < specs.length * 2) throw new Error('events missing');
  }
  return median(samples);
}

async function bareOverhead(makeSpecs) {
  const specs = makeSpecs();
  const samples = [];
  for (let i = 0; i < repeats + warmup; i++) {
    const started = performance.now();
    await bareCounterLoop(specs);
    const elapsed = performance.now() - started;
    if (i >= warmup) samples.push((elapsed * 1000) / specs.length);
  }
  return median(samples);
}

async function scenarioRatios() {
  const registry = createDemoRegistry();
  const rows = [];
  for (const name of ['ecommerce-order', 'data-pipeline', 'custom-dependencies', 'uneven-pipelines']) {
    const plan = loadExample(name);
    const plannedCp = plannedCriticalPath(plan.tasks);
    for (const [strategy, threshold] of [['sequential', undefined], ['parallel', 2], ['hybrid', undefined]]) {
      const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks);
      const run = runWorkflow(graph, registry, { strategy, parallelThreshold: threshold });
      const result = await run.result;
      rows.push({
        scenario: name,
        strategy: threshold ? `${strategy} (threshold ${threshold})` : strategy,
        makespanMs: round(result.makespanMs),
        plannedCriticalPathMs: plannedCp,
        measuredCriticalPathMs: round(result.criticalPathMs),
        makespanOverPlannedCp: round(result.makespanMs / plannedCp, 3),
        makespanOverMeasuredCp: round(result.makespanMs / result.criticalPathMs, 3),
      });
    }
  }
  return rows;
}

/** Critical path from each task's simulated duration (input.durationMs), the plan's own arithmetic. */
function plannedCriticalPath(tasks) {
  const finish = new Map();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const visit = (id) => {
    if (finish.has(id)) return finish.get(id);
    const t = byId.get(id);
    const start = Math.max(0, ...(t.dependencies || []).map(visit));
    const end = start + (t.input?.durationMs ?? t.estimatedDuration ?? 0);
    finish.set(id, end);
    return end;
  };
  return Math.max(...tasks.map((t) => visit(t.id)));
}

/** Planner and quality figures: cold (first call) and warm median, in ms (scoring in µs per output). */
async function planningFigures() {
  const registry = createDemoRegistry();
  const agents = registry.cards();
  const planner = new DeterministicPlanner();
  const request = longRequest(1000);
  const timeAsync = async (fn) => {
    const started = performance.now();
    const value = await fn();
    return [performance.now() - started, value];
  };
  const [planCold, plan] = await timeAsync(() => planner.plan(request, { agents }));
  if (plan.tasks.length !== 1000) throw new Error(`planned ${plan.tasks.length} tasks, expected 1000`);
  const planWarm = [];
  for (let i = 0; i < repeats; i++) planWarm.push((await timeAsync(() => planner.plan(request, { agents })))[0]);

  const big = { tasks: randomDag(10_000, 3) };
  const [analysisCold] = await timeAsync(() => analyzePlan(big));
  const analysisWarm = [];
  for (let i = 0; i < repeats; i++) analysisWarm.push((await timeAsync(() => analyzePlan(big)))[0]);

  // Quality scoring of one real demo output against its declared schema, in the SERVICE domain.
  const payment = registry.get('payment_processor');
  const task = { runId: 'bench', taskId: 'payment', description: 'Charge the card for order #1042', agent: 'payment_processor', input: {}, dependencyOutputs: {}, metadata: { qualityDomain: 'SERVICE' } };
  const output = await payment.execute(task, createStandaloneContext({ runId: 'bench', taskId: 'payment' }).ctx);
  const scorer = createQualityScorer({ resolveOutputSchema: (name) => registry.get(name)?.card.skills[0]?.metadata?.outputSchema });
  for (let i = 0; i < 2000; i++) scorer(task, output);
  const scoringRounds = 20_000;
  const started = performance.now();
  for (let i = 0; i < scoringRounds; i++) scorer(task, output);
  const scoringUs = ((performance.now() - started) * 1000) / scoringRounds;

  return [
    { figure: 'plan a 1 000-step request (deterministic)', coldMs: round(planCold), warmMs: round(median(planWarm)), target: '-' },
    { figure: 'analyse a 10 000-task plan', coldMs: round(analysisCold), warmMs: round(median(analysisWarm)), target: '< 50 ms' },
    { figure: 'score one output (SERVICE, ajv schema), µs', coldMs: '-', warmMs: round(scoringUs), target: '-' },
  ];
}

/** The 10 000-node run happens in a fresh process so its RSS is its own. */
function tenThousand() {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'ten-thousand.js')], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`ten-thousand.js failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

// ---- burst of runs under one slot pool (bench/burst.js) ----
function burstFigures() {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'burst.js'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) throw new Error(`burst.js failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}
// ---- end burst ----

// ---- per-node cost as graphs grow, and the CLI per task (bench/scaling.js) ----
function scalingFigures() {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'scaling.js'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', timeout: 1_800_000 });
  if (child.status !== 0) throw new Error(`scaling.js failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}
// ---- end scaling ----

/** API figures from bench/api.js (it starts the host itself), in a fresh process. */
function apiFigures() {
  const args = [path.join(__dirname, 'api.js'), ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) throw new Error(`api.js failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

// ---- remote agents over NATS and gRPC (bench/transports.js) ----
/** In a fresh process; needs NATS (NATS_URL). Without it the figures are skipped with the reason, not the whole bench. */
function transportFigures() {
  const args = [path.join(__dirname, 'transports.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) return { skipped: `transports.js failed: ${(child.stderr || '').trim().split('\n')[0]}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end transports ----

// ---- A2A agents (bench/a2a.js) ----
/** In a fresh process; it starts examples/a2a-agent itself. A failure skips these figures with the reason, not the whole bench. */
function a2aFigures() {
  const args = [path.join(__dirname, 'a2a.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000 });
  if (child.status !== 0) return { skipped: `a2a.js failed: ${(child.stderr || '').trim().split('\n')[0]}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end A2A agents ----

// ---- MCP tools as agents (bench/mcp.js) ----
/** In a fresh process (it spawns its own MCP servers); a failure skips these figures with the reason, not the whole bench. */
function mcpFigures() {
  const args = [path.join(__dirname, 'mcp.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) return { skipped: `mcp.js failed: ${(child.stderr || '').trim().split('\n')[0]}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end MCP ----

// ---- observability (bench/observability.js) ----
/** In a fresh process (it starts the OpenTelemetry SDK, which stays for the process); a failure skips these figures. */
function observabilityFigures() {
  const args = [path.join(__dirname, 'observability.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000 });
  if (child.status !== 0) return { skipped: `observability.js failed: ${(child.stderr || '').trim().split('\n').pop()}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end observability ----

// ---- run store (bench/persistence.js) ----
/** In a fresh process (it opens SQLite files and PostgreSQL pools); a failure skips these figures. */
function persistenceFigures() {
  const args = [path.join(__dirname, 'persistence.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000 });
  if (child.status !== 0) return { skipped: `persistence.js failed: ${(child.stderr || '').trim().split('\n').pop()}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end run store ----

// ---- web console (bench/web.js) ----
/** In a fresh process (it starts a host and headless Chromium; needs apps/web/dist built); a failure skips these figures. */
function webFigures() {
  const args = [path.join(__dirname, 'web.js'), '--json', ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000 });
  if (child.status !== 0) return { skipped: `web.js failed: ${(child.stderr || '').trim().split('\n').pop()}` };
  return JSON.parse(child.stdout.trim().split('\n').pop());
}
// ---- end web console ----

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

async function main() {
  const overhead = [];
  for (const [shape, make] of [['wide fan-out 1000', () => wideFanOut(1000)], ['chain 200', () => chain(200)]]) {
    const baseline = await bareOverhead(make);
    for (const strategy of ['hybrid', 'parallel', 'sequential']) {
      const us = await perNodeOverhead(make, strategy);
      overhead.push({ shape, strategy, usPerNode: round(us), baselineUsPerNode: round(baseline), target: '<= 5', ok: us <= 5 ? 'yes' : 'NO' });
    }
  }
  const scenarios = await scenarioRatios();
  const planning = await planningFigures();
  const big = tenThousand();
  const api = apiFigures();
  const burst = burstFigures();
  const scaling = scalingFigures(); // per-node cost by graph size, CLI per task (bench/scaling.js)
  const cliQuality = require('./cli-quality').cliQuality(); // quality on vs off through the CLI (bench/cli-quality.js)
  const transports = transportFigures(); // remote agents over NATS and gRPC (bench/transports.js)
  const a2a = a2aFigures(); // A2A agents, pooled vs unpooled HTTP (bench/a2a.js)
  const mcp = mcpFigures(); // MCP tools as agents over stdio and Streamable HTTP (bench/mcp.js)
  const observability = observabilityFigures(); // metrics and tracing on vs off (bench/observability.js)
  const persistence = persistenceFigures(); // append cost per event in each run store (bench/persistence.js)
  const web = webFigures(); // the web console's first paint and frame times (bench/web.js)

  console.log('\nPer-node engine overhead (zero-work simulator agents, events consumed; baseline = bare dependency-counter loop)');
  console.log(table(overhead, ['shape', 'strategy', 'usPerNode', 'baselineUsPerNode', 'target', 'ok']));
  console.log('\nMakespan vs critical path on the scenarios (real timers)');
  console.log(table(scenarios, ['scenario', 'strategy', 'makespanMs', 'plannedCriticalPathMs', 'measuredCriticalPathMs', 'makespanOverPlannedCp', 'makespanOverMeasuredCp']));
  console.log('\nPlanning, analysis and quality scoring');
  console.log(table(planning, ['figure', 'coldMs', 'warmMs', 'target']));
  console.log('\n10 000-node random DAG (fresh process)');
  console.log(table([big], ['nodes', 'edges', 'validateMs', 'runMs', 'totalMs', 'rssMb', 'targetTotalMs', 'targetRssMb']));
  console.log('\nHTTP API (host in its own process; 3-task zero-work plans; SSE latency with 50 concurrent runs)');
  console.log('two requests = POST /v1/runs + GET events; one request = POST /v1/runs/stream');
  console.log(table([api], ['engineAloneP50Ms', 'apiRunP50Ms', 'apiRunP99Ms', 'apiOverheadP50Ms', 'oneRequestRunP50Ms', 'oneRequestOverheadP50Ms', 'targetOverheadP50Ms', 'runsPerSecond']));
  console.log(table([api], ['concurrentRuns', 'sseEventsMeasured', 'sseLatencyP50Ms', 'sseLatencyP99Ms']));
  console.log('\nA burst of runs at once on one slot pool (hybrid, 2 ms tasks with a 100 ms timeout, far below the queue waits); fifo = the old global FIFO (baseline)');
  console.log(table(burst, ['policy', 'runs', 'tasksPerRun', 'capacity', 'p50Ms', 'p99Ms', 'p50OverP99', 'burstMs', 'failedTasks']));
  // ---- quality on vs off through the CLI (bench/cli-quality.js) ----
  console.log(`\nQuality scoring through the CLI: a fresh \`a2a-mcp run ${cliQuality.plan} --json\` per run, quality on vs ENABLE_QUALITY_VALIDATION=false (means)`);
  console.log(table([cliQuality], ['runsEach', 'qualityOnMeanMs', 'qualityOffMeanMs', 'ratio', 'targetRatio', 'ok', 'qualityOnMakespanMs', 'qualityOffMakespanMs', 'makespanRatio']));
  console.log(table([cliQuality.scoring], ['loadQualityMs', 'prepareSchemasMs', 'firstOutputUs', 'warmOutputUs', 'ajvLoaded']));
  // ---- end quality through the CLI ----
  // ---- per-node cost as graphs grow (bench/scaling.js) ----
  console.log('\nPer-node cost as the graph grows (hybrid, zero-work agents, every event consumed; each size in a fresh process), µs per node');
  console.log(table(scaling.perNode, ['shape', 'us1k', 'us10k', 'us100k', 'ratio10k', 'ratio100k', 'target']));
  console.log('Baseline: the floor (bench/floor.js: one record, two events and one result line per task, no engine) at the same sizes, µs per node');
  console.log(table(scaling.perNode, ['shape', 'floor1k', 'floor10k', 'floor100k', 'floorGrowth100k', 'aboveFloor1k', 'aboveFloor100k']));
  console.log('CLI end to end per task: a fresh `a2a-mcp run --json` of a 100- and a 10 000-task random plan (medians); floor = bench/floor.js as a fresh process');
  console.log(table([scaling.cli], ['cli100Ms', 'cli10kMs', 'cliUsPerTask', 'floorUsPerTask', 'target']));
  // ---- end scaling ----
  // ---- remote agents (bench/transports.js) ----
  if (transports.skipped) console.log(`\nRemote agents over NATS and gRPC: skipped (${transports.skipped})`);
  else require('./transports').printTransports(transports);
  // ---- end remote agents ----
  // ---- A2A agents (bench/a2a.js) ----
  if (a2a.skipped) console.log(`\nA2A agents: skipped (${a2a.skipped})`);
  else require('./a2a').printA2a(a2a);
  // ---- end A2A agents ----
  // ---- MCP tools as agents (bench/mcp.js) ----
  if (mcp.skipped) console.log(`\nMCP tools as agents: skipped (${mcp.skipped})`);
  else require('./mcp').printMcp(mcp);
  // ---- end MCP ----
  // ---- observability (bench/observability.js) ----
  if (observability.skipped) console.log(`\nObservability: skipped (${observability.skipped})`);
  else {
    console.log(`\nObservability on vs off: engine cost per node, ${observability.nodes}-node plans, hybrid, zero-work agents (medians, samples interleaved); goal on <= 2x off and <= 20 us/node`);
    console.log(table(observability.engine, ['shape', 'offUsPerNode', 'onUsPerNode', 'ratio', 'note']));
    console.log(`The OpenTelemetry SDK alone, two spans per node (started, one active over a promise, ended; same batch processor): ${observability.sdkSpanPairUs} us`);
    console.log('GET /metrics on a fresh host and after the host finished 10 000 runs (median ms, body bytes)');
    console.log(table([observability.scrape], ['freshScrapeMs', 'freshBytes', 'finishedRuns', 'scrapeMs', 'scrapeBytes']));
    console.log(`API per run (POST /v1/runs/stream of a ${observability.api.planTasks}-task plan, read to the end; median ms), tracing off vs on (every trace sampled)`);
    console.log(table([observability.api], ['tracingOffRunMs', 'tracingOnRunMs', 'tracingOverheadMs']));
  }
  // ---- end observability ----
  // ---- run store (bench/persistence.js) ----
  if (persistence.skipped) console.log(`\nRun store: skipped (${persistence.skipped})`);
  else require('./persistence').printPersistence(persistence);
  // ---- end run store ----
  // ---- web console (bench/web.js) ----
  if (web.skipped) console.log(`\nWeb console: skipped (${web.skipped})`);
  else require('./web').printWeb(web);
  // ---- end web console ----

  const out = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: require('node:os').cpus().length,
    repeats,
    overhead,
    scenarios,
    planning,
    tenThousand: big,
    api,
    burst,
    scaling,
    cliQuality,
    transports,
    a2a,
    mcp,
    observability,
    persistence,
    web,
  };
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
