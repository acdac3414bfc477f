'use strict';
// Run store figures (libs/persistence): what appending an engine event costs, batched as the host
// batches them. 100 runs of a 499-task random plan (1001 events each: ~100 000 events, real event
// shapes from the engine) are appended interleaved, a tick at a time (10 or 1 events per run per tick,
// i.e. 1000 or 100 events a tick), without waiting for commits between ticks: ticks that arrive while
// a batch commits join the next one, as in the host. Time from the first append to the last commit,
// per event; memory is the baseline (JSON and bookkeeping, no database). Fresh store per sample.
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
// (a schema of its own, dropped at the end); unreachable, its rows are skipped.
// Usage: node bench/persistence.js [--quick] [--json]   (needs libs/persistence built: nx run persistence:build)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createRunStore } = require('../libs/persistence/dist');
const { randomDag } = require('./shapes');
const { median, round } = require('./stats');

const quick = process.argv.includes('--quick');
const RUNS = 100;
const TASKS = 499;
const SAMPLES = quick ? 1 : 3;
const TICK_EVENTS = [1000, 100];
const DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_persistence_${process.pid}`;

/** One real run's log (zero-work agents), then a copy per run id. */
async function engineLogs() {
  const template = [];
  const run = runWorkflow(WorkflowGraph.fromSpecs(randomDag(TASKS, 3)), { execute: async (task) => ({ ok: task.taskId }) }, {
    strategy: 'hybrid',
    onEvent: (event) => template.push(event),
  });
  await run.result;
  return Array.from({ length: RUNS }, (_, i) => {
    const runId = `bench-run-${i}`;
    return { runId, events: template.map((event) => ({ ...event, runId })) };
  });
}

function newRun(runId) {
  return { runId, createdAt: new Date().toISOString(), plan: { tasks: TASKS }, strategy: 'hybrid', strategyReason: 'requested', settings: {} };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/** µs per event appending every log, `perRun` events of each run per tick; and the batches it took. */
async function appendAll(store, logs, perRun) {
  await Promise.all(logs.map((log) => store.createRun(newRun(log.runId))));
  const before = (await store.stats()).flushes;
  const length = logs[0].events.length;
  const pending = new Set();
  const started = performance.now();
  for (let from = 0; from < length; from += perRun) {
    for (const log of logs) {
      const end = Math.min(length, from + perRun);
      for (let i = from; i < end; i++) pending.add(store.append(log.events[i]));
    }
    await nextTick();
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - started;
  const stats = await store.stats();
  const events = length * logs.length;
  if (stats.events !== events) throw new Error(`${store.kind}: ${stats.events} events stored, ${events} appended`);
  return { usPerEvent: (elapsedMs * 1000) / events, batches: stats.flushes - before, bytesPerEvent: stats.bytes / events, events };
}

/** A fresh, initialised store of `kind` and how to dispose of it. */
async function freshStore(kind, sample) {
  if (kind === 'memory') {
    const store = createRunStore({ kind, dataDir: '.', snapshotEvery: 1000 });
    await store.init();
    return { store, dispose: () => store.close() };
  }
  if (kind === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-mcp-bench-'));
    const store = createRunStore({ kind, dataDir, snapshotEvery: 1000 });
    await store.init();
    return { store, dispose: async () => (await store.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
  }
  const schema = `${SCHEMA}_${sample}`;
  const store = createRunStore({ kind, dataDir: '.', databaseUrl: DATABASE_URL, schema, snapshotEvery: 1000 });
  await store.init();
  return { store, dispose: async () => (await store.close(), await dropSchema(schema)) };
}

async function dropSchema(schema) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * The engine's cost per node with the store on, as the host records a run: every event appended as it
 * is emitted, the run done when its last event is committed. Against no store at all (the engine
 * alone). 1000-node random DAG, hybrid, zero-work agents; the stores' samples alternate.
 */
async function engineWithStore() {
  const NODES = 1000;
  const REPEATS = quick ? 5 : 15;
  const specs = randomDag(NODES, 3);
  const kinds = ['none', 'memory', 'sqlite', 'postgres'];
  const stores = {};
  const disposers = [];
  for (const kind of kinds.slice(1)) {
    try {
      const { store, dispose } = await freshStore(kind, `engine_${kind}`);
      stores[kind] = store;
      disposers.push(dispose);
    } catch (error) {
      stores[kind] = error;
    }
  }
  const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
  try {
    for (let i = 0; i < REPEATS + 2; i++) {
      for (const kind of kinds) {
        const store = stores[kind];
        if (store instanceof Error) continue;
        const runId = `engine-${kind}-${i}`;
        if (store) await store.createRun(newRun(runId));
        let last = Promise.resolve();
        const started = performance.now();
        const run = runWorkflow(WorkflowGraph.fromSpecs(specs), { execute: async (task) => ({ ok: task.taskId }) }, {
          runId,
          strategy: 'hybrid',
          onEvent: store ? (event) => (last = store.append(event)) : undefined,
        });
        await run.result;
        await last;
        const usPerNode = ((performance.now() - started) * 1000) / NODES;
        if (i >= 2) samples[kind].push(usPerNode); // two warm-up rounds
      }
    }
  } finally {
    for (const dispose of disposers) await dispose();
  }
  const base = median(samples.none);
  return kinds.map((kind) =>
    stores[kind] instanceof Error
      ? { store: kind, usPerNode: 'skipped', ratio: '-', note: String(stores[kind].message).split('\n')[0] }
      : { store: kind, usPerNode: round(median(samples[kind]), 2), ratio: round(median(samples[kind]) / base, 2), note: kind === 'none' ? 'the engine alone' : 'every event durable before the run ends' },
  );
}

async function figures() {
  const engine = await engineWithStore();
  const logs = await engineLogs();
  const rows = [];
  let sample = 0;
  for (const kind of ['memory', 'sqlite', 'postgres']) {
    for (const tickEvents of TICK_EVENTS) {
      const samples = [];
      try {
        for (let i = 0; i < SAMPLES; i++) {
          const { store, dispose } = await freshStore(kind, sample++);
          try {
            samples.push(await appendAll(store, logs, tickEvents / RUNS));
          } finally {
            await dispose();
          }
        }
      } catch (error) {
        rows.push({ store: kind, tickEvents, usPerEvent: 'skipped', batches: '-', bytesPerEvent: '-', note: String(error.message || error).split('\n')[0] });
        continue;
      }
      const us = median(samples.map((s) => s.usPerEvent));
      const chosen = samples.find((s) => s.usPerEvent === us);
      rows.push({
        store: kind,
        events: chosen.events,
        runs: RUNS,
        tickEvents,
        usPerEvent: round(us, 2),
        batches: chosen.batches,
        bytesPerEvent: round(chosen.bytesPerEvent, 0),
        note: kind === 'memory' ? 'baseline: JSON + bookkeeping' : kind === 'sqlite' ? 'WAL, synchronous=NORMAL' : 'one multi-row insert a batch',
      });
    }
  }
  return { runs: RUNS, tasksPerRun: TASKS, samples: SAMPLES, rows, engine };
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

/** The rows as bench/run.js prints them. */
function printPersistence(persistence) {
  console.log(
    `\nRun store: append cost per engine event, ${persistence.runs} runs x ${persistence.tasksPerRun}-task plans interleaved, committed in batches (median of ${persistence.samples}; memory = baseline)`,
  );
  console.log(table(persistence.rows, ['store', 'events', 'tickEvents', 'usPerEvent', 'batches', 'bytesPerEvent', 'note']));
  if (persistence.engine) {
    console.log('\nEngine cost per node with the run store on (1000-node random DAG, hybrid, zero-work agents; medians, samples interleaved)');
    console.log(table(persistence.engine, ['store', 'usPerNode', 'ratio', 'note']));
  }
}

module.exports = { printPersistence };

if (require.main === module) {
  figures()
    .then((result) => {
      if (process.argv.includes('--json')) console.log(JSON.stringify(result));
      else printPersistence(result);
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
