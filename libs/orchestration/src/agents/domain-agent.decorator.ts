import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { AgentCard, AgentSkill } from '@a2a-mcp/agents';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';

/** Reflect-metadata key under which `@DomainAgent` stores the agent card on the class. */
export const DOMAIN_AGENT_METADATA = 'a2a-mcp:domain-agent';

/** The card a `@DomainAgent` declares; protocol boilerplate (modes, capabilities, version) has defaults. */
export interface DomainAgentOptions {
  /** Unique agent name that plans refer to (`tasks[].agent`), e.g. `fraud_check`. */
  name: string;
  description: string;
  skills: AgentSkill[];
  version?: string;
  url?: string;
  capabilities?: AgentCard['capabilities'];
  defaultInputModes?: string[];
  defaultOutputModes?: string[];
}

/** What a `@DomainAgent` provider implements: the engine's executor contract for its own tasks. */
export interface DomainAgentExecutor {
  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown>;
}

export function toAgentCard(options: DomainAgentOptions): AgentCard {
  return {
    name: options.name,
    description: options.description,
    version: options.version ?? '1.0.0',
    ...(options.url === undefined ? {} : { url: options.url }),
    capabilities: options.capabilities ?? { streaming: true, pushNotifications: false, stateTransitionHistory: true },
    defaultInputModes: options.defaultInputModes ?? ['application/json'],
    defaultOutputModes: options.defaultOutputModes ?? ['application/json'],
    skills: options.skills,
  };
}

/**
 * Marks a Nest provider as a domain agent. The host discovers every such provider (in any module
 * the application imports), registers its card, and routes the plan tasks naming it to `execute`.
 *
 * ```ts
 * @DomainAgent({ name: 'fraud_check', description: 'Scores an order for fraud', skills: [...] })
 * export class FraudCheckAgent implements DomainAgentExecutor {
 *   async execute(task: TaskRequest, ctx: TaskContext) { ... }
 * }
 * ```
 */
export function DomainAgent(options: DomainAgentOptions): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(DOMAIN_AGENT_METADATA, toAgentCard(options)));
}
