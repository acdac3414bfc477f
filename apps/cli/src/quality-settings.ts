import type { AgentRegistry } from '@a2a-mcp/agents';
import type { RunOptions } from '@a2a-mcp/core-graph';
import { QualityError, prepareOutputSchemas, qualityConfigFromEnv, qualityScorerFromSettings } from '@a2a-mcp/quality';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/**
 * The quality scorer for a run, configured by ENABLE_QUALITY_VALIDATION and DEFAULT_QUALITY_DOMAIN
 * and built by the quality lib as the host builds it. Outputs are checked against the output schema
 * the agent's card declares, compiled here, before the run starts, so no task pays for it. Bad env
 * values are bad input.
 */
export function qualityScorerFor(registry: AgentRegistry, env: CliIo['env']): RunOptions['scoreOutput'] {
  let settings: ReturnType<typeof qualityConfigFromEnv>;
  try {
    settings = qualityConfigFromEnv(env);
  } catch (error) {
    if (error instanceof QualityError) throw new CliInputError(error.message);
    throw error;
  }
  // A broken schema here is a defect of a built-in agent, not bad input: it surfaces as an error naming the agent.
  const outputSchemas = settings.enabled ? prepareOutputSchemas(registry.cards()) : undefined;
  return qualityScorerFromSettings(settings, { cardOf: (agent) => registry.get(agent)?.card, outputSchemas });
}
