export * from './plan';
export * from './plan-issue';
export * from './validate-plan';
export * from './parse-plan-json';
export * from './analyze-plan';
export * from './optimizer';
