// The observability layer's public contract: metrics (prom-client), traces (OpenTelemetry), run statistics.
export { FrameworkMetrics, METRIC_PREFIX } from './metrics/framework-metrics';
export type { RunObserver, TransportOf } from './observer';
