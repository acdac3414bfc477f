import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { createInteractiveDemoAgents } from '@a2a-mcp/agents';
import { AgentCatalog, AgentPackModule, DemoAgentsModule } from '@a2a-mcp/orchestration';

/** approval_agent, which asks a person: served too, its question travels back to the host. */
const INTERACTIVE_DEMO_AGENTS = AgentPackModule.forFeature({ name: 'interactive demo agents', agents: createInteractiveDemoAgents() });

/**
 * The agents one replica serves: every `@DomainAgent` provider and agent pack of the modules it
 * imports (default: the demo agents, the simulator and approval_agent), found by the host's own
 * AgentCatalog. No orchestration core: a replica runs tasks, it does not plan or schedule.
 */
@Module({})
export class AgentsAppModule {
  static register(imports: ModuleMetadata['imports'] = [DemoAgentsModule, INTERACTIVE_DEMO_AGENTS]): DynamicModule {
    return { module: AgentsAppModule, imports: [DiscoveryModule, ...imports], providers: [AgentCatalog], exports: [AgentCatalog] };
  }
}

/** The NATS microservice's module: the NatsAgentServer strategy does the serving, the module holds nothing. */
@Module({})
export class NatsServingModule {}
