#!/usr/bin/env node
'use strict';
// Quality scoring as a CLI user pays for it: `a2a-mcp run examples/ecommerce-order.json --json` in a
// fresh process with quality on (the default) vs ENABLE_QUALITY_VALIDATION=false, runs interleaved so
// machine noise hits both alike; plus the scorer's cost per output in a fresh process (first output
// and steady state). Needs the CLI built. `node bench/cli-quality.js [--runs N]` prints one JSON object.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { round } = require('./stats');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'apps', 'cli', 'bin', 'a2a-mcp.js');
const PLAN = path.join(ROOT, 'examples', 'ecommerce-order.json');
const WARMUP_RUNS = 3;
// Quality on may cost at most this much more than quality off, end to end.
const TARGET_RATIO = 1.05;

/** One fresh `a2a-mcp run --json`: its wall time and the run's makespan. */
function runCli(qualityOn) {
  const env = { ...process.env, ENABLE_QUALITY_VALIDATION: qualityOn ? 'true' : 'false' };
  const started = performance.now();
  const child = spawnSync(process.execPath, [BIN, 'run', PLAN, '--json'], { encoding: 'utf8', env, timeout: 60_000 });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`a2a-mcp run (quality ${qualityOn ? 'on' : 'off'}) exited ${child.status}: ${child.stderr.slice(0, 500)}`);
  const result = JSON.parse(child.stdout);
  const scores = Object.values(result.tasks).map((task) => task.qualityScore);
  // Guards the comparison: quality on must have scored every task, quality off none.
  if (scores.some((score) => (qualityOn ? typeof score !== 'number' : score !== null && score !== undefined))) {
    throw new Error(`quality ${qualityOn ? 'on' : 'off'}: unexpected scores ${JSON.stringify(scores)}`);
  }
  return { wallMs, makespanMs: result.makespanMs };
}

function cliQuality(runs = 20) {
  const samples = { on: [], off: [] };
  // Warm-up: the OS file cache, not V8 (every run is a fresh process anyway).
  for (let i = 0; i < WARMUP_RUNS; i++) {
    runCli(true);
    runCli(false);
  }
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always follows the other.
    const order = i % 2 === 0 ? [true, false] : [false, true];
    for (const qualityOn of order) samples[qualityOn ? 'on' : 'off'].push(runCli(qualityOn));
  }
  const wallOn = mean(samples.on.map((s) => s.wallMs));
  const wallOff = mean(samples.off.map((s) => s.wallMs));
  const makespanOn = mean(samples.on.map((s) => s.makespanMs));
  const makespanOff = mean(samples.off.map((s) => s.makespanMs));
  return {
    plan: 'examples/ecommerce-order.json',
    runsEach: runs,
    qualityOnMeanMs: round(wallOn),
    qualityOffMeanMs: round(wallOff),
    ratio: round(wallOn / wallOff, 3),
    qualityOnMakespanMs: round(makespanOn),
    qualityOffMakespanMs: round(makespanOff),
    makespanRatio: round(makespanOn / makespanOff, 3),
    targetRatio: `<= ${TARGET_RATIO}`,
    ok: wallOn / wallOff <= TARGET_RATIO ? 'yes' : 'NO',
    scoring: freshScoring(),
  };
}

/** The scorer in a fresh process (this file with --scoring-child). */
function freshScoring() {
  const child = spawnSync(process.execPath, [__filename, '--scoring-child'], { encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`scoring child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

/** Load, prepare the demo agents' schemas, score one demo output cold, then warm. */
async function scoringChild() {
  const t0 = performance.now();
  const { createQualityScorer, prepareOutputSchemas } = require('@a2a-mcp/quality');
  const loadMs = performance.now() - t0;
  const { createDemoRegistry } = require('@a2a-mcp/agents');
  const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
  const registry = createDemoRegistry();
  const t1 = performance.now();
  const outputSchemas = prepareOutputSchemas(registry.cards());
  const prepareMs = performance.now() - t1;
  const scorer = createQualityScorer({ outputSchemas, resolveAgentDomain: (name) => registry.get(name)?.card.skills[0]?.metadata?.qualityDomain });
  const task = { runId: 'bench', taskId: 'payment', description: "Charge the customer's card for order #1042", agent: 'payment_processor', input: {}, dependencyOutputs: {}, metadata: { qualityDomain: 'SERVICE' } };
  const output = await registry.get('payment_processor').execute(task, createStandaloneContext({ runId: 'bench', taskId: 'payment' }).ctx);
  const t2 = performance.now();
  const verdict = scorer(task, output);
  const firstUs = (performance.now() - t2) * 1000;
  if (!verdict?.approved) throw new Error(`the demo output was not approved: ${JSON.stringify(verdict)}`);
  for (let i = 0; i < 2000; i++) scorer(task, output);
  const rounds = 20_000;
  const t3 = performance.now();
  for (let i = 0; i < rounds; i++) scorer(task, output);
  const warmUs = ((performance.now() - t3) * 1000) / rounds;
  const ajvLoaded = Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]ajv[\\/]dist[\\/](ajv|2020|core)\.js$/.test(file));
  process.stdout.write(JSON.stringify({ loadQualityMs: round(loadMs), prepareSchemasMs: round(prepareMs), firstOutputUs: round(firstUs), warmOutputUs: round(warmUs), ajvLoaded }));
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

module.exports = { cliQuality };

if (require.main === module) {
  if (process.argv.includes('--scoring-child')) {
    scoringChild().catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  } else {
    const at = process.argv.indexOf('--runs');
    process.stdout.write(JSON.stringify(cliQuality(at === -1 ? 20 : Number(process.argv[at + 1])), null, 2) + '\n');
  }
}
