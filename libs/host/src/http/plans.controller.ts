import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanRequestCommand, RunManager } from '@a2a-mcp/orchestration';
import type { Plan } from '@a2a-mcp/planner';
import { RequireScope } from '../auth/access.decorator';
import { CreatePlanDto } from './dto/create-plan.dto';
import { PlanDto } from './dto/plan.dto';
import { PlanCheckDto, ValidatePlanDto } from './dto/validate-plan.dto';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { PLANNING_REFUSALS, PLANNING_UPSTREAM_FAILURES } from '../openapi/operation-errors';

@ApiTags('plans')
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly runs: RunManager,
  ) {}

  @Post('validate')
  @HttpCode(200)
  @RequireScope('runs:read')
  @ApiOperation({
    summary: 'Check a plan without running it',
    description:
      "The validator POST /v1/runs applies, with this host's agents and limits: every issue with its code, path and task. " +
      'A plan that breaks a rule is a 200 with valid: false (the check worked); the web console calls it as its user types.',
  })
  @ApiOkResponse({ type: PlanCheckDto })
  check(@Body() body: ValidatePlanDto): PlanCheckDto {
    const result = this.runs.checkPlan(body.plan);
    if (result.ok) return { valid: true, issues: [], taskCount: result.plan.tasks.length };
    return { valid: false, issues: result.issues.map(({ code, path, taskId, message }) => (taskId === undefined ? { code, path, message } : { code, path, taskId, message })) };
  }

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
