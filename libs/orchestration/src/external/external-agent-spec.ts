import type { ExternalAgent } from '@a2a-mcp/transports';

/** What a connector gets: the signal aborts a try that took longer than EXTERNAL_AGENT_CONNECT_TIMEOUT_MS. */
export interface ConnectContext {
  signal: AbortSignal;
}

/** One external agent to reach: where it came from (for messages) and how to connect to it. */
export interface ExternalAgentSpec {
  kind: ExternalAgent['transport'];
  /** "AGENTS_CONFIG agents[2] (https://…)", "MCP_SERVERS servers[0] (text_tools)": names it in logs and errors. */
  label: string;
  connect(context: ConnectContext): Promise<ExternalAgent>;
}

/** Token of the external agents read from the configuration (AGENTS_CONFIG a2a entries, MCP_SERVERS, LLM_AGENTS). */
export const EXTERNAL_AGENT_SPECS = Symbol.for('a2a-mcp:external-agent-specs');
