import type { AgentRegistry } from '@a2a-mcp/agents';
import type { RunOptions } from '@a2a-mcp/core-graph';
import { QualityError, createQualityScorer, qualityConfigFromEnv } from '@a2a-mcp/quality';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/**
 * The quality scorer for a run, configured by ENABLE_QUALITY_VALIDATION and DEFAULT_QUALITY_DOMAIN.
 * Outputs are checked against the output schema the agent's card declares. Bad env values are bad input.
 */
export function qualityScorerFor(registry: AgentRegistry, env: CliIo['env']): RunOptions['scoreOutput'] {
  let config: ReturnType<typeof qualityConfigFromEnv>;
  try {
    config = qualityConfigFromEnv(env);
  } catch (error) {
    if (error instanceof QualityError) throw new CliInputError(error.message);
    throw error;
  }
  const firstSkill = (agent: string) => registry.get(agent)?.card.skills[0]?.metadata;
  return createQualityScorer({
    enabled: config.enabled,
    defaultDomain: config.defaultDomain,
    resolveOutputSchema: (agent) => firstSkill(agent)?.outputSchema,
    resolveAgentDomain: (agent) => firstSkill(agent)?.qualityDomain,
  });
}
