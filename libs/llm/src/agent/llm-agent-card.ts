import type { AgentCard, AgentSkill, JsonSchema, SkillPlanningMetadata } from '@a2a-mcp/agents';
import { USAGE_KEY, type LlmAgentConfig, type LlmSkillConfig } from './llm-agent-config';

/** The `usage` an LLM agent adds to every output (see LlmUsage). */
export const LLM_USAGE_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  description: 'Token usage of the model call that produced this output',
  properties: {
    model: { type: 'string' },
    promptTokens: { type: 'integer', minimum: 0 },
    completionTokens: { type: 'integer', minimum: 0 },
    totalTokens: { type: 'integer', minimum: 0 },
  },
  required: ['model'],
}) as JsonSchema;

/**
 * The agent's card: its skills, each with the output schema the quality checks use. That schema is the
 * configured one plus the `usage` property, so an `additionalProperties: false` schema still accepts
 * the outputs the agent returns.
 */
export function llmAgentCard(config: LlmAgentConfig): AgentCard {
  const outputSchema: JsonSchema = { ...config.outputSchema, properties: { ...config.outputSchema.properties, [USAGE_KEY]: LLM_USAGE_SCHEMA } };
  return {
    name: config.name,
    description: config.description ?? `Answers with JSON from ${config.endpoint.model}`,
    version: '1.0.0',
    capabilities: { streaming: false, pushNotifications: false, stateTransitionHistory: false },
    defaultInputModes: ['application/json', 'text/plain'],
    defaultOutputModes: ['application/json'],
    skills: config.skills.map((skill) => cardSkill(skill, outputSchema)),
  };
}

function cardSkill(skill: LlmSkillConfig, outputSchema: JsonSchema): AgentSkill {
  const metadata: SkillPlanningMetadata = { outputSchema };
  if (skill.consumes !== undefined) metadata.consumes = [...skill.consumes];
  if (skill.produces !== undefined) metadata.produces = [...skill.produces];
  if (skill.expectedDurationMs !== undefined) metadata.expectedDurationMs = skill.expectedDurationMs;
  if (skill.qualityDomain !== undefined) metadata.qualityDomain = skill.qualityDomain;
  const card: AgentSkill = { id: skill.id, name: skill.name, description: skill.description, tags: [...skill.tags], metadata };
  if (skill.examples !== undefined) card.examples = [...skill.examples];
  return card;
}
