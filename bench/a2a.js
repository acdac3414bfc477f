#!/usr/bin/env node
'use strict';
// A2A agents: round trips of a zero-work task through the host's A2A executor (connectA2aAgent) to the
// example currency converter (examples/a2a-agent, a child process built with the SDK's Express server),
// and throughput with 16 concurrent callers over the keep-alive pool vs a fresh connection per request,
// over plain HTTP and over HTTPS (a throw-away self-signed certificate for 127.0.0.1 made with openssl at
// run time, trusted through connectA2aAgent's `tls.ca`; unpooled, every request pays a full TLS 1.3
// handshake). Needs the libraries and examples/a2a-agent built (it builds the example when its dist is
// missing). Alone: `node bench/a2a.js [--quick]` prints a table; `--json` prints one JSON line (bench/run.js).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
const { UrlGuard, connectA2aAgent, reuseRatio } = require('@a2a-mcp/transports');
const { median, round } = require('./stats');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const MAIN = path.join(__dirname, '..', 'examples', 'a2a-agent', 'dist', 'main.js');
const roundTrips = quick ? 150 : 1000;
/** Round trips are taken in slices of this many per mode, the modes in turn (a busy moment hits all alike). */
const roundTripSlice = 25;
const warmup = quick ? 50 : 200;
const throughputTasks = quick ? 300 : 1500;
const throughputRounds = 5;
const callers = 16;
const poolSize = 16;
const goalRatio = 2.5;
// The agents listen on 127.0.0.1, which the host calls only when AGENT_ALLOWED_HOSTS lists it.
const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A conversion: a table lookup on the agent's side, so the figures are the protocol's cost. */
const zeroWorkTask = (runId, taskId) => ({ runId, taskId, description: 'convert 1 USD to EUR', agent: 'currency_converter', input: { amount: 1, from: 'USD', to: 'EUR' }, dependencyOutputs: {}, metadata: {} });

/** A self-signed P-256 certificate for 127.0.0.1, valid one day, in a temporary directory; `{ skipped }` without openssl. */
function throwAwayCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-bench-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skipped: `openssl could not make a certificate: ${made.error?.message ?? (made.stderr || '').trim().split('\n').pop()}` };
  }
  return { keyFile, certFile, ca: fs.readFileSync(certFile), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The built example as a child process; resolves with its URL once it prints its start line. */
function startAgent(extraArgs = []) {
  const child = spawn(process.execPath, [MAIN, '--port', '0', ...extraArgs], { env: { PATH: process.env.PATH || '', NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk) => {
      printed += chunk.toString();
      const match = /A2A agent at (\S+) /.exec(printed);
      if (match) resolve({ url: match[1], pid: child.pid, stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the A2A agent exited (${code}):\n${printed}`)));
  });
}

const clockTicks = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(answer.stdout) > 0 ? Number(answer.stdout) : 100;
})();

/** CPU time (ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks; // utime + stime
  } catch {
    return undefined;
  }
}

async function execute(agent, runId, taskId) {
  const { ctx } = createStandaloneContext({ runId, taskId });
  const output = await agent.executor.execute(zeroWorkTask(runId, taskId), ctx);
  if (output?.converted !== 0.92) throw new Error(`unexpected output ${JSON.stringify(output)}`);
}

/** `count` sequential round trips into `entry.samples`; a failed call is counted, not timed and not hidden. */
async function roundTripSliceOf(entry, count) {
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    try {
      await execute(entry.agent, 'rt', `t${entry.samples.length + entry.rtFailed}`);
    } catch (error) {
      entry.rtFailed++;
      entry.rtError ??= `${error.code ?? ''} ${error.message}`.trim();
      continue;
    }
    entry.samples.push(performance.now() - started);
  }
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

/**
 * Tasks per second with `callers` at once, after a short warm-up at the same concurrency (the steady
 * state: the pool's connections are open), the connections opened per task, and the CPU time per task
 * of this process (the host's side) and of the agent's.
 */
async function throughput(entry) {
  await runConcurrently(entry.agent, callers * (quick ? 5 : 10), 'tp-warm');
  const createdBefore = entry.agent.poolStats().created;
  const agentCpuBefore = processCpuMs(entry.server.pid);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { failed, firstError } = await runConcurrently(entry.agent, throughputTasks, 'tp');
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const agentCpuAfter = processCpuMs(entry.server.pid);
  if (failed > 0) console.error(`${entry.scheme} ${entry.mode}: ${failed} of ${throughputTasks} tasks failed, first: ${firstError}`);
  return {
    perSecond: Math.round((throughputTasks - failed) / (elapsedMs / 1000)),
    failed,
    connectionsPerTask: (entry.agent.poolStats().created - createdBefore) / throughputTasks,
    clientCpuMs: (cpu.user + cpu.system) / 1000 / throughputTasks,
    agentCpuMs: agentCpuBefore === undefined || agentCpuAfter === undefined ? undefined : (agentCpuAfter - agentCpuBefore) / throughputTasks,
  };
}

function rowOf(entry) {
  const { rates } = entry;
  const failed = rates.reduce((sum, rate) => sum + rate.failed, 0);
  const perSecond = median(rates.map((rate) => rate.perSecond));
  const agentCpu = rates.every((rate) => rate.agentCpuMs !== undefined) ? round(median(rates.map((rate) => rate.agentCpuMs)), 3) : 'n/a';
  const stats = entry.agent.poolStats();
  const p50Ms = round(percentile(entry.samples, 50), 3);
  if (entry.rtFailed > 0) console.error(`${entry.scheme} ${entry.mode}: ${entry.rtFailed} of ${roundTrips} round trips failed, first: ${entry.rtError}`);
  return {
    scheme: entry.scheme,
    mode: entry.mode,
    roundTripP50Ms: entry.rtFailed === 0 ? p50Ms : `${p50Ms} (${entry.rtFailed} failed)`,
    roundTripP99Ms: round(percentile(entry.samples, 99), 3),
    tasksPerSecond: failed === 0 ? perSecond : `${perSecond} (${failed} failed)`,
    clientCpuMsPerTask: round(median(rates.map((rate) => rate.clientCpuMs)), 3),
    agentCpuMsPerTask: agentCpu,
    newConnectionsPerTask: round(median(rates.map((rate) => rate.connectionsPerTask)), 3),
    connectionsCreated: stats.created,
    reuseRatio: round(reuseRatio(stats), 4),
  };
}

/** Host's and agent's CPU ms per task, the median over the rounds; undefined without the agent's figure. */
function cpuPerTask(entry) {
  if (entry.rates.some((rate) => rate.agentCpuMs === undefined)) return undefined;
  return median(entry.rates.map((rate) => rate.clientCpuMs + rate.agentCpuMs));
}

/**
 * Pooled over unpooled for one scheme: the median of the rounds' ratios of tasks/s (each round's two
 * runs ran one after the other), and the ratio of the CPU both processes spend per task (what the
 * tasks/s ratio tends to when the machine is the limit; it moves less with the machine's other load).
 */
function goalOf(modes, scheme) {
  const pooled = modes.find((entry) => entry.scheme === scheme && !entry.unpooled);
  const unpooled = modes.find((entry) => entry.scheme === scheme && entry.unpooled);
  if (!pooled || !unpooled) return undefined;
  const perRound = pooled.rates.map((rate, r) => (rate.failed === 0 && unpooled.rates[r].failed === 0 ? round(rate.perSecond / unpooled.rates[r].perSecond, 2) : undefined));
  const value = perRound.every((ratio) => ratio !== undefined) ? median(perRound) : 'n/a';
  const [pooledCpu, unpooledCpu] = [cpuPerTask(pooled), cpuPerTask(unpooled)];
  return {
    target: `>= ${goalRatio}`,
    value,
    ok: typeof value === 'number' && value >= goalRatio ? 'yes' : 'NO',
    perRound: perRound.map((ratio) => ratio ?? 'failed').join(' '),
    cpuPerTaskRatio: pooledCpu === undefined || unpooledCpu === undefined ? 'n/a' : round(unpooledCpu / pooledCpu, 2),
  };
}

async function measure() {
  if (!fs.existsSync(MAIN)) {
    const build = spawnSync('npx', ['nx', 'run', 'example-a2a-agent:build', '--output-style=stream'], { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
    if (build.status !== 0) throw new Error('building examples/a2a-agent failed');
  }
  const certificate = throwAwayCertificate();
  const servers = [];
  const modes = [];
  try {
    const http = await startAgent();
    servers.push(http);
    const schemes = [{ scheme: 'http', server: http, options: {} }];
    if (!certificate.skipped) {
      const https = await startAgent(['--tls-key', certificate.keyFile, '--tls-cert', certificate.certFile]);
      servers.push(https);
      schemes.push({ scheme: 'https', server: https, options: { tls: { ca: certificate.ca } } });
    }
    for (const { scheme, server, options } of schemes) {
      for (const unpooled of [false, true]) {
        const mode = unpooled ? (scheme === 'https' ? 'unpooled (connection + full TLS handshake per request)' : 'unpooled (connection per request)') : 'pooled (keep-alive)';
        const agent = await connectA2aAgent(server.url, { guard, poolSize, unpooled, ...options });
        modes.push({ scheme, mode, unpooled, server, agent, samples: [], rtFailed: 0, rates: [] });
      }
    }
    // Every mode warms the agents' processes and ours first, so none is measured against a cold one.
    for (let i = 0; i < warmup; i++) for (const { agent } of modes) await execute(agent, 'warm', `w${i}`);
    for (let done = 0; done < roundTrips; done += roundTripSlice) for (const entry of modes) await roundTripSliceOf(entry, Math.min(roundTripSlice, roundTrips - done));
    // Throughput rounds go through the modes in turn, so a busy moment of the machine hits all alike; the medians count.
    for (let r = 0; r < throughputRounds; r++) for (const entry of modes) entry.rates.push(await throughput(entry));
  } finally {
    await Promise.all(modes.map((entry) => entry.agent.close()));
    await Promise.all(servers.map((server) => server.stop()));
    certificate.remove?.();
  }
  const goals = { pooledOverUnpooledHttp: goalOf(modes, 'http') };
  if (!certificate.skipped) goals.pooledOverUnpooledHttps = goalOf(modes, 'https');
  return {
    roundTrips,
    callers,
    poolSize,
    throughputTasks,
    throughputRounds,
    ...(certificate.skipped ? { httpsSkipped: certificate.skipped } : {}),
    rows: modes.map(rowOf),
    goals,
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
    `\nA2A agents: a zero-work conversion through the host's A2A executor to examples/a2a-agent in its own process, over HTTP and HTTPS (${figures.roundTrips} sequential round trips per mode; ${figures.throughputTasks} tasks by ${figures.callers} concurrent callers, median of ${figures.throughputRounds} rounds through the modes in turn; pool of ${figures.poolSize}; CPU ms per task of the host's process and the agent's; connections opened per task while measured; reuse over the whole run)`,
  );
  if (figures.httpsSkipped) console.log(`HTTPS skipped: ${figures.httpsSkipped}`);
  console.log(table(figures.rows, ['scheme', 'mode', 'roundTripP50Ms', 'roundTripP99Ms', 'tasksPerSecond', 'clientCpuMsPerTask', 'agentCpuMsPerTask', 'newConnectionsPerTask', 'reuseRatio']));
  console.log('pooled over unpooled: tasks/s, the median of the per-round ratios; cpuPerTaskRatio = unpooled over pooled CPU ms per task (host + agent)');
  console.log(table(Object.entries(figures.goals).map(([goal, g]) => ({ goal, ...g })), ['goal', 'target', 'value', 'ok', 'perRound', 'cpuPerTaskRatio']));
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
