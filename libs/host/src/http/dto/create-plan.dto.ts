import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PLANNER_KINDS, type PlannerKind } from '@a2a-mcp/orchestration';

/** `POST /v1/plans`: a request to plan (without running it). */
export class CreatePlanDto {
  @ApiProperty({ example: 'Charge the card for order #1042, reserve the items, then ship and email the customer' })
  @IsDefined()
  @IsString()
  @MaxLength(10_000)
  request!: string;

  @ApiPropertyOptional({ enum: PLANNER_KINDS, description: 'Default: the configured planner (PLANNER).' })
  @IsOptional()
  @IsIn(PLANNER_KINDS)
  planner?: PlannerKind;
}
