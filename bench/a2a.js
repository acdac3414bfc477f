#!/usr/bin/env node
'use strict';
// A2A agents: round trips of a zero-work task through the host's A2A executor (connectA2aAgent) to the
// example currency converter (examples/a2a-agent, a child process built with the SDK's Express server),
// and throughput with 16 concurrent callers over the keep-alive pool vs a fresh connection per request.
// Needs the libraries and examples/a2a-agent built (it builds the example when its dist is missing).
// Alone: `node bench/a2a.js [--quick]` prints a table; `--json` prints one JSON line (bench/run.js).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
const { UrlGuard, connectA2aAgent, reuseRatio } = require('@a2a-mcp/transports');
const { median, round } = require('./stats');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const MAIN = path.join(__dirname, '..', 'examples', 'a2a-agent', 'dist', 'main.js');
const roundTrips = quick ? 300 : 2000;
const warmup = quick ? 50 : 200;
const throughputTasks = quick ? 1000 : 5000;
const throughputRounds = quick ? 1 : 3;
const callers = 16;
const poolSize = 16;
const goalRatio = 2.5;
// The agent listens on 127.0.0.1, which the host calls only when AGENT_ALLOWED_HOSTS lists it.
const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A conversion: a table lookup on the agent's side, so the figures are the protocol's cost. */
const zeroWorkTask = (runId, taskId) => ({ runId, taskId, description: 'convert 1 USD to EUR', agent: 'currency_converter', input: { amount: 1, from: 'USD', to: 'EUR' }, dependencyOutputs: {}, metadata: {} });

/** The built example as a child process; resolves with its URL once it prints its start line. */
function startAgent() {
  const child = spawn(process.execPath, [MAIN, '--port', '0'], { env: { PATH: process.env.PATH || '', NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk) => {
      printed += chunk.toString();
      const match = /A2A agent at (\S+) /.exec(printed);
      if (match) resolve({ url: match[1], stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the A2A agent exited (${code}):\n${printed}`)));
  });
}

async function execute(agent, runId, taskId) {
  const { ctx } = createStandaloneContext({ runId, taskId });
  const output = await agent.executor.execute(zeroWorkTask(runId, taskId), ctx);
  if (output?.converted !== 0.92) throw new Error(`unexpected output ${JSON.stringify(output)}`);
}

/** Sequential round trips; a failed call is counted and shown beside the figures, not timed and not hidden. */
async function roundTrip(agent) {
  const samples = [];
  let failed = 0;
  let firstError;
  for (let i = 0; i < roundTrips; i++) {
    const started = performance.now();
    try {
      await execute(agent, 'rt', `t${i}`);
    } catch (error) {
      failed++;
      firstError ??= `${error.code ?? ''} ${error.message}`.trim();
      continue;
    }
    samples.push(performance.now() - started);
  }
  if (failed > 0) console.error(`${failed} of ${roundTrips} round trips failed, first: ${firstError}`);
  const p50Ms = round(percentile(samples, 50), 3);
  return { p50Ms: failed === 0 ? p50Ms : `${p50Ms} (${failed} failed)`, p99Ms: round(percentile(samples, 99), 3) };
}

/** `count` tasks by `callers` concurrent callers; failures are counted, not retried. */
async function runConcurrently(agent, count, runId) {
  let next = 0;
  let failed = 0;
  let firstError;
  const caller = async () => {
    while (next < count) {
      const id = `t${next++}`;
      try {
        await execute(agent, runId, id);
      } catch (error) {
        failed++;
        firstError ??= `${error.code ?? ''} ${error.message}`.trim();
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return { failed, firstError };
}

/** Tasks per second with `callers` at once, after a short warm-up at the same concurrency (the steady state). */
async function throughput(agent) {
  await runConcurrently(agent, callers * 10, 'tp-warm');
  const started = performance.now();
  const { failed, firstError } = await runConcurrently(agent, throughputTasks, 'tp');
  const perSecond = Math.round((throughputTasks - failed) / ((performance.now() - started) / 1000));
  if (failed > 0) console.error(`${failed} of ${throughputTasks} tasks failed, first: ${firstError}`);
  return { perSecond, failed };
}

async function measure() {
  if (!fs.existsSync(MAIN)) {
    const build = spawnSync('npx', ['nx', 'run', 'example-a2a-agent:build', '--output-style=stream'], { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    if (build.status !== 0) throw new Error('building examples/a2a-agent failed');
  }
  const server = await startAgent();
  const modes = [
    { mode: 'pooled (keep-alive)', unpooled: false },
    { mode: 'unpooled (connection per request)', unpooled: true },
  ];
  try {
    for (const entry of modes) entry.agent = await connectA2aAgent(server.url, { guard, poolSize, unpooled: entry.unpooled });
    // Both modes warm the agent's process and ours first, so neither is measured against a cold one.
    for (let i = 0; i < warmup; i++) for (const { agent } of modes) await execute(agent, 'warm', `w${i}`);
    for (const entry of modes) entry.roundTrip = await roundTrip(entry.agent);
    // Throughput rounds alternate between the modes, so a busy moment of the machine hits both alike; the median counts.
    for (const entry of modes) entry.rates = [];
    for (let r = 0; r < throughputRounds; r++) for (const entry of modes) entry.rates.push(await throughput(entry.agent));
  } finally {
    await Promise.all(modes.filter((entry) => entry.agent).map((entry) => entry.agent.close()));
    await server.stop();
  }
  const rows = modes.map(({ mode, agent, roundTrip: rt, rates }) => {
    const failed = rates.reduce((sum, rate) => sum + rate.failed, 0);
    const perSecond = median(rates.map((rate) => rate.perSecond));
    const stats = agent.poolStats();
    return {
      mode,
      roundTripP50Ms: rt.p50Ms,
      roundTripP99Ms: rt.p99Ms,
      tasksPerSecond: failed === 0 ? perSecond : `${perSecond} (${failed} failed)`,
      connectionsCreated: stats.created,
      reuseRatio: round(reuseRatio(stats), 4),
    };
  });
  const [pooled, unpooled] = rows;
  const ratio = typeof pooled.tasksPerSecond === 'number' && typeof unpooled.tasksPerSecond === 'number' ? round(pooled.tasksPerSecond / unpooled.tasksPerSecond, 2) : 'n/a';
  return {
    roundTrips,
    callers,
    poolSize,
    throughputTasks,
    throughputRounds,
    rows,
    goals: {
      pooledOverUnpooled: { target: `>= ${goalRatio}`, value: ratio, ok: typeof ratio === 'number' && ratio >= goalRatio ? 'yes' : 'NO' },
    },
  };
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

/** The table bench/run.js prints too. */
function printA2a(figures) {
  console.log(
    `\nA2A agents: a zero-work conversion through the host's A2A executor to examples/a2a-agent in its own process (${figures.roundTrips} sequential round trips; ${figures.throughputTasks} tasks by ${figures.callers} concurrent callers, median of ${figures.throughputRounds} alternating rounds; pool of ${figures.poolSize})`,
  );
  console.log(table(figures.rows, ['mode', 'roundTripP50Ms', 'roundTripP99Ms', 'tasksPerSecond', 'connectionsCreated', 'reuseRatio']));
  console.log(table(Object.entries(figures.goals).map(([goal, g]) => ({ goal, ...g })), ['goal', 'target', 'value', 'ok']));
}

module.exports = { measure, printA2a };

if (require.main === module) {
  measure().then(
    (figures) => {
      if (asJson) process.stdout.write(`${JSON.stringify(figures)}\n`);
      else printA2a(figures);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
