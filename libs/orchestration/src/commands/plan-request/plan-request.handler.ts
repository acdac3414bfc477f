import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parsePlan } from '@a2a-mcp/planner';
import { AgentCatalog } from '../../agents/agent-catalog.service';
import type { OrchestratorConfig } from '../../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../../orchestration.tokens';
import { PlanningService, type PlannedRequest } from '../../planning/planning.service';
import { PlanRequestCommand } from './plan-request.command';

@CommandHandler(PlanRequestCommand)
export class PlanRequestHandler implements ICommandHandler<PlanRequestCommand> {
  constructor(
    private readonly planning: PlanningService,
    private readonly catalog: AgentCatalog,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /**
   * The plan any planner returns (a plugin's too) is held to the rules and limits of a submitted one, by
   * the same validator: what POST /v1/plans answers can be run as it is.
   */
  async execute(command: PlanRequestCommand): Promise<PlannedRequest> {
    const planned = await this.planning.plan(command.request, command.planner);
    const plan = parsePlan(planned.plan, { knownAgents: this.catalog.names(), limits: this.config.planLimits });
    return { ...planned, plan };
  }
}
