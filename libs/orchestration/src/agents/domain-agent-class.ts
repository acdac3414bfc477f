import type { Type } from '@nestjs/common';
import type { Agent } from '@a2a-mcp/agents';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { DomainAgent, type DomainAgentExecutor } from './domain-agent.decorator';

/**
 * A `@DomainAgent` class that serves a plain agent: its card becomes the class's card and `execute`
 * delegates. The class is named after the agent (`payment_processor` → `PaymentProcessorAgent`, `sms_agent` → `SmsAgent`), so
 * start-up errors name it. Providing the class in a module is all it takes for discovery to find it.
 */
export function domainAgentClassFor(agent: Agent): Type<DomainAgentExecutor> {
  const card = agent.card;
  @DomainAgent({
    name: card.name,
    description: card.description,
    skills: card.skills,
    version: card.version,
    url: card.url,
    capabilities: card.capabilities,
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
  })
  class AgentAdapter implements DomainAgentExecutor {
    execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
      return agent.execute(task, ctx);
    }
  }
  Object.defineProperty(AgentAdapter, 'name', { value: classNameOf(card.name) });
  return AgentAdapter;
}

function classNameOf(agentName: string): string {
  const words = agentName.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  const name = /^[A-Za-z]/.test(pascal) ? pascal : `Agent${pascal}`;
  return name.endsWith('Agent') ? name : `${name}Agent`;
}
