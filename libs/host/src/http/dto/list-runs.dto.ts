import type { RunStatus } from '@a2a-mcp/core-graph';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const RUN_STATUSES: readonly RunStatus[] = ['running', 'completed', 'partial', 'failed', 'cancelled'];

/** `GET /v1/runs?limit&cursor&status`. */
export class ListRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Only runs in one of these statuses (`running` includes runs paused on a question): `status=failed&status=cancelled` or `status=failed,cancelled`.',
    enum: RUN_STATUSES,
    isArray: true,
  })
  @IsOptional()
  // Repeated keys arrive as an array, one key as a string: both may hold comma-separated names.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((part) => (typeof part === 'string' ? part.split(',') : [part])) : value))
  @IsIn(RUN_STATUSES, { each: true, message: `each status must be one of: ${RUN_STATUSES.join(', ')}` })
  @ArrayMaxSize(RUN_STATUSES.length * 2)
  status?: RunStatus[];
}

/** `GET /v1/runs/:id/events?after=<seq>` (the Last-Event-ID header wins when both are given). */
export class RunEventsQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Resume after this sequence number.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}
