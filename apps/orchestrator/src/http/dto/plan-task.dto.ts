import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsDefined,
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
} from 'class-validator';
import type { PriorityName } from '@a2a-mcp/core-graph';
import { PRIORITY_NAMES, QUALITY_DOMAINS, QUALITY_POLICIES, type QualityDomainName, type QualityPolicyName } from '@a2a-mcp/planner';
import { IsPriority } from './validators';

/** Largest timer Node keeps exactly (2^31 − 1 ms); longer timeouts would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
const FINITE = { allowNaN: false, allowInfinity: false };

/** One task of a plan (also a node added to a running graph). Semantic checks (agents, ids, cycles) are the planner's. */
export class PlanTaskDto {
  @ApiProperty({ example: 'payment' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @ApiProperty({ example: "Charge the customer's card for order #1042" })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  description!: string;

  @ApiProperty({ example: 'payment_processor', description: 'Name of a registered agent (GET /v1/agents).' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agent!: string;

  @ApiPropertyOptional({ type: [String], example: [], description: 'Ids of the tasks whose outputs this one needs.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dependencies?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { durationMs: 50 } })
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: QUALITY_DOMAINS })
  @IsOptional()
  @IsIn(QUALITY_DOMAINS)
  qualityDomain?: QualityDomainName;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  qualityThreshold?: number;

  @ApiPropertyOptional({ enum: QUALITY_POLICIES })
  @IsOptional()
  @IsIn(QUALITY_POLICIES)
  qualityPolicy?: QualityPolicyName;

  @ApiPropertyOptional({ minimum: 0, description: 'Expected duration in ms.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  estimatedDuration?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  parallelSafe?: boolean;

  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string', enum: [...PRIORITY_NAMES] }] })
  @IsOptional()
  @IsPriority()
  priority?: number | PriorityName;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: MAX_TIMER_MS, description: 'Per-attempt timeout in ms.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(Number.MIN_VALUE)
  @Max(MAX_TIMER_MS)
  timeoutMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  maxRetries?: number;
}
