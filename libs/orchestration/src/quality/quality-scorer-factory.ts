import type { AgentCard } from '@a2a-mcp/agents';
import type { RunOptions } from '@a2a-mcp/core-graph';
import type { Plan } from '@a2a-mcp/planner';
import { qualityScorerFromSettings, type OutputSchemaRegistry, type QualityDomain } from '@a2a-mcp/quality';

/** What a scorer factory knows when a run starts. */
export interface QualityScorerContext {
  runId: string;
  plan: Plan;
  /** ENABLE_QUALITY_VALIDATION, or the mode's default. */
  enabled: boolean;
  defaultDomain: QualityDomain;
  /** The card of a registered agent. */
  cardOf(agent: string): AgentCard | undefined;
}

/** Builds the engine's `scoreOutput` hook for one run (the QUALITY_SCORER_FACTORY plugin point). */
export interface QualityScorerFactory {
  create(context: QualityScorerContext): RunOptions['scoreOutput'];
}

/**
 * The default: the quality lib's validators, as the CLI runs them. Domain: the task's, else its
 * agent's (first skill's `qualityDomain`), else DEFAULT_QUALITY_DOMAIN; outputs are checked against
 * the output schema the agent's card declares, compiled when the agent registered (OutputSchemaCatalog):
 * given `outputSchemas`, the scorer takes the compiled validators from it; without, it looks the
 * schema up on the card and finds it compiled in the quality lib's cache. Disabled, it scores nothing.
 */
export class DefaultQualityScorerFactory implements QualityScorerFactory {
  constructor(private readonly outputSchemas?: OutputSchemaRegistry) {}

  create(context: QualityScorerContext): RunOptions['scoreOutput'] {
    // The quality lib's one construction, shared with the CLI.
    return qualityScorerFromSettings(
      { enabled: context.enabled, defaultDomain: context.defaultDomain },
      { cardOf: (agent) => context.cardOf(agent), outputSchemas: this.outputSchemas },
    );
  }
}
