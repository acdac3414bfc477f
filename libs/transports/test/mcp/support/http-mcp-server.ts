import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface RunningHttpMcpServer {
  /** http://127.0.0.1:<port>/mcp */
  url: string;
  /** The tools/call requests that reached the HTTP server, by tool name (before the SDK checks anything). */
  calls: string[];
  /** The headers of every request. */
  headers: IncomingHttpHeaders[];
  /** HTTP methods seen, in order (POST, GET, DELETE). */
  methods: string[];
  /** When set, a request without `authorization: <this>` gets 401. */
  requiredAuthorization: string | undefined;
  /** Drops every session, as a restarted server would: the next request with an old session id gets 404. */
  forgetSessions(): Promise<void>;
  close(): Promise<void>;
}

export interface HttpMcpServerOptions {
  /** Answer every request with a 307 to this URL instead of serving MCP. */
  redirectTo?: string;
  requiredAuthorization?: string;
}

/** One session's MCP server: `add {a, b}` → {sum}. */
function createCalculator(): McpServer {
  const server = new McpServer({ name: 'calculator', version: '2.1.0' });
  server.registerTool(
    'add',
    { description: 'Add two numbers', inputSchema: { a: z.number(), b: z.number() }, outputSchema: { sum: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: { sum: a + b } }),
  );
  return server;
}

/** A Streamable HTTP MCP server on 127.0.0.1, port 0, one session per initialize (stateful, as most are). */
export async function startHttpMcpServer(options: HttpMcpServerOptions = {}): Promise<RunningHttpMcpServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const calls: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const methods: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    headers.push(req.headers);
    methods.push(req.method ?? '');
    if (options.redirectTo !== undefined) {
      res.writeHead(307, { location: options.redirectTo }).end();
      return;
    }
    if (running.requiredAuthorization !== undefined && req.headers.authorization !== running.requiredAuthorization) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    for (const message of Array.isArray(body) ? body : [body]) {
      const call = message as { method?: string; params?: { name?: string } } | undefined;
      if (call?.method === 'tools/call') calls.push(String(call.params?.name));
    }
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (transport === undefined && req.method === 'POST' && isInitializeRequest(body)) {
      const created = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => void sessions.set(id, created) });
      created.onclose = () => {
        if (created.sessionId !== undefined) sessions.delete(created.sessionId);
      };
      await createCalculator().connect(created);
      transport = created;
    }
    if (transport === undefined) {
      // As the SDK's servers answer: 404 for a session it does not know (the client must start a new one).
      const status = typeof sessionId === 'string' ? 404 : 400;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: status === 404 ? 'Session not found' : 'no session' }, id: null }));
      return;
    }
    await transport.handleRequest(req, res, body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const running: RunningHttpMcpServer = {
    url: `http://127.0.0.1:${port}/mcp`,
    requiredAuthorization: options.requiredAuthorization,
    calls,
    headers,
    methods,
    forgetSessions: async () => {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((transport) => transport.close()));
    },
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return running;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}
