import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, ValidateIf } from 'class-validator';
import { PlanTaskDto } from './plan-task.dto';
import { IsEdgeList } from './validators';

/** Most edges or dependsOn ids one change may add. */
export const MAX_CHANGE_REFERENCES = 100_000;

/**
 * `POST /v1/runs/:id/nodes`: nodes and/or edges to add to a running graph. Only this envelope is
 * checked here; each node goes to the planner's task checks (422 INVALID_PLAN naming node and field).
 */
export class ModifyRunDto {
  @ApiPropertyOptional({
    type: () => [PlanTaskDto],
    description: 'New tasks, checked like the tasks of a plan; their dependencies may name existing tasks.',
  })
  @ValidateIf((body: ModifyRunDto) => body.nodes !== undefined || body.edges === undefined)
  @IsDefined({ message: 'give nodes or edges (or both)' })
  @IsArray()
  nodes?: unknown[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    example: [['payment', 'audit']],
    description: 'New edges [from, to]: `to` also waits for `from`.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CHANGE_REFERENCES)
  @IsEdgeList()
  edges?: [string, string][];

  @ApiPropertyOptional({ type: [String], description: 'The new nodes without dependencies also wait for these tasks.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHANGE_REFERENCES)
  @IsString({ each: true })
  dependsOn?: string[];
}
