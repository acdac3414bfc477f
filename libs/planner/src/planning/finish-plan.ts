import type { AgentCard } from '@a2a-mcp/agents';
import { enrichPlan } from '../analyze-plan';
import type { CoordinationStrategy, Plan } from '../plan';
import { PlanningError } from '../planner';
import { validatePlan } from '../validate-plan';
import { qualityValidationPlanOf } from './quality-validation-plan';

/**
 * What every planner returns: the plan enriched with its analysis, a quality validation plan and a
 * coordination strategy (the plan's own ones when it states them), checked with `validatePlan`
 * against the agents' names. A failed check here is a planner bug, reported as INVALID_PLAN.
 */
export function finishPlan(plan: Plan, agents: readonly AgentCard[]): Plan {
  const enriched = enrichPlan(plan);
  const parallel = (enriched.parallelGroups?.length ?? 0) > 0;
  const finished: Plan = {
    ...enriched,
    coordinationStrategy: plan.coordinationStrategy ?? strategyFor(parallel),
    qualityValidationPlan: plan.qualityValidationPlan ?? qualityValidationPlanOf(plan.tasks),
    risks: plan.risks ?? [],
  };
  const result = validatePlan(finished, { knownAgents: agents.map((agent) => agent.name) });
  if (!result.ok) {
    throw new PlanningError('INVALID_PLAN', `the planner made an invalid plan: ${result.issues[0].message}`, {
      issues: result.issues,
    });
  }
  return result.plan;
}

/** Hybrid when two tasks can run at once (a level of two or more), else nothing is gained over sequential. */
function strategyFor(parallel: boolean): CoordinationStrategy {
  return parallel ? 'hybrid' : 'sequential';
}
