#!/usr/bin/env node
'use strict';
// `npm run load`: 200 concurrent runs × 50 simulator tasks through the HTTP API, each with an SSE
// subscriber, three rounds, against the built host on the durable store (SQLite by default). Per round:
// throughput (tasks/s), task dispatch latency p50/p99 (a task's start minus the moment it became ready,
// from the run's own events), the host's RSS after the round, its V8 heap after a full garbage collection
// (asked for through the host's inspector), and the store's size. No leak: the last round's heap after GC
// may not exceed the first's by more than 25 %. RSS is shown too but not judged: V8 keeps freed pages
// for a while, so RSS after a round swings by ±30 % with no growth underneath.
// Options: --runs N (200), --tasks N (50), --rounds N (3), --store sqlite|postgres|memory, --json.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./free-port');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const RUNS = Number(option('--runs', '200'));
const TASKS = Number(option('--tasks', '50'));
const ROUNDS = Number(option('--rounds', '3'));
const STORE = option('--store', 'sqlite');
const JSON_OUT = argv.includes('--json');
const HOST_MAIN = path.join(root, 'apps/orchestrator/dist/main.js');

// The inspector client needs a WebSocket: global on Node 22+, behind a flag on Node 20.
if (typeof WebSocket === 'undefined' && !process.execArgv.includes('--experimental-websocket')) {
  const child = require('node:child_process').spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings', __filename, ...argv], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

async function main() {
  if (!fs.existsSync(HOST_MAIN)) throw new Error('apps/orchestrator/dist/main.js is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-mcp-load-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_STORE: STORE,
    DATA_DIR: dataDir,
    ...(STORE === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', DATABASE_SCHEMA: `load_${process.pid}` } : {}),
    LOG_LEVEL: 'error',
    MAX_CONCURRENT_TASKS: '256',
    RATE_LIMIT_RUNS_PER_MINUTE: '0',
    SSE_MAX_CLIENTS_PER_CALLER: '100000',
    RUN_RETENTION: '100000',
    ENABLE_OBSERVABILITY: 'true',
  };
  // The inspector on a free loopback port: the bench asks the host for a full GC and its memory after each round.
  const host = spawn(process.execPath, ['--inspect=127.0.0.1:0', HOST_MAIN], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const inspectorUrl = inspectorAddress(host);
  const rows = [];
  let inspector;
  try {
    await waitHealthy(port, host);
    inspector = await connectInspector(await inspectorUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: RUNS * 2 + 10 });
    for (let round = 1; round <= ROUNDS; round++) {
      const started = Date.now();
      const runs = await Promise.all(Array.from({ length: RUNS }, (_, i) => oneRun(port, agent, plan(round, i))));
      const seconds = (Date.now() - started) / 1000;
      const latencies = runs.flatMap((run) => run.dispatchMs).sort((a, b) => a - b);
      const failed = runs.filter((run) => run.status !== 'completed').length;
      await sleep(1000); // finished runs leave memory once stored; let the last batches land
      const memory = await memoryAfterGc(inspector);
      rows.push({
        round,
        runs: RUNS,
        tasks: RUNS * TASKS,
        failedRuns: failed,
        seconds: round2(seconds),
        tasksPerSecond: Math.round((RUNS * TASKS) / seconds),
        dispatchP50Ms: round2(quantile(latencies, 0.5)),
        dispatchP99Ms: round2(quantile(latencies, 0.99)),
        rssMiB: round2(rssOf(host.pid) / 1_048_576),
        heapAfterGcMiB: round2(memory.heapUsed / 1_048_576),
        storeMiB: round2((STORE === 'postgres' ? await postgresBytes(env) : storeBytes(dataDir)) / 1_048_576),
      });
    }
    agent.destroy();
  } finally {
    inspector?.close();
    host.kill('SIGTERM');
    await new Promise((resolve) => host.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (STORE === 'postgres') await withPostgres(env, (client) => client.query(`DROP SCHEMA IF EXISTS "${env.DATABASE_SCHEMA}" CASCADE`));
  }
  const growth = rows.length > 1 ? rows[rows.length - 1].heapAfterGcMiB / rows[0].heapAfterGcMiB : 1;
  const out = { store: STORE, runsPerRound: RUNS, tasksPerRun: TASKS, rounds: rows, heapGrowth: round2(growth), leak: growth > 1.25 };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else {
    console.log(`load: ${RUNS} concurrent runs × ${TASKS} simulator tasks, an SSE subscriber each, ${ROUNDS} rounds, ${STORE} store`);
    console.table(rows);
    console.log(`heap after GC, last/first round: ${out.heapGrowth}× (${out.leak ? 'LEAK: more than 1.25×' : 'flat'})`);
  }
  if (out.leak || rows.some((row) => row.failedRuns > 0)) process.exitCode = 1;
}

/** A layered DAG of simulator tasks (5 ms each) so that tasks wait on dependencies and on slots. */
function plan(round, index) {
  const tasks = [];
  for (let i = 0; i < TASKS; i++) {
    const dependencies = i < 5 ? [] : [`t${i - 5}`, ...(i % 3 === 0 ? [`t${i - 4}`] : [])];
    tasks.push({ id: `t${i}`, description: `load ${round}.${index}.${i}`, agent: 'simulator', dependencies, input: { durationMs: 5 } });
  }
  return { tasks, coordinationStrategy: 'hybrid' };
}

/** POST the run, follow its SSE stream to the end, and compute each task's dispatch latency from the events. */
async function oneRun(port, agent, body) {
  const created = await request(port, agent, 'POST', '/v1/runs', { plan: body });
  if (created.status !== 201 && created.status !== 202) throw new Error(`POST /v1/runs answered ${created.status}: ${created.body.slice(0, 300)}`);
  const { runId } = JSON.parse(created.body);
  const events = await stream(port, agent, runId);
  const readyAt = new Map();
  const deps = new Map(body.tasks.map((task) => [task.id, task.dependencies]));
  const doneAt = new Map();
  const dispatchMs = [];
  let status = 'unknown';
  for (const event of events) {
    if (event.type === 'task_complete') doneAt.set(event.taskId, event.at);
    if (event.type === 'task_start' && event.attempt === 1) {
      const ready = Math.max(0, ...deps.get(event.taskId).map((dep) => doneAt.get(dep) ?? 0));
      readyAt.set(event.taskId, ready);
      dispatchMs.push(event.at - ready);
    }
    if (event.type === 'workflow_complete') status = event.result.status;
  }
  return { runId, status, dispatchMs };
}

function stream(port, agent, runId) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, agent, path: `/v1/runs/${runId}/events`, headers: { Accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream of ${runId}: ${res.statusCode}`));
        res.setEncoding('utf8');
        const events = [];
        let buffer = '';
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((line) => line.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) events.push(JSON.parse(data.slice(6)));
          }
        });
        res.on('end', () => resolve(events));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function request(port, agent, method, pathname, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, agent, path: pathname, method, headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function waitHealthy(port, child) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the host exited (${child.exitCode})`);
    try {
      if ((await request(port, undefined, 'GET', '/health')).status === 200) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('the host did not become healthy in 60 s');
    await sleep(100);
  }
}

/** The host's inspector WebSocket URL, from the line Node prints on stderr (other stderr passes through). */
function inspectorAddress(child) {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const match = /Debugger listening on (ws:\/\/\S+)/.exec((text += chunk));
      if (match) resolve(match[1]);
      for (const line of chunk.split('\n')) if (line.trim() !== '' && !/Debugger (listening|attached|ending)|For help, see|Waiting for the debugger/.test(line)) process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before its inspector listened`)));
  });
}

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
async function connectInspector(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot reach the host's inspector at ${url}`)), { once: true });
  });
  const pending = new Map();
  let next = 0;
  socket.addEventListener('message', (message) => {
    const reply = JSON.parse(String(message.data));
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.error) waiter.reject(new Error(`inspector: ${reply.error.message}`));
    else waiter.resolve(reply.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** process.memoryUsage() of the host after a full garbage collection (twice: the first frees what finalizers hold). */
async function memoryAfterGc(inspector) {
  await inspector.send('HeapProfiler.collectGarbage');
  await inspector.send('HeapProfiler.collectGarbage');
  const { result } = await inspector.send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
  return JSON.parse(result.value);
}

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** The run store's tables and indexes in its PostgreSQL schema. */
async function postgresBytes(env) {
  const { rows } = await withPostgres(env, (client) =>
    client.query(
      "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
      [env.DATABASE_SCHEMA],
    ),
  );
  return Number(rows[0].bytes);
}

async function withPostgres(env, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function storeBytes(dir) {
  let bytes = 0;
  for (const name of fs.readdirSync(dir)) bytes += fs.statSync(path.join(dir, name)).size;
  return bytes;
}

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
const round2 = (value) => Math.round(value * 100) / 100;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


main().catch((error) => {
  process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
