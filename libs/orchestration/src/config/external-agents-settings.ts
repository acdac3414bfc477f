import { LlmAgent, LlmAgentsConfigError, LlmError, readLlmAgentsConfigFile, type LlmAgentsConfig } from '@a2a-mcp/llm';
import { McpServersConfigError, parseAllowedHosts, readMcpServersConfigFile, type McpServersConfig } from '@a2a-mcp/transports';
import type { Environment, EnvReader } from './env-reader';

/** Agents other parties serve: A2A agents (AGENTS_CONFIG), MCP servers' tools (MCP_SERVERS), LLM agents (LLM_AGENTS). */
export interface ExternalAgentsSettings {
  /** AGENT_ALLOWED_HOSTS: loopback/private hosts, IPs or CIDRs the host may call (card URLs, MCP URLs). */
  allowedHosts: string[];
  /** EXTERNAL_AGENT_CONNECT_TIMEOUT_MS: how long boot waits for one external agent before it retries in the background. */
  connectTimeoutMs: number;
  /** EXTERNAL_AGENT_RETRY_MS: the longest wait between two tries to reach an external agent that was down at boot. */
  retryMaxMs: number;
  /** EXTERNAL_AGENT_MAX_RESPONSE_BYTES: largest agent card read from a remote A2A agent (default 256 KiB). */
  maxResponseBytes: number;
  /** MCP_SERVERS: a JSON or YAML file of MCP servers (a command for stdio, or a URL); each one's tools become one agent's skills. */
  mcpServers?: McpServersConfig;
  /** LLM_AGENTS: a JSON or YAML file of agents answered by a model behind an OpenAI-compatible endpoint. */
  llmAgents?: LlmAgentsConfig;
  /** The variables LLM_AGENTS entries name in `apiKeyEnv`, as the boot environment had them. */
  llmKeys: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_MAX_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export function readExternalAgentsSettings(read: EnvReader, env: Environment): ExternalAgentsSettings {
  let allowedHosts: string[] = [];
  const raw = read.raw('AGENT_ALLOWED_HOSTS');
  try {
    allowedHosts = parseAllowedHosts(raw);
  } catch (error) {
    read.report('AGENT_ALLOWED_HOSTS', raw ?? '', `comma-separated host names, IP addresses or CIDR ranges (${error instanceof Error ? error.message : String(error)})`);
  }
  const settings: ExternalAgentsSettings = {
    allowedHosts,
    connectTimeoutMs: read.integer('EXTERNAL_AGENT_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS, 1, 600_000),
    retryMaxMs: read.integer('EXTERNAL_AGENT_RETRY_MS', DEFAULT_RETRY_MAX_MS, 1, 3_600_000),
    maxResponseBytes: read.integer('EXTERNAL_AGENT_MAX_RESPONSE_BYTES', DEFAULT_MAX_RESPONSE_BYTES, 1024),
    llmKeys: {},
  };
  const mcpFile = read.raw('MCP_SERVERS')?.trim();
  if (mcpFile !== undefined) {
    try {
      settings.mcpServers = readMcpServersConfigFile(mcpFile);
    } catch (error) {
      if (!(error instanceof McpServersConfigError)) throw error;
      read.report('MCP_SERVERS', mcpFile, `a readable MCP servers file; ${error.message}`);
    }
  }
  const llmFile = read.raw('LLM_AGENTS')?.trim();
  if (llmFile !== undefined) {
    try {
      settings.llmAgents = readLlmAgentsConfigFile(llmFile);
      const keys: Record<string, string | undefined> = {};
      for (const { endpoint } of settings.llmAgents.agents) if (endpoint.apiKeyEnv !== undefined) keys[endpoint.apiKeyEnv] = env[endpoint.apiKeyEnv];
      settings.llmKeys = keys;
      // Built once now so a missing API key variable or a bad endpoint stops the boot naming the agent.
      for (const agent of settings.llmAgents.agents) new LlmAgent(agent, { env });
    } catch (error) {
      if (!(error instanceof LlmAgentsConfigError) && !(error instanceof LlmError)) throw error;
      read.report('LLM_AGENTS', llmFile, `a readable LLM agents file; ${error.message}`);
    }
  }
  return settings;
}
