import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CancelRunCommand,
  GetRunQuery,
  ListRunsQuery,
  ModifyRunCommand,
  ResumeRunCommand,
  RunWorkflowCommand,
  StreamAudience,
  type ManagedRun,
  type RunSource,
} from '@a2a-mcp/orchestration';
import { PlanValidationError } from '@a2a-mcp/planner';
import { RequireScope } from '../auth/access.decorator';
import { RequestCaller, type Caller } from '../auth/caller';
import { RunStartRateLimit } from '../limits/run-start-rate-limit.guard';
import { CreateRunDto } from './dto/create-run.dto';
import { ListRunsQueryDto } from './dto/list-runs.dto';
import { ModifyRunDto } from './dto/modify-run.dto';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiEventStream } from '../openapi/api-event-stream.decorator';
import { PLANNING_REFUSALS, PLANNING_UPSTREAM_FAILURES, RUN_ELSEWHERE, RUN_NOT_FOUND, RUN_START_REFUSALS } from '../openapi/operation-errors';
import {
  RunAcceptedDto,
  RunCancelledDto,
  RunChangeDto,
  RunDetailsDto,
  RunPageDto,
  RunResumedDto,
  TaskStateDto,
} from './dto/responses.dto';
import { ResumeRunDto } from './dto/resume-run.dto';
import { ApiException } from './errors/api-error';
import { invalidPlanBody } from './errors/plan-issues';
import { writeAudienceEventStream } from './sse/audience-stream';
import { StreamAdmission } from './sse/stream-admission';
import { runAccepted, runDetails, runLinks, runListItem } from './views/run-views';

@ApiTags('runs')
// Named only inside RunDetailsDto's map of tasks: registered here so the document defines it.
@ApiExtraModels(TaskStateDto)
@Controller('v1/runs')
export class RunsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly audience: StreamAudience,
    private readonly admission: StreamAdmission,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireScope('runs:write')
  @UseGuards(RunStartRateLimit)
  @ApiOperation({ summary: 'Start a run', description: 'Exactly one of `plan` or `request` (planned first). Follow `links.events` for the live stream.' })
  @ApiAcceptedResponse({ type: RunAcceptedDto, description: 'Started; Location names the run.' })
  @ApiErrors({ ...RUN_START_REFUSALS, 422: PLANNING_REFUSALS, 502: PLANNING_UPSTREAM_FAILURES })
  async start(@Body() body: CreateRunDto, @RequestCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<RunAcceptedDto> {
    const managed = await this.startRun(body, caller);
    res.setHeader('Location', runLinks(managed.runId).self);
    return runAccepted(managed);
  }

  private startRun(body: CreateRunDto, caller: Caller): Promise<ManagedRun> {
    const source: RunSource =
      body.plan !== undefined ? { plan: body.plan } : { request: body.request ?? '', planner: body.planner };
    return this.commands.execute(
      new RunWorkflowCommand(
        source,
        {
          strategy: body.strategy,
          maxConcurrency: body.maxConcurrency,
          parallelThreshold: body.parallelThreshold,
          qualityPolicy: body.qualityPolicy,
        },
        caller.owner,
      ),
    );
  }

  @Post('stream')
  @RequireScope('runs:write')
  @UseGuards(RunStartRateLimit)
  @ApiOperation({
    summary: 'Start a run and stream its events in the same response',
    description:
      'The body of `POST /v1/runs`; the answer is the run\'s Server-Sent Events (as `GET /v1/runs/:id/events`) from its first ' +
      'event, with `X-Run-Id` and `Location` headers. One round trip instead of two; after a drop, resume with ' +
      '`GET /v1/runs/:id/events` and `Last-Event-ID`. Errors before the run starts answer as `POST /v1/runs` does.',
  })
  @ApiEventStream("The run's events from its first one; the headers X-Run-Id and Location name the run.")
  @ApiErrors({
    ...RUN_START_REFUSALS,
    422: PLANNING_REFUSALS,
    429: { ...RUN_START_REFUSALS[429], TOO_MANY_STREAMS: 'SSE_MAX_CLIENTS_PER_CALLER streams of this caller are already open (Retry-After)' },
    502: PLANNING_UPSTREAM_FAILURES,
  })
  async startAndStream(@Body() body: CreateRunDto, @RequestCaller() caller: Caller, @Res() res: Response): Promise<void> {
    // Admitted before the run starts: a refused stream must not leave a run nobody follows.
    const ticket = this.admission.admit(caller.limitKey);
    let managed: ManagedRun;
    try {
      managed = await this.startRun(body, caller);
    } catch (error) {
      ticket.release();
      throw error;
    }
    ticket.attachRun(managed.runId);
    res.setHeader('Location', runLinks(managed.runId).self);
    res.setHeader('X-Run-Id', managed.runId);
    await writeAudienceEventStream(this.audience, res, managed.events(), (event) => managed.streams(event), ticket);
  }

  @Get()
  @RequireScope('runs:read')
  @ApiOperation({ summary: 'List runs', description: 'Newest first, `limit` ≤ 100; pass `nextCursor` as `cursor` for the next page (with the same `status` filter).' })
  @ApiOkResponse({ type: RunPageDto })
  @ApiErrors({ 400: { VALIDATION_FAILED: 'limit is not an integer from 1 to 100, or a status is not a run status', INVALID_CURSOR: 'cursor is not one this API gave' } })
  async list(@Query() query: ListRunsQueryDto, @RequestCaller() caller: Caller): Promise<RunPageDto> {
    const page = await this.queries.execute(new ListRunsQuery(query.limit, query.cursor, caller.tenant, query.status));
    const items = page.items.map(runListItem);
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScope('runs:read')
  @ApiOperation({ summary: 'A run: state per task and, once it ended, the result' })
  @ApiOkResponse({ type: RunDetailsDto })
  @ApiErrors({ 404: RUN_NOT_FOUND })
  async get(@Param('id') id: string, @RequestCaller() caller: Caller): Promise<RunDetailsDto> {
    return runDetails(await this.queries.execute(new GetRunQuery(id, caller.tenant)));
  }

  @Delete(':id')
  @HttpCode(202)
  @RequireScope('runs:write')
  @ApiOperation({ summary: 'Cancel a run', description: 'Running agents see their signal abort; unfinished tasks become cancelled.' })
  @ApiAcceptedResponse({ type: RunCancelledDto })
  @ApiErrors({ 404: RUN_NOT_FOUND, 409: { RUN_FINISHED: 'the run has already ended', ...RUN_ELSEWHERE } })
  async cancel(@Param('id') id: string, @RequestCaller() caller: Caller): Promise<RunCancelledDto> {
    const managed = await this.commands.execute(new CancelRunCommand(id, caller.tenant));
    return { runId: managed.runId, status: 'cancelled' };
  }

  @Post(':id/nodes')
  @HttpCode(200)
  @RequireScope('runs:write')
  @ApiOperation({ summary: 'Add nodes and edges to a running graph' })
  @ApiOkResponse({ type: RunChangeDto })
  @ApiErrors({
    404: RUN_NOT_FOUND,
    409: {
      CYCLE: 'the change would close a cycle (`details.cycle`)',
      UNKNOWN_NODE: 'an edge names a node the graph does not have',
      DUPLICATE_NODE: 'a node id is already in the graph',
      NODE_STARTED: 'an edge would add a dependency to a node that has started',
      NODE_FINISHED: 'an edge would add a dependency to a node that has finished',
      RUN_FINISHED: 'the run has ended: its graph can no longer change',
      ...RUN_ELSEWHERE,
    },
    422: { INVALID_PLAN: 'a node breaks a task rule of plans; `details` lists each issue with its code, path (such as nodes[0].agent), taskId and message' },
  })
  async modify(@Param('id') id: string, @Body() body: ModifyRunDto, @RequestCaller() caller: Caller): Promise<RunChangeDto> {
    try {
      const change = await this.commands.execute(
        new ModifyRunCommand(id, { nodes: body.nodes, edges: body.edges, dependsOn: body.dependsOn }, caller.tenant),
      );
      return { added: change.added, edges: change.edges };
    } catch (error) {
      // Node issues already name `nodes[i]`: their paths start at the body, not under `plan`.
      if (!(error instanceof PlanValidationError)) throw error;
      const refusal = invalidPlanBody(error, '');
      throw new ApiException(refusal.statusCode, refusal.code, refusal.message, refusal.details);
    }
  }

  @Post(':id/input')
  @HttpCode(200)
  @RequireScope('runs:write')
  @ApiOperation({ summary: 'Answer a paused task', description: 'The task asked with ctx.requestInput(question); see `question` in GET /v1/runs/:id.' })
  @ApiOkResponse({ type: RunResumedDto })
  @ApiErrors({
    404: RUN_NOT_FOUND,
    409: { NOT_PAUSED: 'the task is not waiting for an answer', UNKNOWN_TASK: 'the run has no task of that id', RUN_FINISHED: 'the run has ended', ...RUN_ELSEWHERE },
  })
  async resume(@Param('id') id: string, @Body() body: ResumeRunDto, @RequestCaller() caller: Caller): Promise<RunResumedDto> {
    const managed = await this.commands.execute(new ResumeRunCommand(id, body.taskId, body.answer, caller.tenant));
    return { runId: managed.runId, taskId: body.taskId, taskStatus: managed.state.tasks[body.taskId]?.status ?? 'running' };
  }
}
