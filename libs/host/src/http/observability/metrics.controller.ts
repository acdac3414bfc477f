import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FrameworkMetrics } from '@a2a-mcp/observability';
import { FRAMEWORK_METRICS } from '@a2a-mcp/orchestration';
import { Access } from '../../auth/access.decorator';
import { ApiErrorDto } from '../dto/responses.dto';
import { ApiException } from '../errors/api-error';

@ApiTags('observability')
// Prometheus scrapes without credentials by default; METRICS_AUTH=true closes it to admins.
@Access((security) => (security.metricsAuth ? 'admin' : 'public'))
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(FRAMEWORK_METRICS) private readonly metrics: FrameworkMetrics | null) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Every metric in the Prometheus text format: runs, tasks, queue wait, quality, agent calls, pools, SSE subscribers ' +
      '(names prefixed a2a_mcp_framework_), and the Node.js process metrics. 404 METRICS_DISABLED with ENABLE_OBSERVABILITY=false.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain; version=0.0.4' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'METRICS_DISABLED' })
  async scrape(@Res() res: Response): Promise<void> {
    if (this.metrics === null) throw new ApiException(404, 'METRICS_DISABLED', 'metrics are off on this host (ENABLE_OBSERVABILITY=false)');
    const body = await this.metrics.exposition();
    res.status(200).type(this.metrics.contentType).send(body);
  }
}
