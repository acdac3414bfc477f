import { z } from 'zod';

/**
 * The A2A agent card as MCP clients see it (find_agent, list_agents). Loose objects: a remote agent's
 * card may carry fields this host does not model, and they pass through unchanged.
 */
export const agentSkillSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
});

export const agentCardSchema = z.looseObject({
  name: z.string().describe('the name a plan task gives in `agent`'),
  description: z.string(),
  version: z.string(),
  url: z.string().optional(),
  skills: z.array(agentSkillSchema),
});

/** A card with where its agent runs: the same item as GET /v1/agents. */
export const agentListItemSchema = agentCardSchema.extend({
  transport: z.string().describe('local (in-process), nats, grpc, a2a, ...'),
  address: z.string(),
  healthy: z.boolean(),
  reason: z.string().optional().describe('why the agent is unhealthy'),
  replicas: z.array(z.looseObject({ replicaId: z.string() })),
});
