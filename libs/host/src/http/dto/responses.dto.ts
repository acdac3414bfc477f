import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATUSES } from '@a2a-mcp/core-graph';
import { ANY_JSON_VALUE } from './any-json';

const RUN_STATUSES = ['running', 'completed', 'partial', 'failed', 'cancelled'];
const STRATEGIES = ['sequential', 'parallel', 'hybrid'];

export class RunLinksDto {
  @ApiProperty({ example: '/v1/runs/3f0c…' }) self!: string;
  @ApiProperty({ example: '/v1/runs/3f0c…/events', description: 'Server-Sent Events; resume with Last-Event-ID.' }) events!: string;
  @ApiProperty({ example: '/v1/runs/3f0c…', description: 'DELETE cancels the run.' }) cancel!: string;
  @ApiProperty({ example: '/v1/runs/3f0c…/nodes', description: 'POST adds nodes and edges.' }) nodes!: string;
  @ApiProperty({ example: '/v1/runs/3f0c…/input', description: 'POST answers a paused task.' }) input!: string;
}

export class RunAcceptedDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: string;
  @ApiProperty({ type: () => RunLinksDto }) links!: RunLinksDto;
}

export class RunListItemDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() taskCount!: number;
  @ApiProperty({ description: 'Tasks completed so far.' }) successful!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
}

export class RunPageDto {
  @ApiProperty({ type: () => [RunListItemDto] }) items!: RunListItemDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next (older) page; absent on the last page.' }) nextCursor?: string;
}

export class TaskErrorDto {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class TaskStateDto {
  @ApiProperty({ enum: [...TASK_STATUSES] }) status!: string;
  @ApiProperty() agent!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) dependencies!: string[];
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ description: 'ms since the run started' }) startedAtMs?: number;
  @ApiPropertyOptional() finishedAtMs?: number;
  @ApiPropertyOptional({ description: 'From the first start to the end, excluding time queued for a slot and scoring.' }) durationMs?: number;
  @ApiPropertyOptional({ description: 'Time spent queued for a global agent slot (status `queued`), all attempts.' }) queueWaitMs?: number;
  @ApiPropertyOptional() qualityScore?: number;
  @ApiPropertyOptional({ description: 'Last reported progress, 0–100.' }) progress?: number;
  @ApiPropertyOptional({ description: 'The question of a paused task.' }) question?: string;
  @ApiPropertyOptional({ type: () => TaskErrorDto }) error?: TaskErrorDto;
  @ApiPropertyOptional({ description: 'Where the completing attempt ran: the remote replica id (absent for in-process agents).' }) servedBy?: string;
  @ApiPropertyOptional({ ...ANY_JSON_VALUE, description: 'The output of a completed task.' }) output?: unknown;
}

export class RunDetailsDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: string;
  @ApiProperty() strategyReason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/TaskStateDto' }, description: 'State per task id.' })
  tasks!: Record<string, TaskStateDto>;
  // RunResult is one of the event stream's schemas (the payload of workflow_complete), generated from the engine's type.
  @ApiPropertyOptional({ allOf: [{ $ref: '#/components/schemas/RunResult' }], description: 'The run result, once the run has ended.' })
  result?: Record<string, unknown>;
}

export class RunChangeDto {
  @ApiProperty({ type: [String], description: 'Ids of the nodes added.' }) added!: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } }) edges!: string[][];
}

export class RunCancelledDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
}

export class RunResumedDto {
  @ApiProperty() runId!: string;
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: [...TASK_STATUSES] }) taskStatus!: string;
}

export class ErrorDetailDto {
  @ApiProperty({ example: 'plan.tasks.0.estimatedDuration' }) path!: string;
  @ApiProperty({ example: 'estimatedDuration must not be less than 0' }) reason!: string;
}

export class ApiErrorDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable: clients branch on it.' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ ...ANY_JSON_VALUE, description: 'VALIDATION_FAILED: [{path, reason}]; INVALID_PLAN: the plan issues; CYCLE: {nodeId, cycle}.' })
  details?: unknown;
}
