// Test helpers for projects that check metrics: `@a2a-mcp/observability/testing`.
export { parsePrometheusText, promCounts, promTable, promValue, type PromSample } from './prometheus-text';
