#!/usr/bin/env node
'use strict';
// A burst of runs submitted at once against one global slot pool (what MAX_CONCURRENT_TASKS and
// SCHEDULING_POLICY configure on the host): the time from submission to each run's end, p50 and p99,
// per policy. `fifo` is the behaviour before scheduling by run (the baseline). Every task has a 100 ms
// timeout, far shorter than the burst: a task that waits for a slot must not time out (it is
// `queued`, not running), so failedTasks must be 0. Prints one JSON object.
const { performance } = require('node:perf_hooks');
const { ParallelWorkflowGraph, TaskSlotPool, runWorkflow } = require('@a2a-mcp/core-graph');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { round: roundTo } = require('./stats');
const round = (value, digits = 1) => roundTo(value, digits);

const quick = process.argv.includes('--quick');
const RUNS = quick ? 60 : 200;
const TASKS = 50;
const CAPACITY = 64;
const TASK_MS = 2;
const TASK_TIMEOUT_MS = 100;

function plan(run) {
  const task = (id, dependencies) => ({ id, description: `${id} of run ${run}`, agent: 'simulator', dependencies, input: { durationMs: TASK_MS }, timeoutMs: TASK_TIMEOUT_MS });
  const tasks = [task('root', [])];
  const leaves = [];
  for (let i = 0; i < TASKS - 2; i++) {
    tasks.push(task(`leaf${i}`, ['root']));
    leaves.push(`leaf${i}`);
  }
  tasks.push(task('sink', leaves));
  return tasks;
}

async function burst(policy) {
  const registry = createDemoRegistry();
  const pool = new TaskSlotPool(CAPACITY, policy);
  const plans = Array.from({ length: RUNS }, (_, run) => plan(run));
  let failedTasks = 0;
  const started = performance.now();
  const latencies = await Promise.all(
    plans.map((tasks) =>
      runWorkflow(ParallelWorkflowGraph.fromSpecs(tasks), registry, { strategy: 'hybrid', slots: pool.lane() }).result.then((result) => {
        failedTasks += result.failed.length;
        return performance.now() - started;
      }),
    ),
  );
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { policy, runs: RUNS, tasksPerRun: TASKS, capacity: CAPACITY, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), burstMs: round(total), p50OverP99: round(at(0.5) / at(0.99), 3), failedTasks };
}

async function main() {
  const rows = [];
  await burst('run-order'); // warm-up
  for (const policy of ['fifo', 'run-order', 'fair']) rows.push(await burst(policy));
  process.stdout.write(JSON.stringify(rows) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exitCode = 1;
});
