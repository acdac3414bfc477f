import type { AgentCard, AgentSkill, JsonSchema } from '@a2a-mcp/agents';
import type { Implementation, Tool } from '@modelcontextprotocol/sdk/types.js';

/** Words that say nothing about what a tool does; left out of its tags. */
const STOP_WORDS = new Set(
  'a an and are as at be by for from get gets given in into is it its of on or returns return set that the their this to with without you your'.split(' '),
);
const MAX_TAGS = 12;

/**
 * Keywords the planner matches requests against: the words of the tool's name (`word_count`,
 * `wordCount` → word, count), then the description's words, lower-cased, without stop words.
 */
export function tagsOf(tool: Pick<Tool, 'name' | 'title' | 'description'>): string[] {
  const tags = new Set<string>();
  for (const text of [tool.name, tool.title ?? '', tool.description ?? '']) {
    const words = text
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/);
    for (const word of words) {
      if (tags.size >= MAX_TAGS) return [...tags];
      if (word.length > 1 && !STOP_WORDS.has(word) && !/^\d+$/.test(word)) tags.add(word);
    }
  }
  return [...tags];
}

/**
 * One skill per tool: id = the tool name, the planner's keywords, the output schema for quality
 * scoring, and `selectWith: 'tool'` so a planner puts the matched tool's name in the task's `input.tool`.
 */
export function skillOf(tool: Tool): AgentSkill {
  const title = tool.title ?? tool.annotations?.title;
  return {
    id: tool.name,
    name: title ?? tool.name,
    description: tool.description ?? `the MCP tool "${tool.name}"`,
    tags: tagsOf(tool),
    inputModes: ['application/json'],
    outputModes: ['application/json'],
    metadata: { selectWith: 'tool', ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema as JsonSchema }) },
  };
}

/** The agent an MCP server becomes: named after its config entry, one skill per tool. */
export function cardOf(name: string, tools: readonly Tool[], server: Implementation | undefined, url?: string): AgentCard {
  const serverName = server?.title ?? server?.name ?? name;
  const description = server?.description ?? `the tools of the MCP server "${serverName}": ${tools.map((tool) => tool.name).join(', ') || 'none'}`;
  return {
    name,
    description,
    version: server?.version ?? '0.0.0',
    ...(url === undefined ? {} : { url }),
    capabilities: { streaming: false },
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: tools.map(skillOf),
  };
}
