import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../../auth/access.decorator';
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
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: runs in flight, agents registered (503 while shutting down)' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.runs.check('orchestrator')]);
  }
}
