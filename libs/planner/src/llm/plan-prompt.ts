import type { AgentCard } from '@a2a-mcp/agents';
import { QUALITY_DOMAINS } from '../plan';
import type { PlanIssue } from '../plan-issue';

/** At most this many issues go back to the model; the first ones are what it must fix. */
const ISSUES_SENT = 20;

const PLAN_SHAPE = {
  tasks: [
    {
      id: 'payment',
      description: 'Charge the card for order 1042',
      agent: 'payment_processor',
      dependencies: [],
      input: { orderId: '1042' },
      qualityDomain: 'SERVICE',
      estimatedDuration: 50,
    },
    {
      id: 'email',
      description: 'Email the customer the confirmation',
      agent: 'email_agent',
      dependencies: ['payment'],
      input: { orderId: '1042' },
      qualityDomain: 'SERVICE',
      estimatedDuration: 40,
    },
  ],
  coordinationStrategy: 'sequential',
  risks: [{ description: 'no agent can do: "book a hotel"', severity: 'high' }],
};

/** The system message: what to produce, the exact JSON shape, and the agents to produce it with. */
export function systemPrompt(agents: readonly AgentCard[]): string {
  const names = agents.map((agent) => agent.name).join(', ');
  return [
    "You are the planner of a2a-mcp. Turn the user's request into a plan: a DAG of tasks, each done by one of the agents listed below.",
    'Reply with exactly one JSON object and nothing else, in this shape (the values are an example):',
    JSON.stringify(PLAN_SHAPE, null, 2),
    'Rules:',
    `- "agent" must be one of: ${names}. Pick the agent whose skill does the step.`,
    '- "id": unique, short, readable. "dependencies": ids of tasks in this plan whose output the task needs (a skill\'s "consumes" is met by a skill that "produces" it); no cycles.',
    `- "qualityDomain": one of ${QUALITY_DOMAINS.join(', ')}; use the skill's qualityDomain. "estimatedDuration": milliseconds, the skill's expectedDurationMs.`,
    '- "input": an object; put an order number the request names there as "orderId".',
    '- "coordinationStrategy": "hybrid" when two tasks can run at the same time, else "sequential".',
    '- A step no agent can do goes into "risks" with severity "high", not into "tasks".',
    'Agents:',
    JSON.stringify(agents.map(describeAgent)),
  ].join('\n');
}

/** The follow-up after an invalid reply: what was wrong, and the demand for corrected JSON. */
export function repairPrompt(issues: readonly PlanIssue[]): string {
  const shown = issues.slice(0, ISSUES_SENT).map((issue) => `- ${issue.message}`);
  if (issues.length > ISSUES_SENT) shown.push(`- … and ${issues.length - ISSUES_SENT} more`);
  return [
    'That plan is not valid:',
    ...shown,
    'Reply with the corrected plan: one JSON object in the same shape, and nothing else.',
  ].join('\n');
}

function describeAgent(agent: AgentCard): Record<string, unknown> {
  return {
    name: agent.name,
    description: agent.description,
    skills: (agent.skills ?? []).map((skill) => ({
      id: skill.id,
      name: skill.name,
      description: skill.description,
      tags: skill.tags,
      examples: skill.examples,
      consumes: skill.metadata?.consumes,
      produces: skill.metadata?.produces,
      expectedDurationMs: skill.metadata?.expectedDurationMs,
      qualityDomain: skill.metadata?.qualityDomain,
    })),
  };
}
