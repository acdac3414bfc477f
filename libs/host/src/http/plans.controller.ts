import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PlanRequestCommand } from '@a2a-mcp/orchestration';
import type { Plan } from '@a2a-mcp/planner';
import { RequireScope } from '../auth/access.decorator';
import { CreatePlanDto } from './dto/create-plan.dto';
import { PlanDto } from './dto/plan.dto';
import { ApiErrorDto } from './dto/responses.dto';

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
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED, INVALID_JSON, JSON_TOO_DEEP' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'EMPTY_REQUEST, NO_MATCHING_AGENT, LLM_NOT_CONFIGURED, ...; INVALID_PLAN when the planned plan breaks a plan rule or limit (PLAN_MAX_TASKS, ...)',
  })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'The LLM planner upstream failed (LLM_HTTP_ERROR, LLM_TIMEOUT, ...).' })
  async plan(@Body() body: CreatePlanDto): Promise<Plan> {
    const planned = await this.commands.execute(new PlanRequestCommand(body.request, body.planner));
    return planned.plan;
  }
}
