import type { AgentCard as A2aAgentCard, AgentSkill as A2aAgentSkill } from '@a2a-js/sdk';
import { duplicateInterfacesForLegacy } from '@a2a-js/sdk/compat/v0_3';
import type { AgentCard } from '@a2a-mcp/agents';
import { A2A_JSON_RPC_PATH } from './a2a-paths';
import { cardSecurityFor, type A2aAuthMode } from './card-security';

export const HOST_AGENT_NAME = 'a2a-mcp orchestrator';

/** Media types of the messages the host takes and gives: text requests and answers, JSON plans and results. */
export const HOST_MEDIA_TYPES = ['text/plain', 'application/json'];

/** The host's own skill: everything a message does starts here. */
export const PLAN_AND_RUN_SKILL: A2aAgentSkill = {
  id: 'plan_and_run',
  name: 'Plan and run a workflow',
  description:
    'Send a request as a text part: it is planned into a DAG of tasks over the agents listed below, then run. Or send a plan as a ' +
    'data part ({"tasks": [...]} or {"plan": {...}}): it is checked and run as given. The A2A task id is the run id. Each task ' +
    'started, completed or failed is a status update, each task output an artifact named after the task, the run result the ' +
    'last artifact. A task that waits for a person makes the task input-required: answer with a message on the same task id.',
  tags: ['orchestration', 'workflow', 'plan', 'dag', 'parallel', 'agents'],
  examples: [
    'Process order 1042: charge the card, reserve the items, print a shipping label, then email and text the customer.',
    '{"tasks": [{"id": "payment", "description": "Charge the card", "agent": "payment_processor", "dependencies": []}]}',
  ],
  inputModes: HOST_MEDIA_TYPES,
  outputModes: ['application/json', 'text/plain'],
  securityRequirements: [],
};

export interface HostCardOptions {
  /** Where clients reach the host, without a trailing slash: `https://agents.example.com`. */
  baseUrl: string;
  version: string;
  /** The registered agents (AgentCatalog.cards()): each of their skills is a skill of the host. */
  agents: readonly AgentCard[];
  authMode?: A2aAuthMode;
}

/**
 * The host's A2A 1.0 agent card: one JSON-RPC interface at /a2a, declared for protocol 1.0 and
 * mirrored for 0.3 (the endpoint serves both), streaming, the host's `plan_and_run` skill, then one
 * skill per skill of every registered agent (`<agent>.<skill id>`), so a client can see what a plan may use.
 */
export function buildHostAgentCard(options: HostCardOptions): A2aAgentCard {
  const endpoint = `${options.baseUrl}${A2A_JSON_RPC_PATH}`;
  return {
    name: HOST_AGENT_NAME,
    description:
      'Orchestrates work across many agents: a request or a plan becomes a DAG of tasks run sequentially, level by level or ' +
      'dependency-driven, with retries, timeouts, quality checks and cancellation; progress streams live.',
    supportedInterfaces: duplicateInterfacesForLegacy([{ url: endpoint, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' }], ['JSONRPC']),
    provider: undefined,
    version: options.version,
    documentationUrl: `${options.baseUrl}/docs`,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    ...cardSecurityFor(options.authMode),
    defaultInputModes: HOST_MEDIA_TYPES,
    defaultOutputModes: HOST_MEDIA_TYPES,
    skills: [PLAN_AND_RUN_SKILL, ...options.agents.flatMap(agentSkills)],
    signatures: [],
  };
}

function agentSkills(card: AgentCard): A2aAgentSkill[] {
  return card.skills.map((skill) => ({
    id: `${card.name}.${skill.id}`,
    name: skill.name,
    description: `${skill.description} (agent ${card.name}; name it in a plan task's "agent")`,
    tags: [...skill.tags],
    examples: [...(skill.examples ?? [])],
    inputModes: [...(skill.inputModes ?? card.defaultInputModes)],
    outputModes: [...(skill.outputModes ?? card.defaultOutputModes)],
    securityRequirements: [],
  }));
}
