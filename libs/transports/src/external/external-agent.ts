import type { AgentCard } from '@a2a-mcp/agents';
import type { TaskExecutor } from '@a2a-mcp/core-graph';
import type { PoolStats } from '../pool/pool-stats';
import type { TransportKind } from '../transport-errors';

/**
 * An agent reached through a protocol someone else serves (an A2A agent, an MCP server's tools, an
 * LLM endpoint): its card in our shape (skills feed the planner), the executor that turns a task into
 * a call, and the connection it holds. The host registers it in its catalog like any remote agent.
 */
export interface ExternalAgent {
  card: AgentCard;
  executor: TaskExecutor;
  transport: Exclude<TransportKind, 'local' | 'nats' | 'grpc'>;
  /** Where it is reached: an A2A base URL, `stdio:<command>` or an MCP URL, an LLM endpoint. */
  address: string;
  /** The connection pool behind the calls, when there is one. */
  poolStats?(): PoolStats | undefined;
  /** Closes connections and child processes. */
  close(): Promise<void>;
}
