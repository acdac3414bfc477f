#!/usr/bin/env node
// `npm run chaos`: kills the host with SIGKILL at random moments while it runs randomized plans over
// remote agents, restarts it each time, and checks what durability promises:
//   - every acknowledged run (and every run the store knows) completes;
//   - no completed task ran twice: each attempt (idempotency key) started at most once on the agents,
//     and a task that completed never started a later attempt;
//   - no event lost or duplicated: a stream client that resumes with Last-Event-ID across every
//     restart receives exactly the stored log, once, in order, with gapless sequence numbers.
// Options: --kills N (default 100), --store sqlite|postgres (default sqlite), --seed S, --json, --quiet.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const args = parseArgs(process.argv.slice(2));
const KILLS = args.kills ?? 100;
const STORE = args.store ?? 'sqlite';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const random = mulberry32(args.seed ?? Date.now() % 1_000_000);
const log = (line) => {
  if (!args.quiet) process.stderr.write(`${line}\n`);
};

const HOST_MAIN = path.join(root, 'apps/orchestrator/dist/main.js');
const AGENTS_MAIN = path.join(root, 'apps/demo-agents/dist/main.js');

async function main() {
  for (const file of [HOST_MAIN, AGENTS_MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-mcp-chaos-'));
  const prefix = `chaos${process.pid}x${Math.floor(random() * 1e6)}.`;
  const port = await freePort();
  const schema = `chaos_${process.pid}`;
  const hostEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_STORE: STORE,
    DATA_DIR: dataDir,
    ...(STORE === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', DATABASE_SCHEMA: schema } : {}),
    HOST_ID: 'chaos-host',
    // Planned failures (failTimes) are the harness's, not a broken agent: a streak of them must not open the simulator's circuit.
    AGENT_CIRCUIT_FAILURES: '0',
    LEASE_TTL_MS: '3000',
    AGENTS_MODE: 'remote',
    AGENTS_SUBJECT_PREFIX: prefix,
    AGENTS_DISCOVERY_WINDOW_MS: '300',
    NATS_URL,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ENABLE_OBSERVABILITY: 'false',
    AUTH_MODE: 'none',
    RATE_LIMIT_RUNS_PER_MINUTE: '0',
    SHUTDOWN_GRACE_MS: '0',
    // Every run is checked at the end: none may be deleted by retention meanwhile.
    RUN_RETENTION: '1000000',
    OTEL_TRACES_EXPORTER: 'none',
  };
  const started = new Map(); // idempotency key -> times started on the agents
  const agents = spawnAgents(prefix, started);
  await agents.ready;

  const stats = { kills: 0, restarts: 0, acknowledged: 0, unacknowledged: 0, submitFailures: 0, reconnects: 0, redispatched: 0 };
  const runs = new Map(); // runId -> { stream }
  const t0 = Date.now();
  let host;
  try {
    for (let round = 0; round <= KILLS; round++) {
      host = await startHost(hostEnv, port);
      if (round > 0) stats.restarts++;
      if (round === KILLS) break;
      const lifeMs = 200 + Math.floor(random() * 1500);
      const until = Date.now() + lifeMs;
      while (Date.now() < until) {
        if (countUnfinished(runs) < 12) void submit(port, runs, stats);
        await sleep(20 + Math.floor(random() * 60));
      }
      host.kill('SIGKILL');
      await host.exited;
      stats.kills++;
      if (stats.kills % 10 === 0) log(`chaos: ${stats.kills}/${KILLS} kills, ${runs.size} runs so far`);
    }
    // Let the last incarnation finish everything.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const list = await listAll(port);
      for (const item of list) if (!runs.has(item.runId)) runs.set(item.runId, { stream: follow(port, item.runId, stats) });
      const unfinished = list.filter((item) => item.status === 'running');
      if (unfinished.length === 0 && list.length >= runs.size) break;
      if (Date.now() > deadline) {
        const missing = [...runs.keys()].filter((runId) => !list.some((item) => item.runId === runId));
        throw new Error(`after the last restart: ${unfinished.length} run(s) unfinished (${unfinished.map((r) => r.runId).join(', ')}), ${missing.length} acknowledged run(s) missing from the list (${missing.slice(0, 10).join(', ')})`);
      }
      await sleep(200);
    }
    const violations = [];
    let tasks = 0;
    let events = 0;
    for (const [runId, entry] of runs) {
      const received = await withTimeout(entry.stream.done, 60_000, `stream of ${runId}`);
      const stored = await replay(port, runId);
      events += stored.length;
      checkLog(runId, stored, received, started, violations, stats);
      tasks += stored.filter((event) => event.type === 'task_complete').length;
    }
    const summary = {
      store: STORE,
      kills: stats.kills,
      restarts: stats.restarts,
      runs: runs.size,
      acknowledged: stats.acknowledged,
      submitsCutByKill: stats.submitFailures,
      tasksCompleted: tasks,
      events,
      redispatchedAttempts: stats.redispatched,
      streamReconnects: stats.reconnects,
      agentAttemptsStarted: started.size,
      seconds: Math.round((Date.now() - t0) / 100) / 10,
      violations: violations.length,
    };
    if (args.json) process.stdout.write(`${JSON.stringify({ ...summary, violationList: violations.slice(0, 50) }, null, 2)}\n`);
    else {
      process.stdout.write(`chaos: ${summary.kills} kills, ${summary.runs} runs, ${summary.tasksCompleted} tasks, ${summary.events} events, ` +
        `${summary.redispatchedAttempts} attempts re-dispatched, ${summary.streamReconnects} stream reconnects, ${summary.seconds} s: ` +
        `${violations.length === 0 ? 'no violation' : `${violations.length} VIOLATION(S)`}\n`);
      for (const violation of violations.slice(0, 50)) process.stdout.write(`  ${violation}\n`);
    }
    process.exitCode = violations.length === 0 ? 0 : 1;
  } finally {
    if (host && host.exitCode === null) {
      host.kill('SIGTERM');
      await Promise.race([host.exited, sleep(5_000)]);
      host.kill('SIGKILL');
    }
    agents.child.kill('SIGTERM');
    await Promise.race([agents.exited, sleep(5_000)]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (STORE === 'postgres') await dropSchema(hostEnv.DATABASE_URL, schema);
  }
}

/** The PostgreSQL run's tables go with it. */
async function dropSchema(url, schema) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The checks, per run: complete, gapless, the stream equals the log, one completion per task, no attempt twice. */
function checkLog(runId, stored, received, started, violations, stats) {
  const say = (what) => violations.push(`run ${runId}: ${what}`);
  const seqs = stored.map((event) => event.seq);
  const first = seqs[0] === 0 ? 0 : 1;
  seqs.forEach((seq, i) => {
    if (seq !== first + i) say(`stored seq ${seq} at position ${i} (gap or duplicate)`);
  });
  const last = stored[stored.length - 1];
  if (!last || last.type !== 'workflow_complete') return say(`did not complete (last event ${last ? last.type : 'none'})`);
  if (last.result.status !== 'completed') say(`ended ${last.result.status}: ${JSON.stringify(last.result.failed)}`);
  if (received.length !== stored.length || received.some((event, i) => event.seq !== stored[i].seq || event.type !== stored[i].type)) {
    say(`the resumed stream got ${received.length} events (seqs ${received.slice(0, 5).map((e) => e.seq)}…), the store has ${stored.length}`);
  }
  const completions = new Map();
  const attempts = new Map(); // taskId -> Set(attempt) from task_start
  for (const event of stored) {
    if (event.type === 'task_complete') completions.set(event.taskId, (completions.get(event.taskId) ?? 0) + 1);
    if (event.type === 'task_start') {
      if (!attempts.has(event.taskId)) attempts.set(event.taskId, new Set());
      attempts.get(event.taskId).add(event.attempt);
      if (event.redispatched) stats.redispatched++;
    }
  }
  for (const [taskId, count] of completions) if (count !== 1) say(`task ${taskId} completed ${count} times in the log`);
  const completedAt = new Map(stored.filter((e) => e.type === 'task_complete').map((e) => [e.taskId, e.attempt]));
  for (const [key, times] of started) {
    if (!key.startsWith(`${runId}/`)) continue;
    const [, taskId, attempt] = key.split('/');
    if (times > 1) say(`attempt ${key} started ${times} times on the agents`);
    const done = completedAt.get(taskId);
    if (done !== undefined && Number(attempt) > done) say(`task ${taskId} completed at attempt ${done} yet attempt ${attempt} ran`);
    if (!attempts.get(taskId)?.has(Number(attempt))) say(`attempt ${key} ran but the log has no task_start for it`);
  }
}

function randomPlan() {
  const size = 3 + Math.floor(random() * 14);
  const tasks = [];
  for (let i = 0; i < size; i++) {
    const dependencies = [];
    for (let d = 0; d < 2 && i > 0; d++) if (random() < 0.5) dependencies.push(`t${Math.floor(random() * i)}`);
    const input = { durationMs: 20 + Math.floor(random() * 250) };
    const task = { id: `t${i}`, description: `chaos task ${i}`, agent: 'simulator', dependencies: [...new Set(dependencies)], input };
    if (random() < 0.15) {
      input.failTimes = 1;
      task.maxRetries = 2;
    }
    tasks.push(task);
  }
  const strategies = ['sequential', 'parallel', 'hybrid'];
  return { tasks, coordinationStrategy: strategies[Math.floor(random() * strategies.length)] };
}

function countUnfinished(runs) {
  let count = 0;
  for (const entry of runs.values()) if (!entry.stream.finished) count++;
  return count;
}

async function submit(port, runs, stats) {
  try {
    const response = await request(port, 'POST', '/v1/runs', { plan: randomPlan() });
    if (response.status === 201 || response.status === 202) {
      const { runId } = JSON.parse(response.body);
      stats.acknowledged++;
      runs.set(runId, { stream: follow(port, runId, stats) });
    } else if (response.status >= 500) stats.submitFailures++;
  } catch {
    // Cut by the kill: unacknowledged. If the store has it, the final listing picks it up.
    stats.submitFailures++;
  }
}

/** An SSE client that reconnects with Last-Event-ID until workflow_complete; `done` resolves with every event received. */
function follow(port, runId, stats) {
  const received = [];
  const state = { finished: false, done: undefined };
  state.done = (async () => {
    let lastId;
    for (;;) {
      try {
        await new Promise((resolve, reject) => {
          const headers = { Accept: 'text/event-stream' };
          if (lastId !== undefined) headers['Last-Event-ID'] = String(lastId);
          const req = http.get({ host: '127.0.0.1', port, path: `/v1/runs/${runId}/events`, headers }, (res) => {
            if (res.statusCode !== 200) {
              res.resume();
              return reject(new Error(`status ${res.statusCode}`));
            }
            res.setEncoding('utf8');
            let buffer = '';
            res.on('data', (chunk) => {
              buffer += chunk;
              let end;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                const frame = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const data = frame.split('\n').find((line) => line.startsWith('data: '));
                if (!data) continue;
                const event = JSON.parse(data.slice(6));
                received.push(event);
                lastId = event.seq;
                if (event.type === 'workflow_complete') state.finished = true;
              }
            });
            res.on('end', resolve);
            res.on('error', reject);
          });
          req.on('error', reject);
        });
      } catch {
        // The host is down (or restarting): try again.
      }
      if (state.finished) return received;
      stats.reconnects++;
      await sleep(100 + Math.floor(random() * 200));
    }
  })();
  return state;
}

async function replay(port, runId) {
  const events = [];
  await new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/v1/runs/${runId}/events`, headers: { Accept: 'text/event-stream' } }, (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => (buffer += chunk));
        res.on('end', () => {
          for (const frame of buffer.split('\n\n')) {
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (data) events.push(JSON.parse(data.slice(6)));
          }
          resolve();
        });
      })
      .on('error', reject);
  });
  return events;
}

async function listAll(port) {
  const items = [];
  let cursor;
  for (;;) {
    const response = await request(port, 'GET', `/v1/runs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (response.status !== 200) throw new Error(`GET /v1/runs answered ${response.status}: ${response.body.slice(0, 200)}`);
    const page = JSON.parse(response.body);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

function spawnAgents(prefix, started) {
  const child = spawn(process.execPath, [AGENTS_MAIN], {
    cwd: root,
    env: { ...process.env, NATS_URL, AGENTS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'debug', METRICS_PORT: '0', AGENTS_GRPC_PORT: '0', OTEL_TRACES_EXPORTER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let readyResolve;
  const ready = new Promise((resolve, reject) => {
    readyResolve = resolve;
    child.once('exit', (code) => reject(new Error(`the demo agents exited (${code}) before they were ready`)));
  });
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line.includes('serving')) readyResolve();
      const match = /^started (\S+)$/.exec(line);
      if (match) started.set(match[1], (started.get(match[1]) ?? 0) + 1);
    }
  });
  child.stderr.on('data', (chunk) => log(`agents: ${String(chunk).trim()}`));
  return { child, ready, exited };
}

async function startHost(env, port) {
  const child = spawn(process.execPath, [HOST_MAIN], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the host exited (${child.exitCode}) while starting: ${stderr}`);
    try {
      const response = await request(port, 'GET', '/health');
      if (response.status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the host did not become healthy: ${stderr}`);
    await sleep(50);
  }
}

function request(port, method, pathname, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method, headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') out.json = true;
    else if (arg === '--quiet') out.quiet = true;
    else if (arg === '--kills') out.kills = positive(argv[++i], '--kills');
    else if (arg === '--seed') out.seed = positive(argv[++i], '--seed');
    else if (arg === '--store') {
      out.store = argv[++i];
      if (!['sqlite', 'postgres'].includes(out.store)) fail(`--store must be sqlite or postgres, got ${JSON.stringify(out.store)}`);
    } else fail(`unknown option ${JSON.stringify(arg)} (use --kills N, --store sqlite|postgres, --seed S, --json, --quiet)`);
  }
  return out;
}

function positive(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return value;
}

function fail(message) {
  process.stderr.write(`chaos: ${message}\n`);
  process.exit(2);
}

main().catch((error) => {
  process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
