import type { Agent } from '@a2a-mcp/agents';

/**
 * Plain agents (the agents lib's `Agent`: a card and `execute`) contributed by a plugin module, for
 * agents that are not Nest classes: remote A2A agents, transport adapters, generated agents.
 * Any provider whose value is an AgentPack is registered by the AgentCatalog at start-up.
 */
export class AgentPack {
  constructor(
    /** Names the pack in start-up errors (e.g. a duplicate agent name). */
    readonly name: string,
    readonly agents: readonly Agent[],
  ) {}
}
