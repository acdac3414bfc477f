import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoRegistry, type AgentCard } from '@a2a-mcp/agents';
import { validatePlan, type Plan } from '../src';
import { EXAMPLES_DIR } from './helpers';

/** The demo agents' cards plus the simulator's: what the embedded host plans with. */
export function demoCards(): AgentCard[] {
  return createDemoRegistry().cards();
}

/** examples/requests.txt without comments and blank lines. */
export function exampleRequests(): string[] {
  return readFileSync(join(EXAMPLES_DIR, 'requests.txt'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** agent → its dependencies' agents, sorted: the shape a test asserts, independent of ids. */
export function agentGraph(plan: Plan): Record<string, string[]> {
  const agentOf = new Map(plan.tasks.map((task) => [task.id, task.agent]));
  return Object.fromEntries(plan.tasks.map((task) => [task.agent, task.dependencies.map((dep) => agentOf.get(dep)!).sort()]));
}

/** Fails the test unless the plan, as JSON, passes validatePlan with the given agents. */
export function expectValid(plan: Plan, agents: readonly AgentCard[]): void {
  const result = validatePlan(JSON.parse(JSON.stringify(plan)) as unknown, { knownAgents: agents.map((agent) => agent.name) });
  expect(result.issues).toEqual([]);
}
