import type { AgentCard } from '@a2a-mcp/agents';
import { AgentCard as SdkAgentCard } from '@a2a-js/sdk';
import { parseLegacyAgentCard } from '@a2a-js/sdk/compat/v0_3/client';
import { A2A_AGENT_NAME_PATTERN, MAX_A2A_AGENT_NAME_LENGTH, agentNameFromDisplayName } from './a2a-agent-name';
import type { ValidA2aCard } from './a2a-card-validation';
import { BadAgentCardError } from './bad-agent-card.error';

/** A name given by configuration that is not one of our agent names. */
export class InvalidAgentNameError extends RangeError {
  readonly code = 'INVALID_AGENT_NAME' as const;
  constructor(readonly agentName: string) {
    super(`${JSON.stringify(agentName.slice(0, 100))} is not a valid agent name: lower-case letters, digits and single underscores, starting with a letter, at most ${MAX_A2A_AGENT_NAME_LENGTH} characters`);
    this.name = 'InvalidAgentNameError';
  }
}

/**
 * The card in our shape. The agent name is `name` when given, else the card's display name made an
 * identifier ("Currency Agent" → "currency_agent"); when they differ, the description keeps the
 * original name so a person still recognises the agent.
 */
export function toAgentCard(card: ValidA2aCard, cardUrl: string, name?: string): AgentCard {
  let agentName: string;
  if (name !== undefined) {
    if (!A2A_AGENT_NAME_PATTERN.test(name) || name.length > MAX_A2A_AGENT_NAME_LENGTH) throw new InvalidAgentNameError(name);
    agentName = name;
  } else {
    const derived = agentNameFromDisplayName(card.name);
    if (derived === undefined) throw new BadAgentCardError(cardUrl, 'name', `(${JSON.stringify(card.name.slice(0, 100))}) has no letters or digits to make an agent name of; give one with the name option`);
    agentName = derived;
  }
  const original = agentName === card.name ? '' : `A2A agent "${card.name}"`;
  const description = [card.description.trim(), original && (card.description.trim() === '' ? original : `(${original})`)].filter((part) => part !== '').join(' ');
  return {
    name: agentName,
    description,
    version: card.version,
    url: card.endpoint.url,
    protocolVersion: card.endpoint.protocolVersion,
    capabilities: {
      ...(card.streaming !== undefined ? { streaming: card.streaming } : {}),
      ...(card.pushNotifications !== undefined ? { pushNotifications: card.pushNotifications } : {}),
    },
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills,
  };
}

/**
 * The card as the SDK's client reads it, with its interfaces cut down to the one the guard checked:
 * the SDK then cannot pick another (unchecked) URL of the card.
 */
export function sdkCardOf(card: ValidA2aCard, cardUrl: string): SdkAgentCard {
  let parsed: SdkAgentCard;
  try {
    parsed = card.legacy ? parseLegacyAgentCard(card.raw) : SdkAgentCard.fromJSON(card.raw);
  } catch (error) {
    throw new BadAgentCardError(cardUrl, '(body)', `is not an A2A agent card the SDK can read (${error instanceof Error ? error.message : String(error)})`);
  }
  const { url, protocolBinding, protocolVersion, tenant } = card.endpoint;
  return { ...parsed, supportedInterfaces: [{ url, protocolBinding, protocolVersion, tenant }] };
}
