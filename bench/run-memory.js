#!/usr/bin/env node
'use strict';
// Heap a run holds per task, running (every event kept) and finished (compacted to its summary),
// which the host's memory budget estimates with (libs/orchestration/src/runs/run-footprint.ts).
// Run with --expose-gc. Prints one JSON object.
const { ParallelWorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { validatePlan } = require('@a2a-mcp/planner');
const { randomDag } = require('./shapes');

const TASKS = Number(process.argv[2] ?? 100_000);

function heap() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

async function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const registry = createDemoRegistry();
  const before = heap();
  const validation = validatePlan({ tasks: randomDag(TASKS, 3) }, { knownAgents: registry.names() });
  if (!validation.ok) throw new Error(validation.issues[0].message);
  const plan = validation.plan;
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(plan.tasks), registry, { strategy: 'hybrid' });
  await run.result;
  const running = heap(); // the run has every event, as a running run does near its end
  run.compactLog();
  const finished = heap();
  const perTask = (bytes) => Math.round((bytes - before) / TASKS);
  process.stdout.write(JSON.stringify({ tasks: TASKS, runningBytesPerTask: perTask(running), finishedBytesPerTask: perTask(finished), keep: [plan, run].length }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exitCode = 1;
});
