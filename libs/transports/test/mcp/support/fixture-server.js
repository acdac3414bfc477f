#!/usr/bin/env node
'use strict';
// A stdio MCP server for the transport's failure tests, on the SDK's low-level Server so it can page
// its tool list: `wait` reports progress then works until cancelled, `crash` kills the process,
// `whoami` answers the process id and how many calls it served, `echo` returns its argument. This
// low-level server checks no arguments itself: every call that reaches it is logged to stderr (with
// every cancellation), which the tests read.
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { CallToolRequestSchema, ListToolsRequestSchema } = require('@modelcontextprotocol/sdk/types.js');

const log = (line) => process.stderr.write(`fixture: ${line}\n`);
const EMPTY = { type: 'object', properties: {} };
// Two pages: the client must follow nextCursor to see `whoami`.
const PAGES = {
  first: { tools: [{ name: 'wait', description: 'Report progress, then wait until cancelled', inputSchema: EMPTY }, { name: 'crash', description: 'Exit the server process', inputSchema: EMPTY }], nextCursor: 'second' },
  second: {
    tools: [
      { name: 'whoami', description: 'The process id and the calls served', inputSchema: EMPTY },
      { name: 'echo', description: 'Return n', inputSchema: { type: 'object', properties: { n: { type: 'integer', minimum: 0 } }, required: ['n'], additionalProperties: false } },
    ],
  },
};

// FIXTURE_DUPLICATE_TOOLS=1 (set through the entry's env): a broken server listing `echo` twice.
if (process.env.FIXTURE_DUPLICATE_TOOLS === '1') PAGES.second.tools.push(PAGES.second.tools[1]);

let calls = 0;
const server = new Server({ name: 'fixture', version: '0.0.1' }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async (request) => PAGES[request.params?.cursor ?? 'first']);

server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  calls++;
  const name = request.params.name;
  log(`called ${name} ${JSON.stringify(request.params.arguments ?? {})}`);
  if (name === 'whoami') {
    const who = { pid: process.pid, calls };
    return { content: [{ type: 'text', text: JSON.stringify(who) }] };
  }
  if (name === 'echo') return { content: [{ type: 'text', text: JSON.stringify({ n: request.params.arguments?.n }) }] };
  if (name === 'crash') {
    log('crashing on purpose');
    process.exit(3);
  }
  if (name === 'wait') {
    const token = request.params._meta?.progressToken;
    if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 4, message: 'waiting' } });
    await new Promise((resolve) => extra.signal.addEventListener('abort', resolve, { once: true }));
    log('wait cancelled');
    return { content: [{ type: 'text', text: 'cancelled' }] };
  }
  return { isError: true, content: [{ type: 'text', text: `no tool ${name}` }] };
});

// FIXTURE_SLOW_RESTART=<file>: the first process creates the file and starts at once; later ones (restarts) take 30 s.
const marker = process.env.FIXTURE_SLOW_RESTART;
const restart = marker !== undefined && require('node:fs').existsSync(marker);
if (marker !== undefined && !restart) require('node:fs').writeFileSync(marker, String(process.pid));
setTimeout(() => server.connect(new StdioServerTransport()).then(() => log('ready')), restart ? 30_000 : 0);
