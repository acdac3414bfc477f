import type { QualityPolicy, StrategyName } from '@a2a-mcp/core-graph';
import { BUILT_IN_PLANNERS, type BuiltInPlannerName } from '@a2a-mcp/planner';

export type StrategyChoice = StrategyName | 'auto';
export const STRATEGY_CHOICES: readonly StrategyChoice[] = ['sequential', 'parallel', 'hybrid', 'auto'];

export type PlannerChoice = BuiltInPlannerName;
export const PLANNER_CHOICES: readonly PlannerChoice[] = BUILT_IN_PLANNERS;
export const QUALITY_POLICY_CHOICES: readonly QualityPolicy[] = ['warn', 'retry', 'fail'];

/** Where a run's plan comes from: a plan file, or a request the planner turns into a plan. */
export type PlanSource = { kind: 'file'; path: string } | { kind: 'request'; request: string; planner: PlannerChoice; rules?: string };

export interface RunArgs {
  source: PlanSource;
  /** Flag values; undefined means "not given", so the plan's own settings apply. */
  strategy?: StrategyChoice;
  concurrency?: number;
  parallelThreshold?: number;
  qualityPolicy?: QualityPolicy;
  /** Base URL of a running orchestrator (--server, else A2A_MCP_SERVER); absent = embedded run. */
  server?: string;
  /** Sent to the server as a bearer token (--api-key, else A2A_MCP_API_KEY). */
  apiKey?: string;
  json: boolean;
}

export interface WatchArgs {
  /** A run id or a unique prefix of one (the 8 characters the CLI prints). */
  runId: string;
  server: string;
  /** Sent to the server as a bearer token (--api-key, else A2A_MCP_API_KEY). */
  apiKey?: string;
  json: boolean;
}

export interface PlanArgs {
  request: string;
  planner: PlannerChoice;
  /** Custom dependency rules file (`--rules`); wins over CUSTOM_DEPENDENCIES_FILE. */
  rules?: string;
  json: boolean;
}

export interface ValidateArgs {
  planPath: string;
  json: boolean;
}

export interface RunsListArgs {
  server: string;
  /** Sent to the server as a bearer token (--api-key, else A2A_MCP_API_KEY). */
  apiKey?: string;
  limit?: number;
  cursor?: string;
  json: boolean;
}

export interface RunArgsById {
  server: string;
  /** Sent to the server as a bearer token (--api-key, else A2A_MCP_API_KEY). */
  apiKey?: string;
  /** A run id or a unique prefix of one. */
  runId: string;
  json: boolean;
}

export interface AgentsArgs {
  /** Absent: the demo agents of the embedded engine. */
  server?: string;
  /** Sent to the server as a bearer token (--api-key, else A2A_MCP_API_KEY). */
  apiKey?: string;
  /** Show only this agent. */
  name?: string;
  json: boolean;
}
