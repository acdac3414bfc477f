import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AgentCatalog } from './agents/agent-catalog.service';
import { CommandHandlers } from './commands';
import type { Environment } from './config/env-reader';
import { validateOrchestratorEnv, type OrchestratorConfig } from './config/orchestrator-config';
import { EventHandlers } from './events';
import { ORCHESTRATOR_CONFIG } from './orchestration.tokens';
import { PlanningService } from './planning/planning.service';
import { OutputSchemaCatalog } from './quality/output-schema-catalog.service';
import { QueryHandlers } from './queries';
import { RunManager } from './runs/run-manager.service';
import { REMOTE_AGENT_SOURCE } from './agents/remote-agent-source';
import { RemoteAgents } from './remote/remote-agents.service';
import { EXTERNAL_AGENT_SPECS } from './external/external-agent-spec';
import { externalAgentSpecs } from './external/external-agent-specs';
import { ExternalAgents } from './external/external-agents.service';
import { OBSERVABILITY_PROVIDERS } from './observability/observability.providers';
import { FRAMEWORK_METRICS, RUN_OBSERVERS } from './observability/observability.tokens';
import { StreamAudience } from './observability/stream-audience';
import { OrchestrationStats } from '@a2a-mcp/observability';

export interface OrchestrationModuleOptions {
  /** Variables that win over `process.env` (tests, embedding); validated like the environment. */
  env?: Environment;
}

/** Key under which the validated configuration sits in @nestjs/config. */
export const ORCHESTRATOR_CONFIG_KEY = 'orchestrator';

/**
 * The core of the host: configuration (validated at boot, a bad variable stops the start), the CQRS
 * buses with the command, query and event handlers, agent discovery, planning and the run manager.
 * Global, so plugin modules and the app's controllers see its providers. Everything else is a plugin
 * the app composes beside it: agent packs (`DemoAgentsModule`, any module with `@DomainAgent`
 * providers, `AgentPackModule.forFeature`), `PlannerModule`, `QualityModule`, `RunStoreModule`.
 */
@Module({})
export class OrchestrationModule {
  static forRoot(options: OrchestrationModuleOptions = {}): DynamicModule {
    const overrides = options.env ?? {};
    return {
      module: OrchestrationModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        DiscoveryModule,
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          validate: (raw) => ({ [ORCHESTRATOR_CONFIG_KEY]: validateOrchestratorEnv({ ...asEnvironment(raw), ...overrides }) }),
        }),
      ],
      providers: [
        {
          provide: ORCHESTRATOR_CONFIG,
          useFactory: (config: ConfigService): OrchestratorConfig => config.getOrThrow<OrchestratorConfig>(ORCHESTRATOR_CONFIG_KEY),
          inject: [ConfigService],
        },
        { provide: REMOTE_AGENT_SOURCE, useClass: RemoteAgents },
        AgentCatalog,
        { provide: EXTERNAL_AGENT_SPECS, useFactory: externalAgentSpecs, inject: [ORCHESTRATOR_CONFIG] },
        ExternalAgents,
        OutputSchemaCatalog,
        PlanningService,
        RunManager,
        ...OBSERVABILITY_PROVIDERS,
        ...CommandHandlers,
        ...QueryHandlers,
        ...EventHandlers,
      ],
      exports: [
        ORCHESTRATOR_CONFIG,
        AgentCatalog,
        ExternalAgents,
        OutputSchemaCatalog,
        PlanningService,
        RunManager,
        FRAMEWORK_METRICS,
        RUN_OBSERVERS,
        OrchestrationStats,
        StreamAudience,
      ],
    };
  }
}

/** @nestjs/config hands over process.env (plus .env files, which we do not read): keep the strings. */
function asEnvironment(raw: Record<string, unknown>): Environment {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') env[key] = value;
  return env;
}
