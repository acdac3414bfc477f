import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_PLAN_TASKS } from './plan.dto';
import { PlanTaskDto } from './plan-task.dto';
import { IsEdgeList } from './validators';

/** `POST /v1/runs/:id/nodes`: nodes and/or edges to add to a running graph. */
export class ModifyRunDto {
  @ApiPropertyOptional({ type: () => [PlanTaskDto], description: 'New tasks; their dependencies may name existing tasks.' })
  @ValidateIf((body: ModifyRunDto) => body.nodes !== undefined || body.edges === undefined)
  @IsDefined({ message: 'give nodes or edges (or both)' })
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_TASKS)
  @ValidateNested({ each: true })
  @Type(() => PlanTaskDto)
  nodes?: PlanTaskDto[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    example: [['payment', 'audit']],
    description: 'New edges [from, to]: `to` also waits for `from`.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_PLAN_TASKS)
  @IsEdgeList()
  edges?: [string, string][];

  @ApiPropertyOptional({ type: [String], description: 'The new nodes without dependencies also wait for these tasks.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  dependsOn?: string[];
}
