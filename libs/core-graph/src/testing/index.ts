// `@a2a-mcp/core-graph/testing`: helpers for agents' unit tests and benchmarks, kept out of the production
// barrel so the engine's contract (`@a2a-mcp/core-graph`) lists only what a run needs.
export {
  createStandaloneContext,
  createTaskRequest,
  type StandaloneContext,
  type StandaloneContextOptions,
} from './standalone-context';
export { DEFAULT_FUZZ_RUNS, type FuzzBudget, fuzzBudget } from './fuzz-budget';
