// Browser stand-in for `node:perf_hooks` (aliased in vite.config.mts): core-graph's system clock reads
// performance.now(), which browsers have on the global object.
export const performance: Performance = globalThis.performance;
