import type { AgentRegistry } from '@a2a-mcp/agents';
import {
  DependencyRulesError,
  PlanningError,
  createBuiltInPlanner,
  dependencyRulesOf,
  readDependencyRulesFile,
  type CustomDependencyRules,
  type Plan,
  type Planner,
} from '@a2a-mcp/planner';
import type { PlannerChoice } from './cli-args';
import { CliInputError } from './cli-error';
import type { CliIo } from './cli-io';

/** The environment variable naming a custom dependency rules file (the host reads it too). */
export const RULES_FILE_ENV = 'CUSTOM_DEPENDENCIES_FILE';

function createPlanner(choice: PlannerChoice, env: CliIo['env']): Planner {
  try {
    return createBuiltInPlanner(choice, env);
  } catch (error) {
    // Missing PLANNER_LLM_URL/MODEL is a setup mistake: bad input, named.
    if (error instanceof PlanningError) throw new CliInputError(`--planner llm: ${error.message}`);
    throw error;
  }
}

/**
 * The custom dependency rules for planning: the `--rules` file, else CUSTOM_DEPENDENCIES_FILE, else none.
 * Checked against the registry's agents; a bad file is bad input naming the flag or variable, the file,
 * the rule and the field.
 */
export function dependencyRulesFor(rulesFlag: string | undefined, registry: AgentRegistry, env: CliIo['env']): CustomDependencyRules | undefined {
  const fromEnv = env[RULES_FILE_ENV]?.trim();
  const [path, namedBy] = rulesFlag !== undefined ? [rulesFlag, '--rules'] : [fromEnv, RULES_FILE_ENV];
  if (path === undefined || path === '') return undefined;
  try {
    return dependencyRulesOf(readDependencyRulesFile(path, registry.cards()));
  } catch (error) {
    if (error instanceof DependencyRulesError) throw new CliInputError(`${namedBy}: ${error.message}`);
    throw error;
  }
}

/** Plans a request over the registry's agents; a request no agent can serve is bad input (exit 2). */
export async function planRequest(
  request: string,
  choice: PlannerChoice,
  registry: AgentRegistry,
  env: CliIo['env'],
  rulesFlag?: string,
): Promise<Plan> {
  const customDependencies = dependencyRulesFor(rulesFlag, registry, env);
  const planner = createPlanner(choice, env);
  try {
    return await planner.plan(request, { agents: registry.cards(), customDependencies });
  } catch (error) {
    if (error instanceof PlanningError) throw new CliInputError(`cannot plan the request (${error.code}): ${error.message}`);
    throw error;
  }
}
