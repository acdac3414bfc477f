#!/usr/bin/env node
'use strict';
// Remote agents: NATS and gRPC round trips for a zero-work simulator task, measured through the host's
// client executors directly (the in-process registry beside them), tasks/s with 1 and 2 replicas of
// the built demo-agents app (child processes), and a 1 000-task wide plan over each transport.
// Needs NATS on NATS_URL (default nats://127.0.0.1:4222; `bash tools/dev-services.sh`) and the
// libraries and apps/demo-agents built (it builds the app when its dist is missing).
// Alone: `node bench/transports.js [--quick]` prints a table; `--json` prints one JSON line (bench/run.js).
const { spawn, spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ParallelWorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
const { AgentRegistry, createSimulatorAgent } = require('@a2a-mcp/agents');
const { GrpcAgentClient, NatsAgentClient, natsSubjectPrefix } = require('@a2a-mcp/transports');
const { wideFanOut } = require('./shapes');
const { round } = require('./stats');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const MAIN = path.join(__dirname, '..', 'apps', 'demo-agents', 'dist', 'main.js');
const roundTrips = quick ? 300 : 3000;
const warmup = quick ? 50 : 300;
const throughputTasks = quick ? 2000 : 20000;
const inFlight = 64;
const wideWidth = 1000;
// Our own subjects: nothing else on the server takes these tasks.
const prefix = `bench${randomUUID().slice(0, 8)}.`;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const zeroWorkTask = (runId, taskId = 't') => ({ runId, taskId, description: 'zero work', agent: 'simulator', input: { durationMs: 0 }, dependencyOutputs: {}, metadata: {} });

/** One replica of the built app; resolves with its gRPC address once it prints its start line. */
function startReplica(replicaId) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH || '', NATS_URL, AGENTS_REPLICA_ID: replicaId, AGENTS_GRPC_PORT: '0', AGENTS_GRPC_HOST: '127.0.0.1', METRICS_PORT: '0', AGENTS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk) => {
      printed += chunk.toString();
      const match = /gRPC (\S+) \(port \d+\)/.exec(printed);
      if (match) resolve({ child, address: match[1], stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`replica ${replicaId} exited (${code}):\n${printed}`)));
  });
}

/**
 * Sequential round trips, one fresh attempt key each (the replica's dedup would answer a repeat from
 * memory). A failed call is counted and shown beside the figures, not timed and not hidden.
 */
async function roundTrip(executor) {
  const samples = [];
  let failed = 0;
  let firstError;
  for (let i = 0; i < warmup + roundTrips; i++) {
    const { ctx } = createStandaloneContext({ runId: `rt-${randomUUID()}` });
    const started = performance.now();
    try {
      await executor.execute(zeroWorkTask(ctx.runId), ctx);
    } catch (error) {
      failed++;
      firstError ??= `${error.code ?? ''} ${error.message}`.trim();
      continue;
    }
    if (i >= warmup) samples.push(performance.now() - started);
  }
  const p50Ms = round(percentile(samples, 50), 3);
  if (failed > 0) console.error(`${failed} of ${warmup + roundTrips} round trips failed, first: ${firstError}`);
  return { p50Ms: failed === 0 ? p50Ms : `${p50Ms} (${failed} failed)`, p99Ms: round(percentile(samples, 99), 3) };
}

/** `throughputTasks` zero-work tasks with `inFlight` at once: tasks per second, and how many failed (counted, not retried). */
async function throughput(executor) {
  let next = 0;
  let failed = 0;
  let firstError;
  const runId = `tp-${randomUUID()}`;
  const worker = async () => {
    while (next < throughputTasks) {
      const id = `t${next++}`;
      const { ctx } = createStandaloneContext({ runId, taskId: id });
      try {
        await executor.execute(zeroWorkTask(runId, id), ctx);
      } catch (error) {
        failed++;
        firstError ??= `${error.code ?? ''} ${error.message}`.trim();
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const perSecond = Math.round((throughputTasks - failed) / ((performance.now() - started) / 1000));
  if (failed > 0) console.error(`${failed} of ${throughputTasks} tasks failed, first: ${firstError}`);
  return failed === 0 ? perSecond : `${perSecond} (${failed} failed)`;
}

/** A 1 000-leaf fan-out through the engine, every task over `executor`, at most 64 at once (the host's default). */
async function widePlan(executor) {
  const specs = wideFanOut(wideWidth);
  const started = performance.now();
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs), executor, { runId: `wide-${randomUUID()}`, strategy: 'parallel', maxConcurrency: inFlight });
  const result = await run.result;
  const makespanMs = performance.now() - started;
  // Failed tasks are reported, not hidden: a transport that drops calls under load shows here.
  const failed = Object.values(result.tasks).filter((task) => task.status !== 'completed').length;
  if (failed > 0) console.error(`the wide plan ended ${result.status}: ${failed} task(s) not completed, e.g. ${JSON.stringify(Object.values(result.tasks).find((task) => task.error)?.error)}`);
  return { makespanMs: failed === 0 ? round(makespanMs) : `${round(makespanMs)} (${failed} not completed)`, usPerTask: round((makespanMs * 1000) / specs.length) };
}

async function measure() {
  if (!fs.existsSync(MAIN)) {
    const build = spawnSync('npx', ['nx', 'run', 'demo-agents:build', '--output-style=stream'], { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    if (build.status !== 0) throw new Error('building apps/demo-agents failed');
  }
  const local = new AgentRegistry([createSimulatorAgent()]);
  const nats = new NatsAgentClient({ url: NATS_URL, subjectPrefix: natsSubjectPrefix(prefix) });
  const grpc = new GrpcAgentClient({ poolSize: 4, heartbeatMs: 1000, missedBeats: 3 });
  const replicas = [await startReplica('bench-1')];
  try {
    const executors = {
      'in-process': local,
      nats: nats.executorFor('simulator'),
      grpc: grpc.executorFor('simulator', replicas[0].address),
    };
    const rows = [];
    for (const [transport, executor] of Object.entries(executors)) {
      const rt = await roundTrip(executor);
      const oneReplica = await throughput(executor);
      rows.push({ transport, roundTripP50Ms: rt.p50Ms, roundTripP99Ms: rt.p99Ms, tasksPerSecond1: oneReplica });
    }
    replicas.push(await startReplica('bench-2'));
    // gRPC is pinned to one address: two replicas are two addresses, spread by the caller.
    const grpcBoth = [replicas[0].address, replicas[1].address].map((address) => grpc.executorFor('simulator', address));
    let turn = 0;
    const spreadGrpc = { execute: (task, ctx) => grpcBoth[turn++ % 2].execute(task, ctx) };
    for (const row of rows) {
      const executor = row.transport === 'in-process' ? local : row.transport === 'nats' ? executors.nats : spreadGrpc;
      row.tasksPerSecond2 = row.transport === 'in-process' ? '-' : await throughput(executor);
      const wide = await widePlan(executor);
      row.wideMakespanMs = wide.makespanMs;
      row.wideUsPerTask = wide.usPerTask;
    }
    const natsRow = rows.find((row) => row.transport === 'nats');
    // A measurement with failed calls carries "(N failed)" / "(N not completed)" in its cell.
    const unclean = (transport) => {
      const row = rows.find((r) => r.transport === transport);
      return ['roundTripP50Ms', 'tasksPerSecond1', 'tasksPerSecond2', 'wideMakespanMs'].filter((column) => typeof row[column] === 'string' && /failed|not completed/.test(row[column]));
    };
    return {
      roundTrips,
      inFlight,
      wideTasks: wideWidth + 2,
      rows,
      goals: {
        natsP50Ms: { target: '<= 0.5', value: natsRow.roundTripP50Ms, ok: natsRow.roundTripP50Ms <= 0.5 ? 'yes' : 'NO' },
        natsTasksPerSecond2: { target: '>= 3000', value: natsRow.tasksPerSecond2, ok: natsRow.tasksPerSecond2 >= 3000 ? 'yes' : 'NO' },
        ...Object.fromEntries(
          ['nats', 'grpc'].map((transport) => {
            const failing = unclean(transport);
            return [`${transport}NoFailedCalls`, { target: 'none', value: failing.length === 0 ? 'none' : `in ${failing.join(', ')}`, ok: failing.length === 0 ? 'yes' : 'NO' }];
          }),
        ),
      },
    };
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await nats.close();
    grpc.close();
  }
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

const COLUMNS = ['transport', 'roundTripP50Ms', 'roundTripP99Ms', 'tasksPerSecond1', 'tasksPerSecond2', 'wideMakespanMs', 'wideUsPerTask'];

/** The table bench/run.js prints too. */
function printTransports(figures) {
  console.log(`\nRemote agents: zero-work simulator tasks through the host's client executors (${figures.roundTrips} sequential round trips; tasks/s with ${figures.inFlight} in flight and 1 or 2 replicas of apps/demo-agents; a ${figures.wideTasks}-task wide plan, ${figures.inFlight} at once)`);
  console.log(table(figures.rows, COLUMNS));
  console.log(table(Object.entries(figures.goals).map(([goal, g]) => ({ goal, ...g })), ['goal', 'target', 'value', 'ok']));
}

module.exports = { measure, printTransports };

if (require.main === module) {
  measure().then(
    (figures) => {
      if (asJson) process.stdout.write(`${JSON.stringify(figures)}\n`);
      else printTransports(figures);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
