import { Module } from '@nestjs/common';
import { createDemoAgents, createSimulatorAgent } from '@a2a-mcp/agents';
import { domainAgentClassFor } from './domain-agent-class';

/**
 * The original framework's demo agents (`createDemoAgents()`) and the `simulator`, as Nest providers. Each agent
 * becomes a class marked `@DomainAgent` with the agent's own card (see `domainAgentClassFor`), so the
 * host discovers them exactly like a user's agent classes: import this module and they are there.
 * The agents are stateless, so the classes share one instance of each plain agent.
 */
export const DEMO_AGENT_CLASSES = [...createDemoAgents(), createSimulatorAgent()].map(domainAgentClassFor);

@Module({ providers: DEMO_AGENT_CLASSES, exports: DEMO_AGENT_CLASSES })
export class DemoAgentsModule {}
