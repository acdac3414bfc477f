import { z } from 'zod';
import { COORDINATION_STRATEGIES, MAX_TASK_RETRIES, PRIORITY_NAMES, QUALITY_DOMAINS, QUALITY_POLICIES } from '@a2a-mcp/planner';

/**
 * What MCP clients are told a plan looks like (docs/plan-format.md, abridged). The advertised JSON
 * Schema documents the fields; the value itself is only checked to be an object here, so the planner's
 * validator judges it and its issues name the task and the field (`task "x" (tasks[2]): ...`), as the
 * REST API and the CLI report them.
 */
const PLAN_JSON_SCHEMA = {
  description:
    'A plan: a DAG of tasks over the registered agents (see list_agents). Durations are milliseconds. ' +
    'Unknown fields are refused; the error names the task and the field.',
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    coordinationStrategy: { type: 'string', enum: [...COORDINATION_STRATEGIES] },
    parallelThreshold: { type: 'integer', minimum: 1 },
    maxConcurrency: { type: 'integer', minimum: 1 },
    qualityPolicy: { type: 'string', enum: [...QUALITY_POLICIES] },
    tasks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'description', 'agent'],
        properties: {
          id: { type: 'string', description: 'unique within the plan' },
          description: { type: 'string', description: 'what the task does' },
          agent: { type: 'string', description: 'a registered agent name (list_agents, find_agent)' },
          dependencies: { type: 'array', items: { type: 'string' }, description: 'ids of tasks that must complete first' },
          input: { type: 'object', description: "the agent's input" },
          qualityDomain: { type: 'string', enum: [...QUALITY_DOMAINS] },
          qualityThreshold: { type: 'number', minimum: 0, maximum: 1 },
          estimatedDuration: { type: 'number', minimum: 0, description: 'ms' },
          timeoutMs: { type: 'number', exclusiveMinimum: 0, description: 'per attempt, ms' },
          maxRetries: { type: 'integer', minimum: 0, maximum: MAX_TASK_RETRIES },
          priority: { anyOf: [{ type: 'number' }, { type: 'string', enum: [...PRIORITY_NAMES] }] },
          parallelSafe: { type: 'boolean' },
        },
      },
    },
  },
  required: ['tasks'],
};

export const planInputSchema = z.record(z.string(), z.unknown()).meta(PLAN_JSON_SCHEMA);
