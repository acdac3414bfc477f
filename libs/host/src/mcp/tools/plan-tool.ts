import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PLANNER_KINDS, PlanRequestCommand } from '@a2a-mcp/orchestration';
import type { Plan } from '@a2a-mcp/planner';
import type { McpToolDeps } from './mcp-tool-deps';
import { structuredResult, toolError } from './tool-results';

/** Longest request, as POST /v1/plans takes it. */
export const MAX_REQUEST_LENGTH = 10_000;

const plannedTaskSchema = z.looseObject({
  id: z.string(),
  description: z.string(),
  agent: z.string(),
  dependencies: z.array(z.string()),
});

/** The tasks named in the summary; the structured plan has them all. */
const LISTED_TASKS = 50;

/** plan: a request becomes a plan (POST /v1/plans), without running it. */
export function registerPlanTool(server: McpServer, deps: McpToolDeps): void {
  server.registerTool(
    'plan',
    {
      title: 'Plan a request',
      description:
        'Turns a natural-language request into a plan over the registered agents, without running it: tasks with ' +
        'their agents and dependencies, the critical path and the estimates. Pass the plan to run_workflow as it is, ' +
        'or change it first.',
      inputSchema: {
        request: z.string().trim().min(1).max(MAX_REQUEST_LENGTH).describe('what should be done, e.g. "charge the card for order 7, then email the customer"'),
        planner: z.enum(PLANNER_KINDS).optional().describe('the built-in planner (default: the host\'s, PLANNER); llm needs PLANNER_LLM_URL and PLANNER_LLM_MODEL'),
      },
      outputSchema: {
        planner: z.string().describe('the planner that made the plan'),
        plan: z.looseObject({ tasks: z.array(plannedTaskSchema) }).describe('the plan, in the format run_workflow takes'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ request, planner }, extra) => {
      try {
        deps.callerOf(extra, 'runs:write', 'the tool plan');
        const planned = await deps.commands.execute(new PlanRequestCommand(request, planner));
        return structuredResult(planSummary(planned.plan, planned.planner), { planner: planned.planner, plan: planned.plan });
      } catch (error) {
        return toolError(error);
      }
    },
  );
}

function planSummary(plan: Plan, planner: string): string {
  const lines = [`Plan by the ${planner} planner: ${plan.tasks.length} task(s)${plan.coordinationStrategy ? `, strategy ${plan.coordinationStrategy}` : ''}`];
  for (const task of plan.tasks.slice(0, LISTED_TASKS)) {
    const after = task.dependencies && task.dependencies.length > 0 ? ` after ${task.dependencies.join(', ')}` : '';
    lines.push(`- ${task.id} (${task.agent})${after}: ${task.description}`);
  }
  if (plan.tasks.length > LISTED_TASKS) lines.push(`- ... and ${plan.tasks.length - LISTED_TASKS} more`);
  if (plan.criticalPath && plan.criticalPath.length > 0) {
    const ms = plan.estimatedParallelTime === undefined ? '' : ` (${plan.estimatedParallelTime} ms estimated)`;
    lines.push(`critical path ${plan.criticalPath.join(' → ')}${ms}`);
  }
  lines.push('Run it with run_workflow {plan}.');
  return lines.join('\n');
}
