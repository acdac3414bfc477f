import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { createInteractiveDemoAgents } from '@a2a-mcp/agents';
import { AgentPackModule, DemoAgentsModule, OrchestrationModule, type Environment } from '@a2a-mcp/orchestration';
import { A2aModule } from './a2a/a2a.module';
import { SecurityModule } from './auth/security.module';
import { AgentsController } from './http/agents.controller';
import { HealthController } from './http/health/health.controller';
import { RunsHealthIndicator } from './http/health/runs.health';
import { PlansController } from './http/plans.controller';
import { RunEventsController } from './http/run-events.controller';
import { RunsController } from './http/runs.controller';
import { SchemasController } from './http/schemas.controller';
import { McpModule } from './mcp/mcp.module';
import { MetricsController } from './http/observability/metrics.controller';
import { StatsController } from './http/observability/stats.controller';

export interface AppModuleOptions {
  /** Variables that win over process.env (validated at boot like the environment). */
  env?: Environment;
  /** More modules to compose: agent packs, PlannerModule, QualityModule, RunStoreModule, ... */
  imports?: ModuleMetadata['imports'];
  /** Default true: the original framework's demo agents, the simulator and approval_agent, in process. */
  demoAgents?: boolean;
}

/** Demo agents that pause for an answer: this host can take one (POST /v1/runs/:id/input). */
const INTERACTIVE_DEMO_AGENTS = AgentPackModule.forFeature({ name: 'interactive demo agents', agents: createInteractiveDemoAgents() });

/** The embedded host: the orchestration core, the demo agents, terminus, and the HTTP API. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        OrchestrationModule.forRoot({ env: options.env }),
        ...(options.demoAgents === false ? [] : [DemoAgentsModule, INTERACTIVE_DEMO_AGENTS]),
        TerminusModule.forRoot({ errorLogStyle: 'pretty' }),
        SecurityModule,
        A2aModule,
        McpModule,
        ...(options.imports ?? []),
      ],
      controllers: [PlansController, RunsController, RunEventsController, AgentsController, HealthController, MetricsController, StatsController, SchemasController],
      providers: [RunsHealthIndicator],
    };
  }
}
