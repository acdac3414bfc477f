import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { COORDINATION_STRATEGIES, QUALITY_POLICIES, type CoordinationStrategy, type QualityPolicyName } from '@a2a-mcp/planner';
import { PLANNER_KINDS, type PlannerKind } from '@a2a-mcp/orchestration';
import { MAX_RUN_LIMIT, PlanDto } from './plan.dto';
import { AbsentWith } from './validators';

/**
 * `POST /v1/runs`: exactly one of `plan` or `request`, and the run options. Only this envelope is
 * checked here; the plan itself goes to the planner's validator as it arrived.
 */
export class CreateRunDto {
  @ApiPropertyOptional({
    type: () => PlanDto,
    description: 'The plan to run. Exactly one of plan or request. Checked by the planner: 422 INVALID_PLAN lists every issue.',
  })
  @ValidateIf((body: CreateRunDto) => body.plan !== undefined || body.request === undefined)
  @IsDefined({ message: 'exactly one of plan or request is required' })
  @AbsentWith('request')
  @IsObject({ message: 'plan must be a JSON object' })
  plan?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'Charge the card for order #1042, then email the confirmation',
    description: 'A request the planner turns into a plan first. Exactly one of plan or request.',
  })
  @ValidateIf((body: CreateRunDto) => body.request !== undefined)
  @IsString()
  @MaxLength(10_000)
  request?: string;

  @ApiPropertyOptional({ enum: PLANNER_KINDS, description: 'With request: the built-in planner to use (default: the configured one).' })
  @IsOptional()
  @IsIn(PLANNER_KINDS)
  planner?: PlannerKind;

  @ApiPropertyOptional({ enum: COORDINATION_STRATEGIES, description: "Default: the plan's coordinationStrategy, else the ORCHESTRATION_MODE default." })
  @IsOptional()
  @IsIn(COORDINATION_STRATEGIES)
  strategy?: CoordinationStrategy;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RUN_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RUN_LIMIT)
  maxConcurrency?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RUN_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RUN_LIMIT)
  parallelThreshold?: number;

  @ApiPropertyOptional({ enum: QUALITY_POLICIES })
  @IsOptional()
  @IsIn(QUALITY_POLICIES)
  qualityPolicy?: QualityPolicyName;
}
