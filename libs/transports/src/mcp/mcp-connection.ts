import { TaskError } from '@a2a-mcp/core-graph';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Implementation, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Readable } from 'node:stream';
import { UntrustedUrlError, type UrlGuard } from '../security/url-guard';
import type { McpServerEntry } from './mcp-servers-config';

/** How the host introduces itself to MCP servers. */
const CLIENT_INFO: Implementation = { name: 'a2a-mcp', version: '0.1.0' };
/** A server that pages its tool list forever is cut off here. */
const MAX_TOOL_PAGES = 100;
/** Lines of a stdio server's stderr kept to explain why it stopped. */
const STDERR_TAIL_LINES = 3;
const TERMINATE_SESSION_MS = 1_000;

export interface OpenConnectionOptions {
  guard: UrlGuard;
  /** Budget of initialize and of each tools/list page. */
  timeoutMs: number;
  fetch?: FetchLike;
  onStderr?(line: string): void;
  /** The connection closed (the child exited, or close() was called). */
  onClose(): void;
  /** Aborting it gives up the opening: the child is stopped, the session dropped. */
  signal?: AbortSignal;
}

/** One open session with an MCP server: the SDK client, the tools it listed, and what its stderr said last. */
export interface McpConnection {
  readonly client: Client;
  readonly tools: Tool[];
  readonly server: Implementation | undefined;
  /** True once the transport closed: the next call opens a new connection. */
  readonly closed: boolean;
  /** The last lines a stdio server wrote to stderr (why it crashed, often). */
  stderrTail(): string[];
  close(): Promise<void>;
}

/** Opening failed: why, and what a stdio server wrote to stderr before it stopped. */
export class McpConnectError extends Error {
  constructor(
    readonly reason: unknown,
    readonly stderrTail: readonly string[],
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'McpConnectError';
  }
}

/** Where an entry is reached, for messages and pool figures: `stdio:<command>`, or the URL without its query. */
export function addressOf(entry: McpServerEntry): string {
  if ('command' in entry) return `stdio:${entry.command}`;
  try {
    const url = new URL(entry.url);
    // The query may carry a key: keep it out of logs and metrics.
    return `${url.origin}${url.pathname}`;
  } catch {
    return entry.url;
  }
}

/**
 * Connects to an MCP server (spawns the stdio child, or checks the URL with the guard and opens a
 * Streamable HTTP session), initializes it and lists all its tools, following pagination. A failure
 * closes what was opened (the child is stopped): UntrustedUrlError when the guard refuses the URL,
 * INVALID_MCP_SERVER when its tool list is unusable, else McpConnectError.
 */
export async function openConnection(entry: McpServerEntry, options: OpenConnectionOptions): Promise<McpConnection> {
  const tail: string[] = [];
  let transport: Transport;
  if ('command' in entry) {
    const stdio = new StdioClientTransport({
      command: entry.command,
      args: entry.args ?? [],
      ...(entry.env === undefined ? {} : { env: entry.env }),
      ...(entry.cwd === undefined ? {} : { cwd: entry.cwd }),
      // Never inherited: a child's log must not land on the host's stdout or stderr unasked.
      stderr: 'pipe',
    });
    readLines(stdio.stderr as Readable | null, (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      options.onStderr?.(line);
    });
    transport = stdio;
  } else {
    const what = `MCP server "${entry.name}"`;
    const url = await options.guard.check(entry.url, what);
    transport = new StreamableHTTPClientTransport(url, {
      fetch: redirectCheckingFetch(options.fetch ?? globalThis.fetch, options.guard, what),
      ...(entry.headers === undefined ? {} : { requestInit: { headers: entry.headers } }),
    });
  }

  const client = new Client(CLIENT_INFO, { capabilities: {} });
  let closed = false;
  client.onclose = () => {
    if (closed) return;
    closed = true;
    options.onClose();
  };
  // Transport errors also reject the calls they concern; the handler keeps them from being thrown unhandled.
  client.onerror = () => undefined;
  const giveUp = (): void => void closeClient(client, transport).catch(() => undefined);
  options.signal?.addEventListener('abort', giveUp, { once: true });
  try {
    options.signal?.throwIfAborted();
    await client.connect(transport, { timeout: options.timeoutMs });
    const tools = await listAllTools(client, entry.name, options.timeoutMs);
    return {
      client,
      tools,
      server: client.getServerVersion(),
      get closed() {
        return closed;
      },
      stderrTail: () => [...tail],
      close: () => closeClient(client, transport),
    };
  } catch (error) {
    await closeClient(client, transport).catch(() => undefined);
    if (error instanceof UntrustedUrlError || error instanceof TaskError) throw error;
    throw new McpConnectError(error, [...tail]);
  } finally {
    options.signal?.removeEventListener('abort', giveUp);
  }
}

/** Every page of tools/list. A reply that is no tool list, or two tools with one name, is INVALID_MCP_SERVER. */
async function listAllTools(client: Client, server: string, timeoutMs: number): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page++) {
    let result: Awaited<ReturnType<Client['listTools']>>;
    try {
      result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs });
    } catch (error) {
      // The SDK checks the reply's shape with zod: its error says which field is wrong.
      if (error instanceof Error && /ZodError/.test(error.name)) {
        throw new TaskError('INVALID_MCP_SERVER', `MCP server "${server}": its tools/list reply is not a list of tools: ${error.message.split('\n')[0]}`, false);
      }
      throw error;
    }
    tools.push(...result.tools);
    if (result.nextCursor === undefined || result.nextCursor === cursor) break;
    cursor = result.nextCursor;
  }
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) throw new TaskError('INVALID_MCP_SERVER', `MCP server "${server}" lists two tools named "${tool.name}": a task could not say which it calls`, false);
    seen.add(tool.name);
  }
  return tools;
}

async function closeClient(client: Client, transport: Transport): Promise<void> {
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId !== undefined) {
    // Tells the server the session is over (it may answer 405); never waits long for it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([transport.terminateSession().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, TERMINATE_SESSION_MS)))]);
    clearTimeout(timer);
  }
  await client.close();
}

/**
 * The transport's fetch: redirects are never followed by fetch itself (the SDK follows same-origin
 * ones only), and a redirect's target is checked by the guard first, so a server cannot send the
 * host to a private address.
 */
function redirectCheckingFetch(base: FetchLike, guard: UrlGuard, what: string): FetchLike {
  return async (url, init) => {
    // The SDK hands every request the same long-lived signal, and fetch drops its abort listener only
    // when the request is garbage-collected: a signal of its own per request keeps them off the shared one.
    const signal = init?.signal ? AbortSignal.any([init.signal]) : undefined;
    const response = await base(url, { ...init, redirect: 'manual', ...(signal === undefined ? {} : { signal }) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      try {
        await guard.check(new URL(location, url), `${what} (redirected)`);
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        throw error;
      }
    }
    return response;
  };
}

function readLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line.replace(/\r$/, ''));
    // A child that never ends a line must not grow the buffer without bound.
    if (pending.length > 64 * 1024) pending = pending.slice(-4096);
  });
  stream.on('end', () => {
    if (pending.trim() !== '') onLine(pending);
    pending = '';
  });
}
