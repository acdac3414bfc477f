import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgentCatalog } from '../../agents/agent-catalog.service';
import type { OrchestratorConfig } from '../../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../../orchestration.tokens';
import { RunManager, type RunChangeResult } from '../../runs/run-manager.service';
import { ModifyRunCommand } from './modify-run.command';
import { validateNodes } from './validate-nodes';

@CommandHandler(ModifyRunCommand)
export class ModifyRunHandler implements ICommandHandler<ModifyRunCommand> {
  constructor(
    private readonly runs: RunManager,
    private readonly catalog: AgentCatalog,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  async execute({ runId, change }: ModifyRunCommand): Promise<RunChangeResult> {
    // RUN_NOT_FOUND before any complaint about the nodes.
    const managed = this.runs.get(runId);
    const tasks = managed.state.tasks;
    const nodes =
      change.nodes === undefined
        ? undefined
        : validateNodes(change.nodes, {
            isExistingTask: (id) => Object.hasOwn(tasks, id),
            agentNames: this.catalog.names(),
            limits: this.config.planLimits,
          });
    return this.runs.modify(runId, { nodes, edges: change.edges, dependsOn: change.dependsOn });
  }
}
