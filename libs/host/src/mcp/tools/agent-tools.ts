import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ListAgentsQuery } from '@a2a-mcp/orchestration';
import { SkillMatcher } from '@a2a-mcp/planner';
import { agentCardSchema, agentListItemSchema } from '../schemas/agent-card.schema';
import type { McpToolDeps } from './mcp-tool-deps';
import { structuredResult, toolError } from './tool-results';

type SkillMatch = ReturnType<SkillMatcher['ranked']>[number];

/** Runners-up find_agent names besides its best match. */
const CANDIDATES = 3;

const matchSchema = z.object({ agent: z.string(), skill: z.object({ id: z.string(), name: z.string() }), score: z.number() });

/** find_agent (the original framework's tool) and list_agents. */
export function registerAgentTools(server: McpServer, deps: McpToolDeps): void {
  server.registerTool(
    'find_agent',
    {
      title: 'Find the agent for a task',
      description:
        "The agent best suited to a task described in plain words, by the planner's skill matching (skill tags, names, " +
        "examples, descriptions): its A2A agent card, the skill that matched and the score. Use the card's `name` as a " +
        'plan task\'s `agent`. No agent scores high enough → found: false and the closest candidates.',
      inputSchema: { query: z.string().trim().min(1).max(2000).describe('what the agent should do, e.g. "charge the customer\'s card"') },
      outputSchema: {
        query: z.string(),
        found: z.boolean(),
        card: agentCardSchema.optional().describe('the best agent\'s card, when found'),
        match: matchSchema.optional(),
        candidates: z.array(matchSchema).describe('the next best agents, best first'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query }, extra) => {
      try {
        deps.callerOf(extra, 'agents:read', 'the tool find_agent');
        const cards = await deps.queries.execute(new ListAgentsQuery());
        const matcher = new SkillMatcher(cards);
        const best = matcher.best(query);
        const ranked = matcher.ranked(query).filter((match) => best === undefined || match.entry.agent.name !== best.entry.agent.name);
        const candidates = distinctAgents(ranked).slice(0, CANDIDATES).map(matchOf);
        if (best === undefined) {
          const closest = candidates.length > 0 ? ` Closest: ${candidates.map((c) => `${c.agent} (${c.score})`).join(', ')}.` : '';
          return structuredResult(
            `No agent matches "${query}" well enough.${closest} list_agents shows every agent and its skills.`,
            { query, found: false, candidates },
          );
        }
        const match = matchOf(best);
        const card = best.entry.agent;
        return structuredResult(
          `${card.name}: skill "${match.skill.name}" (score ${match.score}) — ${card.description}`,
          { query, found: true, card, match, candidates },
        );
      } catch (error) {
        return toolError(error);
      }
    },
  );

  server.registerTool(
    'list_agents',
    {
      title: 'List the agents',
      description:
        'Every agent a plan may name: its A2A agent card (skills, tags, examples) with its transport, address and health ' +
        '(the same list as GET /v1/agents).',
      outputSchema: { agents: z.array(agentListItemSchema) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (extra) => {
      try {
        deps.callerOf(extra, 'agents:read', 'the tool list_agents');
        const cards = await deps.queries.execute(new ListAgentsQuery());
        const agents = cards.map((card) => {
          const { name: _name, ...status } = deps.catalog.statusOf(card.name);
          return { ...card, ...status };
        });
        const lines = agents.map((agent) => `${agent.name} (${agent.transport}${agent.healthy ? '' : ', unhealthy'}): ${agent.skills.map((s) => s.name).join(', ')}`);
        return structuredResult([`${agents.length} agent(s):`, ...lines].join('\n'), { agents });
      } catch (error) {
        return toolError(error);
      }
    },
  );
}

function matchOf(match: SkillMatch): z.infer<typeof matchSchema> {
  const { agent, skill } = match.entry;
  return { agent: agent.name, skill: { id: skill.id, name: skill.name }, score: Math.round(match.score * 100) / 100 };
}

/** Each agent once, at its best skill (the list is already best first). */
function distinctAgents(matches: readonly SkillMatch[]): SkillMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => !seen.has(match.entry.agent.name) && seen.add(match.entry.agent.name));
}
