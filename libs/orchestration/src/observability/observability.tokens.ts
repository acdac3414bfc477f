/** The host's `FrameworkMetrics`, or null when ENABLE_OBSERVABILITY=false. */
export const FRAMEWORK_METRICS = Symbol.for('a2a-mcp:framework-metrics');

/** The `RunObserver`s every run reports to (statistics, metrics, traces). */
export const RUN_OBSERVERS = Symbol.for('a2a-mcp:run-observers');
