import { DeterministicPlanner } from './deterministic/deterministic-planner';
import { LlmPlanner } from './llm/llm-planner';
import type { Planner } from './planner';

/** The built-in planners a user picks by name (CLI `--planner`, the host's PLANNER and a request's `planner`). */
export const BUILT_IN_PLANNERS = ['deterministic', 'llm'] as const;
export type BuiltInPlannerName = (typeof BUILT_IN_PLANNERS)[number];

/**
 * The built-in planner of that name. `llm` reads PLANNER_LLM_URL, PLANNER_LLM_MODEL, PLANNER_LLM_API_KEY
 * and PLANNER_LLM_TIMEOUT_MS from `env` and throws PlanningError LLM_NOT_CONFIGURED when they are missing.
 */
export function createBuiltInPlanner(name: BuiltInPlannerName, env: Readonly<Record<string, string | undefined>>): Planner {
  return name === 'llm' ? LlmPlanner.fromEnv(env) : new DeterministicPlanner();
}
