import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { McpToolDeps } from '../tools/mcp-tool-deps';

export const AGENT_CARDS_LIST_URI = 'resource://agent_cards/list';
const AGENT_CARD_TEMPLATE = 'resource://agent_cards/{name}';
const JSON_MIME = 'application/json';

/** The MCP spec's code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

export function agentCardUri(name: string): string {
  return `resource://agent_cards/${encodeURIComponent(name)}`;
}

/**
 * The original framework's agent card registry as resources: every card at resource://agent_cards/list,
 * one card at resource://agent_cards/{name} (resources/list enumerates them, names complete).
 */
export function registerAgentCardResources(server: McpServer, { catalog, callerOf }: McpToolDeps): void {
  server.registerResource(
    'agent_cards',
    AGENT_CARDS_LIST_URI,
    { title: 'Agent cards', description: 'The A2A agent card of every registered agent, as one JSON array.', mimeType: JSON_MIME },
    async (uri, extra) => {
      callerOf(extra, 'agents:read', 'the resource agent_cards');
      return { contents: [{ uri: uri.href, mimeType: JSON_MIME, text: JSON.stringify(catalog.cards()) }] };
    },
  );

  server.registerResource(
    'agent_card',
    new ResourceTemplate(AGENT_CARD_TEMPLATE, {
      list: async (extra) => {
        callerOf(extra, 'agents:read', 'listing the agent cards');
        return {
          resources: catalog.cards().map((card) => ({ uri: agentCardUri(card.name), name: card.name, description: card.description, mimeType: JSON_MIME })),
        };
      },
      complete: { name: (value) => catalog.names().filter((name) => name.startsWith(value)) },
    }),
    { title: 'Agent card', description: "One agent's A2A agent card, by agent name.", mimeType: JSON_MIME },
    async (uri, variables, extra) => {
      callerOf(extra, 'agents:read', 'the resource agent_card');
      const name = decoded(String(variables.name));
      const card = catalog.card(name);
      if (card === undefined) {
        throw new McpError(RESOURCE_NOT_FOUND as ErrorCode, `no agent named ${JSON.stringify(name)}; ${AGENT_CARDS_LIST_URI} lists them all`, { uri: uri.href });
      }
      return { contents: [{ uri: uri.href, mimeType: JSON_MIME, text: JSON.stringify(card) }] };
    },
  );
}

/** The agent name in a URI; a malformed escape is kept as written (and names no agent). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
