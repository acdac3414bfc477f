import type { JsonSchema } from './json-schema';
import type { OutputSchemaRegistry } from './output-schema-registry';
import type { QualityDomain } from './quality-domain';
import { qualityConfigFromEnv } from './quality-env';
import { createQualityScorer, type QualityScorer } from './quality-scorer';

/** Whether outputs are scored, and in which domain when neither task nor agent names one. */
export interface QualitySettings {
  enabled: boolean;
  defaultDomain: QualityDomain;
}

/** The part of an agent card scoring reads: its first skill's declared output schema and quality domain. */
export interface ScoredAgentCard {
  readonly skills: readonly { readonly metadata?: { readonly outputSchema?: JsonSchema; readonly qualityDomain?: string } }[];
}

/** Where the scorer finds the agents' cards and, when already compiled, their output schemas. */
export interface ScorerAgents {
  cardOf(agent: string): ScoredAgentCard | undefined;
  /** Output schemas compiled up front (prepareOutputSchemas, or the host's catalog); absent: compiled on first use and cached. */
  outputSchemas?: OutputSchemaRegistry;
}

/**
 * The engine's `scoreOutput` hook, as the CLI and the host both build it. Domain: the task's, else
 * its agent's (first skill's `qualityDomain`), else `defaultDomain`; outputs are checked against the
 * output schema the agent's card declares. Disabled, it scores nothing.
 */
export function qualityScorerFromSettings(settings: QualitySettings, agents: ScorerAgents): QualityScorer {
  if (!settings.enabled) return createQualityScorer({ enabled: false });
  const firstSkill = (agent: string) => agents.cardOf(agent)?.skills[0]?.metadata;
  return createQualityScorer({
    defaultDomain: settings.defaultDomain,
    outputSchemas: agents.outputSchemas,
    resolveOutputSchema: (agent) => firstSkill(agent)?.outputSchema,
    resolveAgentDomain: (agent) => firstSkill(agent)?.qualityDomain,
  });
}

/**
 * The scorer ENABLE_QUALITY_VALIDATION and DEFAULT_QUALITY_DOMAIN configure (see qualityConfigFromEnv;
 * a bad value throws QualityError INVALID_ENV).
 */
export function qualityScorerFromEnv(env: Readonly<Record<string, string | undefined>>, agents: ScorerAgents): QualityScorer {
  return qualityScorerFromSettings(qualityConfigFromEnv(env), agents);
}
