import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsObject } from 'class-validator';

/** `POST /v1/plans/validate`: a plan to check, as an editor sends it while its user types. */
export class ValidatePlanDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The plan JSON (see /v1/schemas/plan.json).' })
  @IsDefined()
  @IsObject()
  plan!: Record<string, unknown>;
}

export class PlanIssueDto {
  @ApiProperty({ example: 'UNKNOWN_AGENT' }) code!: string;
  @ApiProperty({ example: 'tasks[2].agent', description: "Where in the plan: a path such as tasks[2].agent; '' is the plan itself." }) path!: string;
  @ApiPropertyOptional({ example: 'payment' }) taskId?: string;
  @ApiProperty() message!: string;
}

export class PlanCheckDto {
  @ApiProperty({ description: 'Whether POST /v1/runs would accept this plan on this host.' }) valid!: boolean;
  @ApiProperty({ type: () => [PlanIssueDto], description: 'Every issue, in plan order (empty when valid).' }) issues!: PlanIssueDto[];
  @ApiPropertyOptional({ description: 'Tasks of the plan, when it is valid.' }) taskCount?: number;
}
