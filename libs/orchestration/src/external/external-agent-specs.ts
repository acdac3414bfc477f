import { Logger } from '@nestjs/common';
import { LlmAgent, type LlmAgentConfig } from '@a2a-mcp/llm';
import { UrlGuard, connectA2aAgent, connectMcpServer, type A2aAgentEntry, type ExternalAgent, type McpServerEntry } from '@a2a-mcp/transports';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import type { ExternalAgentSpec } from './external-agent-spec';

const guardOf = (config: OrchestratorConfig): UrlGuard => new UrlGuard({ allowedHosts: config.externalAgents.allowedHosts });

/** A remote A2A agent by card URL: read and check its card, then call it over a keep-alive pool. */
export function a2aAgentSpec(entry: A2aAgentEntry, label: string, config: OrchestratorConfig): ExternalAgentSpec {
  return {
    kind: 'a2a',
    label,
    connect: ({ signal }) =>
      connectA2aAgent(entry.cardUrl, {
        guard: guardOf(config),
        poolSize: config.transports.poolSize,
        maxCardBytes: config.externalAgents.maxResponseBytes,
        cardTimeoutMs: config.externalAgents.connectTimeoutMs,
        signal,
        ...(entry.name === undefined ? {} : { name: entry.name }),
      }),
  };
}

/** An MCP server's tools as one agent's skills. */
export function mcpServerSpec(entry: McpServerEntry, label: string, config: OrchestratorConfig): ExternalAgentSpec {
  const logger = new Logger(`mcp:${entry.name}`);
  return {
    kind: 'mcp',
    label,
    connect: () =>
      connectMcpServer(entry, {
        guard: guardOf(config),
        timeoutMs: config.externalAgents.connectTimeoutMs,
        onStderr: (line) => logger.debug(line),
      }),
  };
}

/** An agent answered by a model; nothing to reach at boot (the endpoint is called per task). */
export function llmAgentSpec(entry: LlmAgentConfig, label: string, keys: OrchestratorConfig['externalAgents']['llmKeys']): ExternalAgentSpec {
  return {
    kind: 'llm',
    label,
    async connect(): Promise<ExternalAgent> {
      const agent = new LlmAgent(entry, { env: keys });
      return { card: agent.card, executor: agent, transport: 'llm', address: `${entry.endpoint.model}@${entry.endpoint.url}`, close: async () => undefined };
    },
  };
}

/** Every external agent the configuration names: AGENTS_CONFIG a2a entries, MCP_SERVERS, LLM_AGENTS. */
export function externalAgentSpecs(config: OrchestratorConfig): ExternalAgentSpec[] {
  const agentsFile = config.remoteAgents.pinned;
  const { mcpServers, llmAgents } = config.externalAgents;
  return [
    ...(agentsFile?.a2aAgents ?? []).map((entry) => a2aAgentSpec(entry, `AGENTS_CONFIG ${agentsFile?.file} (${entry.cardUrl})`, config)),
    ...(mcpServers?.servers ?? []).map((entry) => mcpServerSpec(entry, `MCP_SERVERS ${mcpServers?.file} (server "${entry.name}")`, config)),
    ...(llmAgents?.agents ?? []).map((entry) => llmAgentSpec(entry, `LLM_AGENTS ${llmAgents?.file} (agent "${entry.name}")`, config.externalAgents.llmKeys)),
  ];
}
