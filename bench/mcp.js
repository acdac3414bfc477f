#!/usr/bin/env node
'use strict';
// MCP tools as agents: round trips of a zero-work tool through the host's MCP executor
// (connectMcpServer: arguments checked with ajv, the SDK client, the result turned into an output),
// over stdio (a child process) and over Streamable HTTP (a server in another process), beside the
// SDK client called directly (the floor under our executor), and calls/s with several in flight.
// The MCP server is this file run with `--serve stdio|http` (the SDK's McpServer, one tool `noop`).
// Needs the libraries built (`npm run bench` builds them). Alone: `node bench/mcp.js [--quick]`
// prints a table; `--json` prints one JSON line (bench/run.js).
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const serveIndex = process.argv.indexOf('--serve');
const roundTrips = quick ? 300 : 3000;
const warmup = quick ? 50 : 300;
const throughputCalls = quick ? 2000 : 20000;
const inFlight = 16;

// ---- the server side: `node bench/mcp.js --serve stdio|http` ----

function createNoopServer() {
  const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
  const { z } = require('zod');
  const server = new McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('noop', { description: 'Do nothing', inputSchema: { n: z.number().int() }, outputSchema: { n: z.number().int() } }, async ({ n }) => ({
    content: [{ type: 'text', text: String(n) }],
    structuredContent: { n },
  }));
  return server;
}

async function serveStdio() {
  const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
  await createNoopServer().connect(new StdioServerTransport());
}

/** Streamable HTTP on 127.0.0.1, port 0, one session per initialize; prints `listening <port>`. */
async function serveHttp() {
  const http = require('node:http');
  const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const { isInitializeRequest } = require('@modelcontextprotocol/sdk/types.js');
  const sessions = new Map();
  const server = http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text === '' ? undefined : JSON.parse(text);
      let transport = sessions.get(req.headers['mcp-session-id']);
      if (transport === undefined && isInitializeRequest(body)) {
        transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => sessions.set(id, transport) });
        await createNoopServer().connect(transport);
      }
      if (transport === undefined) return void res.writeHead(404).end();
      await transport.handleRequest(req, res, body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
}

// ---- the client side ----

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const { round } = require('./stats');

/** Sequential calls after a warm-up: p50/p99 in ms. A failed call is counted and shown, not timed. */
async function roundTrip(call) {
  const samples = [];
  let failed = 0;
  let firstError;
  for (let i = 0; i < warmup + roundTrips; i++) {
    const started = performance.now();
    try {
      await call(i);
    } catch (error) {
      failed++;
      firstError ??= `${error.code ?? ''} ${error.message}`.trim();
      continue;
    }
    if (i >= warmup) samples.push(performance.now() - started);
  }
  if (failed > 0) console.error(`${failed} of ${warmup + roundTrips} calls failed, first: ${firstError}`);
  const p50 = round(percentile(samples, 50), 3);
  return { p50Ms: failed === 0 ? p50 : `${p50} (${failed} failed)`, p99Ms: round(percentile(samples, 99), 3) };
}

/** `throughputCalls` calls with `inFlight` at once over the one connection: calls per second. */
async function throughput(call) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < throughputCalls) {
      const i = next++;
      try {
        await call(i);
      } catch {
        failed++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const perSecond = Math.round((throughputCalls - failed) / ((performance.now() - started) / 1000));
  return failed === 0 ? perSecond : `${perSecond} (${failed} failed)`;
}

/** The HTTP server in its own process; resolves with its URL and a stop function. */
function startHttpServer() {
  const child = spawn(process.execPath, [__filename, '--serve', 'http'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const match = /listening (\d+)/.exec(printed);
      if (match) resolve({ url: `http://127.0.0.1:${match[1]}/mcp`, stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) });
    });
    child.once('exit', (code) => reject(new Error(`the HTTP MCP server exited (${code})`)));
  });
}

/** Our executor (connectMcpServer) and the SDK client alone, on one entry. */
async function measureEntry(transport, entry) {
  const { UrlGuard, connectMcpServer } = require('@a2a-mcp/transports');
  const { createStandaloneContext } = require('@a2a-mcp/core-graph/testing');
  const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
  const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

  // The floor: the SDK client on its own connection, no argument check, no task, no context.
  const client = new Client({ name: 'bench', version: '1.0.0' });
  if ('command' in entry) {
    const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
    await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, stderr: 'ignore' }));
  } else {
    const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
    // With a signal per request, as our transport does: on the SDK's one shared signal every fetch leaves
    // an abort listener until it is garbage-collected, and adding to thousands of them slows each call.
    const fetchOwnSignal = (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal]) : undefined });
    await client.connect(new StreamableHTTPClientTransport(new URL(entry.url), { fetch: fetchOwnSignal }));
  }
  await client.listTools();
  const sdkCall = (i) => client.callTool({ name: 'noop', arguments: { n: i } });
  const sdk = await roundTrip(sdkCall);
  await client.close();

  const agent = await connectMcpServer(entry, { guard });
  const runId = `mcp-${randomUUID()}`;
  const executorCall = async (i) => {
    const { ctx } = createStandaloneContext({ runId, taskId: `t${i}` });
    const task = { runId, taskId: `t${i}`, description: 'zero work', agent: 'bench', input: { n: i }, dependencyOutputs: {}, metadata: {} };
    const output = await agent.executor.execute(task, ctx);
    if (output.n !== i) throw new Error(`call ${i} answered ${JSON.stringify(output)}`);
  };
  try {
    const ours = await roundTrip(executorCall);
    const callsPerSecond = await throughput(executorCall);
    const stats = agent.poolStats();
    return {
      transport,
      sdkP50Ms: sdk.p50Ms,
      sdkP99Ms: sdk.p99Ms,
      executorP50Ms: ours.p50Ms,
      executorP99Ms: ours.p99Ms,
      overheadP50Ms: typeof ours.p50Ms === 'number' && typeof sdk.p50Ms === 'number' ? round(ours.p50Ms - sdk.p50Ms, 3) : '-',
      callsPerSecond,
      connectionsOpened: stats.created,
    };
  } finally {
    await agent.close();
  }
}

async function measure() {
  const rows = [await measureEntry('stdio', { name: 'bench', command: process.execPath, args: [__filename, '--serve', 'stdio'] })];
  const http = await startHttpServer();
  try {
    rows.push(await measureEntry('http', { name: 'bench', url: http.url }));
  } finally {
    await http.stop();
  }
  return { roundTrips, inFlight, throughputCalls, rows };
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

const COLUMNS = ['transport', 'sdkP50Ms', 'sdkP99Ms', 'executorP50Ms', 'executorP99Ms', 'overheadP50Ms', 'callsPerSecond', 'connectionsOpened'];

/** The table bench/run.js prints too. */
function printMcp(figures) {
  console.log(
    `\nMCP tools as agents: a zero-work tool (noop {n}) through the host's MCP executor vs the SDK client alone (${figures.roundTrips} sequential calls; calls/s with ${figures.inFlight} in flight, ${figures.throughputCalls} calls, one connection)`,
  );
  console.log(table(figures.rows, COLUMNS));
}

module.exports = { measure, printMcp };

if (serveIndex !== -1) {
  const mode = process.argv[serveIndex + 1];
  (mode === 'http' ? serveHttp() : serveStdio()).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  measure().then(
    (figures) => {
      if (asJson) process.stdout.write(`${JSON.stringify(figures)}\n`);
      else printMcp(figures);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
