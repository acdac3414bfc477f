import type { AgentCard } from '@a2a-mcp/agents';
import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type CallToolResult, type Progress } from '@modelcontextprotocol/sdk/types.js';
import type { ExternalAgent } from '../external/external-agent';
import type { PoolStats } from '../pool/pool-stats';
import { UntrustedUrlError, type UrlGuard } from '../security/url-guard';
import { agentUnavailable, remoteTimeout } from '../transport-errors';
import { McpConnectError, addressOf, openConnection, type McpConnection } from './mcp-connection';
import type { McpServerEntry } from './mcp-servers-config';
import { indexTools, toolCallOf, type KnownTool } from './mcp-tool-input';
import { outcomeOf } from './mcp-tool-result';
import { cardOf } from './mcp-tool-skills';

export interface ConnectMcpServerOptions {
  /** Every Streamable HTTP URL must pass it (AGENT_ALLOWED_HOSTS). */
  guard: UrlGuard;
  /** Budget to start or reach the server, initialize it and list its tools; default 30 000 ms. */
  timeoutMs?: number;
  /** Budget of one tool call when the task has no timeoutMs of its own; default 60 000 ms. */
  callTimeoutMs?: number;
  /** Each line a stdio server writes to stderr (its log); dropped when not given, never printed by us. */
  onStderr?(line: string): void;
  /** The fetch under the Streamable HTTP transport (e.g. one whose sockets use `guard.lookup()`). */
  fetch?: FetchLike;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/**
 * Connects to an MCP server and makes it an agent: named after its config entry, one skill per tool.
 * A task calls one tool: `input.tool` names it (optional when the server has one tool or the task's
 * description clearly names one), the arguments are `input.arguments`, or the rest of the input when
 * it has no `arguments` key. Throws
 * AGENT_UNAVAILABLE when the server cannot be started or reached, UNTRUSTED_URL when the guard refuses
 * its URL, INVALID_MCP_SERVER when its tool list is unusable.
 */
export async function connectMcpServer(entry: McpServerEntry, options: ConnectMcpServerOptions): Promise<ExternalAgent> {
  const agent = new McpServerAgent(entry, options);
  await agent.start();
  return agent;
}

/** The agent of one MCP server: one connection (a child process or an HTTP session), reopened when it drops. */
class McpServerAgent implements ExternalAgent {
  readonly transport = 'mcp' as const;
  readonly address: string;
  readonly executor: TaskExecutor = { execute: (task, ctx) => this.execute(task, ctx) };
  private cardValue: AgentCard | undefined;
  private tools = new Map<string, KnownTool>();
  private live: McpConnection | undefined;
  private opening: Promise<McpConnection> | undefined;
  /** Aborted by close(): an opening in progress gives up at once (its child is stopped). */
  private readonly closing = new AbortController();
  private inFlight = 0;
  private created = 0;
  private reused = 0;

  constructor(
    private readonly entry: McpServerEntry,
    private readonly options: ConnectMcpServerOptions,
  ) {
    this.address = addressOf(entry);
  }

  get card(): AgentCard {
    if (this.cardValue === undefined) throw new Error(`MCP server "${this.entry.name}" is not connected yet`);
    return this.cardValue;
  }

  async start(): Promise<void> {
    const connection = await this.connect();
    // The card is fixed at the first connection: the planner and the catalog hold it.
    this.cardValue = cardOf(this.entry.name, connection.tools, connection.server, 'url' in this.entry ? this.address : undefined);
  }

  poolStats(): PoolStats {
    const open = this.live !== undefined && !this.live.closed;
    return { transport: 'mcp', address: this.address, size: open ? 1 : 0, inUse: this.inFlight > 0 ? 1 : 0, created: this.created, reused: this.reused };
  }

  async close(): Promise<void> {
    this.closing.abort();
    const connection = this.live;
    this.live = undefined;
    await Promise.all([connection?.close(), this.opening?.catch(() => undefined)]);
  }

  private async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    if (ctx.signal.aborted) throw abortReason(ctx.signal);
    // Checked against the tools last listed, before any connection: a bad input never starts a child.
    const call = toolCallOf(task, this.entry.name, this.tools);
    const live = this.live;
    let connection: McpConnection;
    if (live !== undefined && !live.closed) {
      this.reused++;
      connection = live;
    } else {
      connection = await untilAborted(this.reconnect(), ctx.signal);
    }
    ctx.servedBy?.(`mcp:${this.entry.name}`);
    const timeout = task.metadata?.timeoutMs ?? this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.inFlight++;
    try {
      const result = (await connection.client.callTool({ name: call.tool.tool.name, arguments: call.arguments }, undefined, {
        signal: ctx.signal,
        onprogress: (progress) => reportProgress(ctx, progress),
        timeout,
        resetTimeoutOnProgress: true,
      })) as CallToolResult;
      const outcome = outcomeOf(result, task, this.entry.name, call.tool.tool.name);
      for (const artifact of outcome.artifacts) ctx.artifact(artifact);
      return outcome.output;
    } catch (error) {
      throw this.failure(error, task, ctx, connection, timeout);
    } finally {
      this.inFlight--;
    }
  }

  /** A new connection after the last dropped (one opening shared by concurrent calls). */
  private async reconnect(): Promise<McpConnection> {
    try {
      return await this.connect();
    } catch (error) {
      // The guard refused the URL on reconnect: a task cannot fix that, retrying neither.
      if (error instanceof UntrustedUrlError) throw new TaskError('UNTRUSTED_URL', error.message, false);
      throw error;
    }
  }

  private connect(): Promise<McpConnection> {
    if (this.closing.signal.aborted) return Promise.reject(agentUnavailable(this.entry.name, 'mcp', this.address, 'the agent was closed'));
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(): Promise<McpConnection> {
    let connection: McpConnection;
    try {
      connection = await openConnection(this.entry, {
        guard: this.options.guard,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        fetch: this.options.fetch,
        onStderr: this.options.onStderr,
        signal: this.closing.signal,
        onClose: () => {
          if (this.live === connection) this.live = undefined;
        },
      });
    } catch (error) {
      if (this.closing.signal.aborted) throw agentUnavailable(this.entry.name, 'mcp', this.address, 'the agent was closed');
      if (!(error instanceof McpConnectError)) throw error;
      throw agentUnavailable(this.entry.name, 'mcp', this.address, withTail(`cannot connect: ${describe(error.reason)}`, error.stderrTail));
    }
    if (this.closing.signal.aborted) {
      await connection.close();
      throw agentUnavailable(this.entry.name, 'mcp', this.address, 'the agent was closed');
    }
    this.created++;
    this.live = connection;
    this.tools = indexTools(connection.tools);
    return connection;
  }

  /** A failed call as a TaskError: cancelled, the tool's own error, a timeout, a refused call, or the connection lost. */
  private failure(error: unknown, task: TaskRequest, ctx: TaskContext, connection: McpConnection, timeoutMs: number): TaskError {
    if (ctx.signal.aborted) return abortReason(ctx.signal);
    if (error instanceof TaskError) return error;
    const where = `task "${task.taskId}": the MCP server "${this.entry.name}"`;
    if (error instanceof McpError) {
      if (error.code === ErrorCode.ConnectionClosed) return this.lost(connection, 'the connection closed');
      if (error.code === ErrorCode.RequestTimeout) return remoteTimeout(this.entry.name, 'mcp', this.address, timeoutMs);
      if (error.code === ErrorCode.InvalidParams || error.code === ErrorCode.InvalidRequest || error.code === ErrorCode.MethodNotFound) {
        return new TaskError('MCP_CALL_REJECTED', `${where} refused the call: ${error.message}`, false);
      }
      return new TaskError('MCP_CALL_FAILED', `${where} failed the call: ${error.message}`, true);
    }
    if (error instanceof UntrustedUrlError) return new TaskError('UNTRUSTED_URL', error.message, false);
    if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403)) {
      this.lost(connection, error.message);
      return new TaskError('MCP_UNAUTHORIZED', `${where} refused the call (HTTP ${error.code}): check the headers of its MCP_SERVERS entry`, false);
    }
    if (error instanceof Error && /ZodError/.test(error.name)) return new TaskError('MCP_BAD_REPLY', `${where} sent a reply that is not a tool result: ${error.message}`, true);
    // Anything else is the transport: a pipe to a dead child, a refused or reset HTTP connection.
    return this.lost(connection, describe(error));
  }

  /** Drops the connection so the next call opens a new one (a new child, a new session). */
  private lost(connection: McpConnection, why: string): TaskError {
    if (this.live === connection) this.live = undefined;
    if (!connection.closed) void connection.close().catch(() => undefined);
    return agentUnavailable(this.entry.name, 'mcp', this.address, withTail(why, connection.stderrTail()));
  }
}

/** MCP progress → the task's: a share of `total` when the server gives one, else 0 with the count in the message. */
function reportProgress(ctx: TaskContext, progress: Progress): void {
  if (progress.total !== undefined && progress.total > 0) ctx.progress((progress.progress / progress.total) * 100, progress.message);
  else ctx.progress(0, progress.message ?? `${progress.progress} done`);
}

/** `work`, unless the attempt is cancelled first (a reconnect may take up to the connect timeout; it goes on for the next call). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortReason(signal: AbortSignal): TaskError {
  return signal.reason instanceof TaskError ? signal.reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
}

/** Why, and the last lines of the server's stderr (a crash often explains itself there). */
function withTail(why: string, tail: readonly string[]): string {
  return tail.length === 0 ? why : `${why} (its stderr ended: ${tail.join(' | ')})`;
}

function describe(error: unknown): string {
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) return 'the server closed the connection (or exited)';
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (${cause.message})` : '';
  return `${code !== undefined && !error.message.includes(String(code)) ? `${code}: ` : ''}${error.message}${causeText}`;
}
