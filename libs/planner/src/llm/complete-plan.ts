import type { AgentCard, AgentSkill } from '@a2a-mcp/agents';
import { applyCustomDependencies } from '../dependencies/custom-dependencies';
import { QUALITY_DOMAINS, type Plan, type PlanRisk, type PlanTask } from '../plan';
import type { CustomDependencyRules } from '../planner';

/**
 * Fills what a model's (validated) plan left out from the agent cards, when the card makes it
 * unambiguous: a task whose agent has exactly one skill gets that skill's expected duration and
 * quality domain. Then adds the custom dependency rules, as for any planner.
 */
export function completePlan(plan: Plan, agents: readonly AgentCard[], rules?: CustomDependencyRules): Plan {
  const soleSkill = new Map<string, AgentSkill>();
  for (const agent of agents) if (agent.skills?.length === 1) soleSkill.set(agent.name, agent.skills[0]);
  const tasks = plan.tasks.map((task) => withSkillDefaults(task, soleSkill.get(task.agent)));

  const risks: PlanRisk[] = [...(plan.risks ?? [])];
  if (rules !== undefined) addRuleDependencies(tasks, soleSkill, rules, risks);
  return { ...plan, tasks, risks };
}

function withSkillDefaults(task: PlanTask, skill: AgentSkill | undefined): PlanTask {
  const copy: PlanTask = { ...task, dependencies: [...task.dependencies] };
  if (skill === undefined) return copy;
  const duration = skill.metadata?.expectedDurationMs;
  if (copy.estimatedDuration === undefined && typeof duration === 'number' && Number.isFinite(duration) && duration >= 0) {
    copy.estimatedDuration = duration;
  }
  const domain = skill.metadata?.qualityDomain?.toUpperCase();
  const known = QUALITY_DOMAINS.find((name) => name === domain);
  if (copy.qualityDomain === undefined && known !== undefined) copy.qualityDomain = known;
  return copy;
}

/** Applies the rules on task indices and appends the new dependencies to each task's own list. */
function addRuleDependencies(
  tasks: PlanTask[],
  soleSkill: ReadonlyMap<string, AgentSkill>,
  rules: CustomDependencyRules,
  risks: PlanRisk[],
): void {
  const indexOf = new Map(tasks.map((task, index) => [task.id, index]));
  const dependencies = tasks.map((task) => new Set(task.dependencies.map((id) => indexOf.get(id) as number)));
  const subjects = tasks.map((task) => ({ id: task.id, agent: task.agent, skillId: soleSkill.get(task.agent)?.id }));
  applyCustomDependencies(subjects, dependencies, rules, risks);
  tasks.forEach((task, index) => {
    const listed = new Set(task.dependencies);
    for (const dep of dependencies[index]) if (!listed.has(tasks[dep].id)) task.dependencies.push(tasks[dep].id);
  });
}
