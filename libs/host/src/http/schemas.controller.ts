import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { WORKFLOW_EVENT_JSON_SCHEMA } from '@a2a-mcp/core-graph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { planJsonSchema } from '@a2a-mcp/planner';
import { Public } from '../auth/access.decorator';

const SCHEMA_RESPONSE = { status: 200, content: { 'application/schema+json': { schema: { type: 'object', additionalProperties: true } } } } as const;

/** The JSON Schemas of what clients send and receive, for editors and stream consumers. Public: they hold no data. */
@ApiTags('schemas')
@Public()
@Controller('v1/schemas')
export class SchemasController {
  private planSchema?: object;

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  @Get('plan.json')
  @Header('Content-Type', 'application/schema+json; charset=utf-8')
  @ApiOperation({
    summary: "The plan's JSON Schema",
    description:
      "Produced from the host's plan validator, with this host's limits (PLAN_MAX_TASKS, ...). Put its URL, or the repository's " +
      'schemas/plan.schema.json, in a plan file\'s "$schema" and editors validate and complete it. What a schema cannot say ' +
      '(a dependency cycle, an unknown dependency, a duplicate id) only the validator checks: POST /v1/runs answers 422 INVALID_PLAN.',
  })
  @ApiResponse({ ...SCHEMA_RESPONSE, description: 'A JSON Schema (draft 2020-12).' })
  plan(): object {
    // Built once: the limits are fixed at boot.
    return (this.planSchema ??= planJsonSchema(this.config.planLimits));
  }

  @Get('events.json')
  @Header('Content-Type', 'application/schema+json; charset=utf-8')
  @ApiOperation({
    summary: "The event stream's JSON Schema",
    description: "Every event a run's stream carries (the `data` of each Server-Sent Event), one definition per `type`, generated from the engine's types.",
  })
  @ApiResponse({ ...SCHEMA_RESPONSE, description: 'A JSON Schema.' })
  events(): object {
    return WORKFLOW_EVENT_JSON_SCHEMA;
  }
}
