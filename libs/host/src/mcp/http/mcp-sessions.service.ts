import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Request, Response } from 'express';
import { callerOf } from '../../auth/caller';
import { mcpAuthInfo } from '../auth/mcp-caller';
import { McpServerFactory } from '../mcp-server.factory';

/** Sessions kept at once; opening one more closes the least recently used (clients that never said DELETE). */
export const MAX_MCP_SESSIONS = 1000;

const SESSION_HEADER = 'mcp-session-id';

interface McpSession {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
  /** Who opened it (the principal's subject; `anonymous` without auth): only they may use it. */
  owner: string;
}

/**
 * The Streamable HTTP sessions of /mcp: an initialize request (POST without `mcp-session-id`) opens one,
 * with its own McpServer and transport; later requests name it in `mcp-session-id`; DELETE closes it,
 * and so does the host's shutdown. The JSON body the host's parser already read is handed on as it is.
 * A session belongs to the caller that opened it: another caller naming it is told it does not exist.
 * Each request's caller (the guard authenticated it) reaches the tools as the SDK's `authInfo`.
 */
@Injectable()
export class McpSessions implements OnApplicationShutdown {
  private readonly logger = new Logger('McpSessions');
  /** In order of last use, least recent first. */
  private readonly sessions = new Map<string, McpSession>();
  private closing = false;

  constructor(private readonly factory: McpServerFactory) {}

  get size(): number {
    return this.sessions.size;
  }

  async handle(req: Request, res: Response): Promise<void> {
    const caller = callerOf(req);
    const owner = caller.principal?.subject ?? 'anonymous';
    (req as Request & { auth?: AuthInfo }).auth = mcpAuthInfo(caller);
    const header = req.headers[SESSION_HEADER];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId !== undefined) {
      const session = this.sessions.get(sessionId);
      if (session === undefined || session.owner !== owner) {
        jsonRpcError(res, 404, -32001, `Session not found: no MCP session ${JSON.stringify(sessionId.slice(0, 100))} on this host (closed or never opened); initialize a new one`);
        return;
      }
      // Most recently used last, so the eviction below takes the idlest.
      this.sessions.delete(sessionId);
      this.sessions.set(sessionId, session);
      await session.transport.handleRequest(req, res, req.body);
      return;
    }
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      jsonRpcError(res, 400, -32000, `Bad Request: no ${SESSION_HEADER} header; open a session with an initialize request (POST) first`);
      return;
    }
    if (this.closing) {
      jsonRpcError(res, 503, -32000, 'the host is shutting down');
      return;
    }
    await this.open(req, res, owner);
  }

  private async open(req: Request, res: Response, owner: string): Promise<void> {
    this.evictIdlest();
    const server = this.factory.create({ overHttp: true });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.sessions.set(id, { server, transport, owner });
      },
    });
    // Set before connect: the server chains its own close handler after this one.
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.sessions.delete(transport.sessionId);
    };
    transport.onerror = (error) => this.logger.debug(`MCP transport: ${error.message}`);
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
    // A refused initialize (bad protocol version, ...) opened no session: nothing will come back for it.
    if (transport.sessionId === undefined || !this.sessions.has(transport.sessionId)) await server.close();
  }

  private evictIdlest(): void {
    while (this.sessions.size >= MAX_MCP_SESSIONS) {
      const [id, idlest] = this.sessions.entries().next().value as [string, McpSession];
      this.sessions.delete(id);
      void idlest.server.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(open.map((session) => session.server.close().catch(() => undefined)));
  }
}

/** A JSON-RPC error answered before any session handles the request (as the SDK's own examples do). */
function jsonRpcError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
