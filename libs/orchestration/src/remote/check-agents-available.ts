import { PlanValidationError, type Plan, type PlanIssue } from '@a2a-mcp/planner';
import type { AgentCatalog } from '../agents/agent-catalog.service';

/**
 * Refuses, at submit, a plan with a task whose agent is remote and has no healthy replica: it would
 * only wait for retries to run out. Reported like the planner's unknown-agent issue (422, naming the
 * task and the agent), one issue per task.
 */
export function checkAgentsAvailable(plan: Plan, catalog: Pick<AgentCatalog, 'unavailableReason'>): void {
  const reasons = new Map<string, string | undefined>();
  const issues: PlanIssue[] = [];
  plan.tasks.forEach((task, index) => {
    if (!reasons.has(task.agent)) reasons.set(task.agent, catalog.unavailableReason(task.agent));
    const reason = reasons.get(task.agent);
    if (reason === undefined) return;
    const path = `tasks[${index}].agent`;
    issues.push({ code: 'UNKNOWN_AGENT', taskId: task.id, path, message: `task "${task.id}" (tasks[${index}]): agent "${task.agent}" is unavailable: ${reason}` });
  });
  if (issues.length > 0) throw new PlanValidationError(issues);
}
