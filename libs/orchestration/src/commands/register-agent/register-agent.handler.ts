import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AgentCard } from '@a2a-mcp/agents';
import type { OrchestratorConfig } from '../../config/orchestrator-config';
import { a2aAgentSpec } from '../../external/external-agent-specs';
import { ExternalAgents } from '../../external/external-agents.service';
import { ORCHESTRATOR_CONFIG } from '../../orchestration.tokens';
import { RegisterAgentCommand } from './register-agent.command';

@CommandHandler(RegisterAgentCommand)
export class RegisterAgentHandler implements ICommandHandler<RegisterAgentCommand> {
  constructor(
    private readonly externals: ExternalAgents,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  async execute(command: RegisterAgentCommand): Promise<AgentCard> {
    const entry = command.name === undefined ? { cardUrl: command.cardUrl } : { cardUrl: command.cardUrl, name: command.name };
    return this.externals.add(a2aAgentSpec(entry, `POST /v1/agents (${command.cardUrl})`, this.config));
  }
}
