import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PlanningService, type PlannedRequest } from '../../planning/planning.service';
import { PlanRequestCommand } from './plan-request.command';

@CommandHandler(PlanRequestCommand)
export class PlanRequestHandler implements ICommandHandler<PlanRequestCommand> {
  constructor(private readonly planning: PlanningService) {}

  execute(command: PlanRequestCommand): Promise<PlannedRequest> {
    return this.planning.plan(command.request, command.planner);
  }
}
