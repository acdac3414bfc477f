import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PriorityName } from '@a2a-mcp/core-graph';
import {
  MAX_TASK_RETRIES,
  MAX_TIMER_MS,
  PRIORITY_NAMES,
  QUALITY_DOMAINS,
  QUALITY_POLICIES,
  type QualityDomainName,
  type QualityPolicyName,
} from '@a2a-mcp/planner';

/**
 * One task of a plan (also a node added to a running graph), for the OpenAPI document only: the
 * planner validates tasks (field by field, naming task and field), not this class.
 */
export class PlanTaskDto {
  @ApiProperty({ example: 'payment', description: 'Unique in the plan; at most PLAN_MAX_ID_LENGTH characters, printable.' })
  id!: string;

  @ApiProperty({ example: "Charge the customer's card for order #1042" })
  description!: string;

  @ApiProperty({ example: 'payment_processor', description: 'Name of a registered agent (GET /v1/agents).' })
  agent!: string;

  @ApiPropertyOptional({ type: [String], example: [], description: 'Ids of the tasks whose outputs this one needs.' })
  dependencies?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { durationMs: 50 },
    description: 'Handed to the agent; at most PLAN_MAX_INPUT_BYTES as JSON.',
  })
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: QUALITY_DOMAINS })
  qualityDomain?: QualityDomainName;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  qualityThreshold?: number;

  @ApiPropertyOptional({ enum: QUALITY_POLICIES })
  qualityPolicy?: QualityPolicyName;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_TIMER_MS, description: 'Expected duration in ms.' })
  estimatedDuration?: number;

  @ApiPropertyOptional()
  parallelSafe?: boolean;

  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string', enum: [...PRIORITY_NAMES] }] })
  priority?: number | PriorityName;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: MAX_TIMER_MS, description: 'Per-attempt timeout in ms.' })
  timeoutMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_TASK_RETRIES })
  maxRetries?: number;
}
