import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FrameworkMetrics } from '@a2a-mcp/observability';
import { FRAMEWORK_METRICS } from '@a2a-mcp/orchestration';
import { Access } from '../../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { ApiException } from '../errors/api-error';

@ApiTags('observability')
// Prometheus scrapes without credentials by default; METRICS_AUTH=true closes it to admins.
@Access((security) => (security.metricsAuth ? 'admin' : 'public'), ['public', 'admin'])
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
  @ApiResponse({ status: 200, description: 'The Prometheus text exposition format, version 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors({ 404: { METRICS_DISABLED: 'metrics are off on this host (ENABLE_OBSERVABILITY=false)' } })
  async scrape(@Res() res: Response): Promise<void> {
    if (this.metrics === null) throw new ApiException(404, 'METRICS_DISABLED', 'metrics are off on this host (ENABLE_OBSERVABILITY=false)');
    const body = await this.metrics.exposition();
    res.status(200).type(this.metrics.contentType).send(body);
  }
}
