import type { AgentRegistry } from '@a2a-mcp/agents';
import type { RunOptions } from '@a2a-mcp/core-graph';
import { QualityError, createQualityScorer, prepareOutputSchemas, qualityConfigFromEnv } from '@a2a-mcp/quality';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/**
 * The quality scorer for a run, configured by ENABLE_QUALITY_VALIDATION and DEFAULT_QUALITY_DOMAIN.
 * Outputs are checked against the output schema the agent's card declares, compiled here, before
 * the run starts, so no task pays for it. Bad env values are bad input.
 */
export function qualityScorerFor(registry: AgentRegistry, env: CliIo['env']): RunOptions['scoreOutput'] {
  let config: ReturnType<typeof qualityConfigFromEnv>;
  try {
    config = qualityConfigFromEnv(env);
  } catch (error) {
    if (error instanceof QualityError) throw new CliInputError(error.message);
    throw error;
  }
  if (!config.enabled) return createQualityScorer({ enabled: false });
  // A broken schema here is a defect of a built-in agent, not bad input: it surfaces as an error naming the agent.
  const outputSchemas = prepareOutputSchemas(registry.cards());
  return createQualityScorer({
    defaultDomain: config.defaultDomain,
    outputSchemas,
    resolveAgentDomain: (agent) => registry.get(agent)?.card.skills[0]?.metadata?.qualityDomain,
  });
}
