import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetRunEventsQuery, StreamAudience } from '@a2a-mcp/orchestration';
import { RequireScope } from '../auth/access.decorator';
import { RequestCaller, type Caller } from '../auth/caller';
import { RunEventsQueryDto } from './dto/list-runs.dto';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiEventStream } from '../openapi/api-event-stream.decorator';
import { RUN_NOT_FOUND } from '../openapi/operation-errors';
import { resumePoint } from './sse/resume-point';
import { writeAudienceEventStream } from './sse/audience-stream';
import { StreamAdmission } from './sse/stream-admission';

@ApiTags('runs')
@Controller('v1/runs')
export class RunEventsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audience: StreamAudience,
    private readonly admission: StreamAdmission,
  ) {}

  @Get(':id/events')
  @RequireScope('runs:read')
  @ApiOperation({
    summary: "A run's events as Server-Sent Events",
    description:
      'Each event: `id: <seq>`, `event: <type>`, `data: <json>`. Replays from the start (or after Last-Event-ID / ?after=) ' +
      'then follows live, with no gap and no duplicate; a heartbeat comment every 15 s; ends after workflow_complete. ' +
      'With PHASE 7 streaming off (ORCHESTRATION_MODE=basic) task_progress and artifact events are left out.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence number.' })
  @ApiEventStream("The run's events after the resume point, then live until workflow_complete.")
  @ApiErrors({
    400: { VALIDATION_FAILED: 'Last-Event-ID or `after` is not a sequence number' },
    404: RUN_NOT_FOUND,
    429: { TOO_MANY_STREAMS: 'SSE_MAX_CLIENTS_PER_RUN streams of this run, or SSE_MAX_CLIENTS_PER_CALLER of this caller, are already open (Retry-After)' },
  })
  async events(
    @Param('id') id: string,
    @Query() query: RunEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @RequestCaller() caller: Caller,
    @Res() res: Response,
  ): Promise<void> {
    const after = resumePoint(lastEventId, query.after);
    // Another tenant's run is RUN_NOT_FOUND here, before anything of it is streamed.
    const feed = await this.queries.execute(new GetRunEventsQuery(id, caller.tenant));
    const ticket = this.admission.admit(caller.limitKey, id);
    await writeAudienceEventStream(this.audience, res, feed.events(after), (event) => feed.streams(event), ticket);
  }
}
