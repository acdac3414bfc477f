import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { RunsHealthIndicator } from './runs.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly runs: RunsHealthIndicator,
  ) {}

  @Get()
  // Above @HealthCheck(), so it replaces terminus's 503: the filter answers it in the API's error shape.
  @ApiErrors({ 503: { SERVICE_UNAVAILABLE: 'the host is shutting down; `details` holds the health report' } })
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: runs in flight, agents registered (503 while shutting down)' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.runs.check('orchestrator')]);
  }
}
