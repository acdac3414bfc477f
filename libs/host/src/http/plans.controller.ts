import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanRequestCommand } from '@a2a-mcp/orchestration';
import type { Plan } from '@a2a-mcp/planner';
import { RequireScope } from '../auth/access.decorator';
import { CreatePlanDto } from './dto/create-plan.dto';
import { PlanDto } from './dto/plan.dto';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { PLANNING_REFUSALS, PLANNING_UPSTREAM_FAILURES } from '../openapi/operation-errors';

@ApiTags('plans')
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  // Planning may call the LLM planner: it costs like starting work, so it takes the write scope.
  @RequireScope('runs:write')
  @ApiOperation({ summary: 'Plan a request', description: 'Turns a request into an enriched plan over the registered agents, without running it.' })
  @ApiOkResponse({ type: PlanDto, description: 'The enriched plan (critical path, estimates, parallel groups, quality plan, risks).' })
  @ApiErrors({ 422: PLANNING_REFUSALS, 502: PLANNING_UPSTREAM_FAILURES })
  async plan(@Body() body: CreatePlanDto): Promise<Plan> {
    const planned = await this.commands.execute(new PlanRequestCommand(body.request, body.planner));
    return planned.plan;
  }
}
