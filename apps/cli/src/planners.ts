import type { AgentRegistry } from '@a2a-mcp/agents';
import { DeterministicPlanner, LlmPlanner, PlanningError, type Plan, type Planner } from '@a2a-mcp/planner';
import type { PlannerChoice } from './args';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

function createPlanner(choice: PlannerChoice, env: CliIo['env']): Planner {
  if (choice === 'deterministic') return new DeterministicPlanner();
  try {
    return LlmPlanner.fromEnv(env);
  } catch (error) {
    // Missing PLANNER_LLM_URL/MODEL is a setup mistake: bad input, named.
    if (error instanceof PlanningError) throw new CliInputError(`--planner llm: ${error.message}`);
    throw error;
  }
}

/** Plans a request over the registry's agents; a request no agent can serve is bad input (exit 2). */
export async function planRequest(request: string, choice: PlannerChoice, registry: AgentRegistry, env: CliIo['env']): Promise<Plan> {
  const planner = createPlanner(choice, env);
  try {
    return await planner.plan(request, { agents: registry.cards() });
  } catch (error) {
    if (error instanceof PlanningError) throw new CliInputError(`cannot plan the request (${error.code}): ${error.message}`);
    throw error;
  }
}
