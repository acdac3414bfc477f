import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { OutputSchemaRegistry } from '@a2a-mcp/quality';
import { AgentCatalog } from '../agents/agent-catalog.service';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';

/**
 * The output schemas of the host's agents, compiled as each agent registers (discovered at start-up
 * or added later with `AgentCatalog.register`), so no task compiles one. A schema ajv refuses stops
 * the start, or refuses the late agent, with an error naming the agent (INVALID_DOMAIN_AGENT, from
 * the catalog, which also names the provider). Idle when quality validation is off.
 */
@Injectable()
export class OutputSchemaCatalog implements OnModuleInit, OnModuleDestroy {
  readonly schemas = new OutputSchemaRegistry();
  private readonly stopFollowing: (() => void) | undefined;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
    private readonly catalog: AgentCatalog,
  ) {
    // Subscribed here, before any onModuleInit, so discovery's registrations go through the check.
    this.stopFollowing = config.qualityValidation ? catalog.registry.beforeRegister((agent) => void this.schemas.register(agent.card)) : undefined;
  }

  onModuleInit(): void {
    if (this.stopFollowing === undefined) return;
    // Agents registered before the subscription (compiling again is a cache hit).
    for (const card of this.catalog.cards()) this.schemas.register(card);
  }

  onModuleDestroy(): void {
    this.stopFollowing?.();
  }
}
