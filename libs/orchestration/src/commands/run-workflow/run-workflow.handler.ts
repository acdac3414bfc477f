import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PlanningService } from '../../planning/planning.service';
import type { ManagedRun } from '../../runs/managed-run';
import { RunManager } from '../../runs/run-manager.service';
import { RunWorkflowCommand } from './run-workflow.command';

@CommandHandler(RunWorkflowCommand)
export class RunWorkflowHandler implements ICommandHandler<RunWorkflowCommand> {
  constructor(
    private readonly planning: PlanningService,
    private readonly runs: RunManager,
  ) {}

  async execute(command: RunWorkflowCommand): Promise<ManagedRun> {
    const { source, overrides, tenant } = command;
    if ('plan' in source) return this.runs.startInSteps({ plan: source.plan, overrides, tenant });
    const planned = await this.planning.plan(source.request, source.planner);
    return this.runs.startInSteps({ plan: planned.plan, overrides, planning: { planner: planned.planner, request: source.request }, tenant });
  }
}
