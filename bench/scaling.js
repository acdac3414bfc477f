#!/usr/bin/env node
'use strict';
// Per-node engine cost as the graph grows (each size in a fresh process, so one size's heap does not
// tax the next), and the CLI end to end per task (a fresh `a2a-mcp run --json` per plan size).
// Prints one JSON object. Usage: node bench/scaling.js [--quick] | node bench/scaling.js --size N --shape S
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { median, round } = require('./stats');

const SHAPES = ['wide', 'chain', 'random'];
const WARM_UP_NODES = 2_000;
const WARM_UP_RUNS = 30;

async function measureInProcess(size, shape, repeats) {
  const { WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
  const { createDemoRegistry } = require('@a2a-mcp/agents');
  const { wideFanOut, chain, randomDag } = require('./shapes');
  const specs = shape === 'wide' ? wideFanOut(size - 2) : shape === 'chain' ? chain(size) : randomDag(size, 3);
  const registry = createDemoRegistry();
  const samples = [];
  // Warm up on the same shape (a prefix of the plan is still a DAG), so every size is measured in the
  // steady state: a 1-node warm-up left the first runs of 1 000 nodes to the interpreter, which
  // inflated the 1 000 figure (and flattered the ratios).
  const warmSpecs = specs.slice(0, Math.min(specs.length, WARM_UP_NODES));
  for (let i = 0; i < WARM_UP_RUNS; i++) await drain(runWorkflow(WorkflowGraph.fromSpecs(warmSpecs), registry, { strategy: 'hybrid' }));
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), registry, { strategy: 'hybrid' });
    const result = await drain(run);
    const elapsed = performance.now() - started;
    if (result.successful.length !== specs.length) throw new Error(`${shape} ${size}: ${result.status}`);
    samples.push((elapsed * 1000) / specs.length);
  }
  return median(samples);
}

/** The floor (bench/floor.js) at the same size and shape, warmed up the same way. */
async function measureFloor(size, shape, repeats) {
  const { floorRun } = require('./floor');
  const { wideFanOut, chain, randomDag } = require('./shapes');
  const specs = shape === 'wide' ? wideFanOut(size - 2) : shape === 'chain' ? chain(size) : randomDag(size, 3);
  const warmSpecs = specs.slice(0, Math.min(specs.length, WARM_UP_NODES));
  for (let i = 0; i < WARM_UP_RUNS * 5; i++) await floorRun(warmSpecs, false);
  const samples = [];
  for (let i = 0; i < repeats * 3; i++) {
    const started = performance.now();
    await floorRun(specs, false);
    samples.push(((performance.now() - started) * 1000) / specs.length);
  }
  return median(samples);
}

/** Consumes every event (as a client would), then the result. */
async function drain(run) {
  let events = 0;
  for await (const _event of run) events++;
  const result = await run.result;
  if (events < result.successful.length * 2) throw new Error(`only ${events} events for ${result.successful.length} tasks`);
  return result;
}

function childFigure(size, shape, repeats) {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--size', String(size), '--shape', shape, '--repeats', String(repeats)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (child.status !== 0) throw new Error(`scaling child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

/**
 * Wall time of one `a2a-mcp run --json` on a fresh process, median of `repeats`. Runs the launcher:
 * `dist/main.js` only exports `main()`, so running it directly measured module loading and nothing else.
 */
function cliRunMs(planFile, tasks, repeats, floor = false) {
  const cli = path.join(__dirname, '..', 'apps', 'cli', 'bin', 'a2a-mcp.js');
  const args = floor ? [path.join(__dirname, 'floor.js'), planFile] : [cli, 'run', planFile, '--json', '--strategy', 'hybrid'];
  const samples = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1 << 30,
    });
    samples.push(performance.now() - started);
    if (child.status !== 0) throw new Error(`a2a-mcp run ${planFile} exited ${child.status}: ${child.stderr.slice(0, 500)}`);
    const completed = JSON.parse(child.stdout).successful.length;
    if (completed !== tasks) throw new Error(`a2a-mcp run ${planFile}: ${completed} of ${tasks} tasks completed`);
  }
  return median(samples);
}

function cliFigures(repeats) {
  const { randomDag } = require('./shapes');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-mcp-bench-'));
  try {
    const write = (size) => {
      const file = path.join(dir, `plan-${size}.json`);
      fs.writeFileSync(file, JSON.stringify({ tasks: randomDag(size, 3) }));
      return file;
    };
    const smallFile = write(100);
    const largeFile = write(10_000);
    const perTask = (small, large) => ((large - small) * 1000) / (10_000 - 100);
    const small = cliRunMs(smallFile, 100, repeats);
    const large = cliRunMs(largeFile, 10_000, repeats);
    const floor = perTask(cliRunMs(smallFile, 100, repeats, true), cliRunMs(largeFile, 10_000, repeats, true));
    return { cli100Ms: round(small), cli10kMs: round(large), cliUsPerTask: round(perTask(small, large)), floorUsPerTask: round(floor) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Small runs are short and noisy on a shared machine: more of them for the median. */
function repeatsFor(size, quick) {
  if (size >= 100_000) return quick ? 1 : 3;
  if (size >= 10_000) return quick ? 3 : 7;
  return quick ? 5 : 15;
}

async function main() {
  const argv = process.argv;
  const at = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  if (at('--size')) {
    const [size, shape, repeats] = [Number(at('--size')), at('--shape'), Number(at('--repeats') ?? 5)];
    const usPerNode = await measureInProcess(size, shape, repeats);
    const floorUsPerNode = await measureFloor(size, shape, repeats);
    process.stdout.write(JSON.stringify({ usPerNode, floorUsPerNode }) + '\n');
    return;
  }
  const quick = argv.includes('--quick');
  const rows = [];
  for (const shape of SHAPES) {
    const figures = {};
    for (const size of [1_000, 10_000, 100_000]) figures[size] = childFigure(size, shape, repeatsFor(size, quick));
    const engine = (size) => figures[size].usPerNode;
    const floor = (size) => figures[size].floorUsPerNode;
    rows.push({
      shape,
      us1k: round(engine(1000)),
      us10k: round(engine(10000)),
      us100k: round(engine(100000)),
      ratio10k: round(engine(10000) / engine(1000)),
      ratio100k: round(engine(100000) / engine(1000)),
      target: '≤ 1.5× the 1 000 figure',
      floor1k: round(floor(1000), 3),
      floor10k: round(floor(10000), 3),
      floor100k: round(floor(100000), 3),
      // The engine's cost above the floor: what the engine itself adds per node at each size.
      aboveFloor1k: round(engine(1000) - floor(1000)),
      aboveFloor100k: round(engine(100000) - floor(100000)),
      floorGrowth100k: round(floor(100000) - floor(1000)),
    });
  }
  const cli = cliFigures(quick ? 3 : 5);
  process.stdout.write(JSON.stringify({ perNode: rows, cli: { ...cli, target: '≤ 20 µs per task' } }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exitCode = 1;
});
