import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COORDINATION_STRATEGIES,
  QUALITY_POLICIES,
  RISK_SEVERITIES,
  type CoordinationStrategy,
  type QualityPolicyName,
  type ResourceBreakdown,
  type RiskSeverity,
} from '@a2a-mcp/planner';
import { PlanTaskDto } from './plan-task.dto';

export const MAX_PLAN_TASKS = 100_000;
export const MAX_RUN_LIMIT = 1_000_000;
const FINITE = { allowNaN: false, allowInfinity: false };

export class ParallelGroupDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ type: [String] })
  @IsDefined()
  @IsArray()
  @IsString({ each: true })
  tasks!: string[];
}

export class PlanRiskDto {
  @ApiProperty()
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  description!: string;

  @ApiPropertyOptional({ enum: RISK_SEVERITIES })
  @IsOptional()
  @IsIn(RISK_SEVERITIES)
  severity?: RiskSeverity;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  taskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  mitigation?: string;
}

/** The plan JSON of DESIGN.md: what a client submits, plus the fields a planner adds. */
export class PlanDto {
  @ApiPropertyOptional({ example: 'ecommerce-order' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ description: 'The request the plan was made for.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  request?: string;

  @ApiPropertyOptional({ enum: COORDINATION_STRATEGIES })
  @IsOptional()
  @IsIn(COORDINATION_STRATEGIES)
  coordinationStrategy?: CoordinationStrategy;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RUN_LIMIT)
  parallelThreshold?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RUN_LIMIT)
  maxConcurrency?: number;

  @ApiPropertyOptional({ enum: QUALITY_POLICIES })
  @IsOptional()
  @IsIn(QUALITY_POLICIES)
  qualityPolicy?: QualityPolicyName;

  @ApiProperty({ type: () => [PlanTaskDto] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_TASKS)
  @ValidateNested({ each: true })
  @Type(() => PlanTaskDto)
  tasks!: PlanTaskDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  criticalPath?: string[];

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  estimatedTotalTime?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  estimatedParallelTime?: number;

  @ApiPropertyOptional({ type: () => [ParallelGroupDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ParallelGroupDto)
  parallelGroups?: ParallelGroupDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  qualityValidationPlan?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', properties: { tasks: { type: 'integer' }, estimatedMs: { type: 'number' } } },
  })
  @IsOptional()
  @IsObject()
  resourceBreakdown?: ResourceBreakdown;

  @ApiPropertyOptional({ type: () => [PlanRiskDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlanRiskDto)
  risks?: PlanRiskDto[];
}
