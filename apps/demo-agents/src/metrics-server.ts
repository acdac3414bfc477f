import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameworkMetrics } from '@a2a-mcp/observability';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** Null when ENABLE_OBSERVABILITY=false: /metrics answers 404. */
  metrics: FrameworkMetrics | null;
  /** The body of GET /health (the replica's id and agents). */
  health(): Record<string, unknown>;
}

/**
 * The replica's small HTTP side: GET /metrics for Prometheus and GET /health for container health
 * checks. Nothing else: the agents themselves are served over NATS and gRPC.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { metrics } = options;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not served here` });
    if (path === '/health') return reply(res, 200, { status: 'ok', ...options.health() });
    if (path !== '/metrics') return reply(res, 404, { code: 'NOT_FOUND', message: `no ${path} here: GET /metrics or /health` });
    if (metrics === null) return reply(res, 404, { code: 'METRICS_DISABLED', message: 'metrics are off on this replica (ENABLE_OBSERVABILITY=false)' });
    metrics.exposition().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
        res.end(body);
      },
      (error: unknown) => reply(res, 500, { code: 'METRICS_FAILED', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: import('node:http').ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(status >= 400 ? { statusCode: status, ...body } : body));
}
