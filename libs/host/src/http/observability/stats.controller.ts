import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrchestrationStats, type OrchestrationHealth } from '@a2a-mcp/observability';
import { RequireScope } from '../../auth/access.decorator';
import { OrchestrationStatsDto } from '../dto/orchestration-stats.dto';

@ApiTags('observability')
// Counts over every tenant's runs: an operator's view.
@RequireScope('admin')
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly orchestration: OrchestrationStats) {}

  @Get()
  @ApiOperation({
    summary: 'Orchestration health (the original framework’s monitor_orchestration_health)',
    description:
      'Runs and tasks running now, tasks completed and failed since start, the success rate, the average task time, ' +
      'runs per strategy and per final status, and the last decision of the auto strategy with its reason.',
  })
  @ApiOkResponse({ type: OrchestrationStatsDto })
  stats(): OrchestrationHealth {
    return this.orchestration.health();
  }
}
