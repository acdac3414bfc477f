import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { GetRunEventsQuery, StreamAudience } from '@a2a-mcp/orchestration';
import { RequireScope } from '../auth/access.decorator';
import { RequestCaller, type Caller } from '../auth/caller';
import { RunEventsQueryDto } from './dto/list-runs.dto';
import { ApiErrorDto } from './dto/responses.dto';
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
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence number.' })
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'RUN_NOT_FOUND' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'TOO_MANY_STREAMS: SSE_MAX_CLIENTS_PER_RUN or SSE_MAX_CLIENTS_PER_CALLER streams already open' })
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
