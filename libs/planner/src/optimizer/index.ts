export * from './load-snapshot';
export * from './event-loop-probe';
export * from './load-monitor';
export { capConcurrency, describeLoad, type CappedConcurrency, type ConcurrencyCap } from './load-caps';
export * from './strategy-optimizer';
export * from './run-settings';
