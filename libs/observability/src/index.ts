// The observability layer's public contract: metrics (prom-client), traces (OpenTelemetry), run statistics.
export { FrameworkMetrics, METRIC_PREFIX } from './metrics/framework-metrics';
export type { RunObserver, TransportOf } from './observer';
export type { MetricSources, PoolFigures } from './metrics/metric-sources';
export { RunMetrics } from './metrics/run-metrics';
export { AgentCallMetrics, type AgentCallOutcome, meterServedAttempts } from './metrics/agent-call-metrics';
export { strategyReasonLabel } from './metrics/strategy-reason';
export { OrchestrationStats, type AutoDecision, type OrchestrationHealth, type StatsLiveFigures } from './stats/orchestration-stats';
export { startTracing, isTracingActive, shutdownTracing, TracingAlreadyStartedError, type StartTracingOptions, type TracingHandle } from './tracing/start-tracing';
export { tracingSettingsFromEnv, TracingConfigError, type TracingSettings } from './tracing/tracing-settings';
export { RunTracer, type RunTracerOptions } from './tracing/run-tracer';
export {
  injectTraceContext,
  extractTraceContext,
  traceHeaderNames,
  serveInTraceContext,
  type TraceHeaders,
  type TraceCarrier,
  type ServedAttempt,
  type ServedAttemptSpan,
} from './tracing/trace-propagation';
export { SPAN_NAMES, TRACE_ATTRIBUTES, TRACER_NAME } from './tracing/trace-names';
