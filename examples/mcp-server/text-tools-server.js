#!/usr/bin/env node
'use strict';
// A small MCP server over stdio, built with the MCP SDK: two text tools with input and output
// schemas. The host starts it from examples/mcp-servers.json (MCP_SERVERS) and registers it as the
// agent "text_tools", one skill per tool. Run alone: `node examples/mcp-server/text-tools-server.js`
// (it then waits for JSON-RPC on stdin). Its log goes to stderr, one line per call: stdout carries
// the protocol only.
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');

const log = (line) => process.stderr.write(`text_tools: ${line}\n`);

function createTextToolsServer() {
  const server = new McpServer({ name: 'text_tools', version: '1.0.0', description: 'Counts and shouts text.' });

  server.registerTool(
    'word_count',
    {
      title: 'Count words',
      description: 'Count the words and characters of a text',
      inputSchema: { text: z.string().describe('The text to count') },
      outputSchema: { words: z.number().int(), characters: z.number().int() },
    },
    async ({ text }) => {
      log('called word_count');
      const words = text.trim() === '' ? 0 : text.trim().split(/\s+/).length;
      const counts = { words, characters: [...text].length };
      return { content: [{ type: 'text', text: JSON.stringify(counts) }], structuredContent: counts };
    },
  );

  server.registerTool(
    'shout',
    {
      title: 'Shout text',
      description: 'Upper-case a text, as if shouted',
      inputSchema: { text: z.string().min(1).describe('The text to shout') },
      outputSchema: { text: z.string() },
    },
    async ({ text }) => {
      log('called shout');
      // A tool error (isError), not a protocol error: the caller sees the tool's own explanation.
      if (!/\p{L}/u.test(text)) return { isError: true, content: [{ type: 'text', text: `nothing to shout: ${JSON.stringify(text)} has no letters` }] };
      const shouted = { text: text.toUpperCase() };
      return { content: [{ type: 'text', text: shouted.text }], structuredContent: shouted };
    },
  );
  return server;
}

async function main() {
  const server = createTextToolsServer();
  await server.connect(new StdioServerTransport());
  log('ready');
}

module.exports = { createTextToolsServer };

if (require.main === module) {
  main().catch((error) => {
    log(`failed: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
}
