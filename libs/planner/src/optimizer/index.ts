export * from './load-snapshot';
export * from './load-monitor';
export * from './strategy-optimizer';
export * from './run-settings';
