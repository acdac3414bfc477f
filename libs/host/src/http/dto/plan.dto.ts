import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

/** Largest run option (maxConcurrency, parallelThreshold) the API takes. */
export const MAX_RUN_LIMIT = 1_000_000;

export class ParallelGroupDto {
  @ApiPropertyOptional()
  name?: string;

  @ApiProperty({ type: [String] })
  tasks!: string[];
}

export class PlanRiskDto {
  @ApiProperty()
  description!: string;

  @ApiPropertyOptional({ enum: RISK_SEVERITIES })
  severity?: RiskSeverity;

  @ApiPropertyOptional()
  taskId?: string;

  @ApiPropertyOptional()
  mitigation?: string;
}

/**
 * The plan JSON: what a client submits, plus the fields a planner adds. For the OpenAPI document
 * only: the API hands a plan to the planner's validator as it arrived (422 INVALID_PLAN lists every issue).
 */
export class PlanDto {
  @ApiPropertyOptional({ example: 'ecommerce-order' })
  name?: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional({ description: 'The request the plan was made for.' })
  request?: string;

  @ApiPropertyOptional({ enum: COORDINATION_STRATEGIES })
  coordinationStrategy?: CoordinationStrategy;

  @ApiPropertyOptional({ minimum: 1 })
  parallelThreshold?: number;

  @ApiPropertyOptional({ minimum: 1 })
  maxConcurrency?: number;

  @ApiPropertyOptional({ enum: QUALITY_POLICIES })
  qualityPolicy?: QualityPolicyName;

  @ApiProperty({ type: () => [PlanTaskDto], description: 'At least one task, at most PLAN_MAX_TASKS.' })
  tasks!: PlanTaskDto[];

  @ApiPropertyOptional({ type: [String] })
  criticalPath?: string[];

  @ApiPropertyOptional({ minimum: 0 })
  estimatedTotalTime?: number;

  @ApiPropertyOptional({ minimum: 0 })
  estimatedParallelTime?: number;

  @ApiPropertyOptional({ type: () => [ParallelGroupDto] })
  parallelGroups?: ParallelGroupDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  qualityValidationPlan?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', properties: { tasks: { type: 'integer' }, estimatedMs: { type: 'number' } } },
  })
  resourceBreakdown?: ResourceBreakdown;

  @ApiPropertyOptional({ type: () => [PlanRiskDto] })
  risks?: PlanRiskDto[];
}
