import {
  COORDINATION_STRATEGIES,
  PRIORITY_NAMES,
  QUALITY_DOMAINS,
  QUALITY_POLICIES,
  RISK_SEVERITIES,
  type ParallelGroup,
  type Plan,
  type PlanRisk,
  type PlanTask,
  type ResourceBreakdown,
} from '../plan';
import {
  ESTIMATE,
  NON_NEGATIVE,
  NON_NEGATIVE_INTEGER,
  POSITIVE_INTEGER,
  RETRY_COUNT,
  TIMER_DURATION,
  TIMER_TIMEOUT,
  UNIT_INTERVAL,
  type DurationRule,
} from '../validation/field-readers';
import { MAX_INPUT_DEPTH } from '../validation/json-size';
import { PARALLEL_GROUP_FIELDS, PLAN_FIELDS, RESOURCE_ENTRY_FIELDS, RISK_FIELDS, TASK_FIELDS } from '../validation/object-fields';
import { resolvePlanLimits, type PlanLimits } from '../validation/plan-limits';
import { anyCasePattern } from './any-case-pattern';
import type { JsonSchema } from './json-schema';
import { objectSchema, type FieldSchema, type FieldSchemas } from './object-schema';
import { choiceSchema, identifierSchema, nonBlankIdentifierSchema, nonBlankTextSchema, numberSchema, textSchema } from './value-schemas';

/** Where the plan's schema is published; the same for every set of limits. */
export const PLAN_SCHEMA_ID = 'https://a2a-mcp.dev/schemas/plan.json';

/** Checks only the validator can make: said once at the top, and where each applies. */
const VALIDATOR_ONLY =
  'The validator (validatePlan of @a2a-mcp/planner, which every plan goes through) also checks what a JSON Schema ' +
  'cannot: task ids are unique; every dependency, criticalPath entry, parallel-group member and risk taskId names ' +
  'a task of the plan; no task depends on itself; the dependencies form no cycle; the tasks of a parallel group ' +
  'do not depend on each other; a task input stays within its size in bytes and its nesting depth; agents are ' +
  'registered (with the host or the CLI). Lengths here count characters; the validator counts UTF-16 code units, so a text of ' +
  'emoji may pass here and still be too long.';

/**
 * The plan's JSON Schema (draft 2020-12), for editors and API clients: made from the validator's own
 * field tables, number rules, enums, identifier rule and limits, so that every plan `validatePlan`
 * accepts (with the same limits) is accepted here. Throws PlanConfigError for bad `limits`, as
 * `validatePlan` does.
 */
export function planJsonSchema(limits?: Partial<PlanLimits>): JsonSchema {
  const resolved = resolvePlanLimits(limits);
  const plan = objectSchema(PLAN_FIELDS, planFields(resolved), `A plan for the a2a-mcp orchestrator: the tasks to run (a DAG through their dependencies), the run's options and, when a planner made it, what the planner worked out. Durations are milliseconds; the original Python framework's snake_case names (durations in seconds) are accepted too. ${VALIDATOR_ONLY}`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: PLAN_SCHEMA_ID,
    title: 'a2a-mcp plan',
    ...plan,
    $defs: {
      task: objectSchema(TASK_FIELDS, taskFields(resolved), 'One task: what to do (description), who does it (agent) and after which tasks (dependencies).'),
      parallelGroup: objectSchema(PARALLEL_GROUP_FIELDS, parallelGroupFields(resolved), 'Tasks that may run at the same time.'),
      risk: objectSchema(RISK_FIELDS, riskFields(resolved), 'A risk a planner found in the plan.'),
      resourceBreakdownEntry: objectSchema(RESOURCE_ENTRY_FIELDS, resourceEntryFields(), "One agent's share of the work."),
    },
  };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

/** A duration: milliseconds here, seconds under the original framework's name. */
function duration(rule: DurationRule, description: string): FieldSchema {
  return { schema: numberSchema(rule.ms, description), original: numberSchema(rule.seconds, description) };
}

function taskIdList(limits: PlanLimits, description: string): JsonSchema {
  return {
    description: `${description}; at most ${limits.maxTasks} entries.`,
    type: 'array',
    maxItems: limits.maxTasks,
    items: nonBlankIdentifierSchema(limits, 'A task id of the plan'),
  };
}

function planFields(limits: PlanLimits): FieldSchemas<keyof Plan> {
  return {
    name: { schema: textSchema(limits, "The plan's name") },
    description: { schema: textSchema(limits, 'What the plan is for') },
    request: { schema: { description: 'The natural-language request the plan was made for.', type: 'string' } },
    coordinationStrategy: {
      schema: choiceSchema(
        COORDINATION_STRATEGIES,
        'How the run schedules the tasks (a run may override it): sequential runs one task at a time, parallel level by level, hybrid each task as soon as its dependencies are done, auto picks one from the plan and the load',
      ),
    },
    parallelThreshold: { schema: numberSchema(POSITIVE_INTEGER, 'Smallest level the parallel strategy runs concurrently') },
    maxConcurrency: { schema: numberSchema(POSITIVE_INTEGER, 'Most tasks running at once') },
    qualityPolicy: {
      schema: choiceSchema(
        QUALITY_POLICIES,
        'What an output below its quality threshold does, for every task that sets none (default warn): warn reports it, retry re-runs the task (an attempt), fail fails it',
      ),
    },
    tasks: {
      required: true,
      schema: {
        description: `The tasks, in plan order: at least 1, at most ${limits.maxTasks}. Their ids are unique and their dependencies form no cycle (the validator checks).`,
        type: 'array',
        minItems: 1,
        maxItems: limits.maxTasks,
        items: ref('task'),
      },
    },
    criticalPath: { schema: taskIdList(limits, 'Task ids along the longest path by estimated duration, in execution order (a planner adds it)') },
    estimatedTotalTime: duration(ESTIMATE, "Sum of the tasks' estimated durations, the sequential makespan (a planner adds it)"),
    estimatedParallelTime: duration(ESTIMATE, 'Length of the critical path, the dependency-driven makespan (a planner adds it)'),
    estimatedTimeSaved: duration(ESTIMATE, 'What running in parallel saves over running in sequence (a planner adds it)'),
    parallelGroups: {
      schema: {
        description: 'Sets of tasks that may run at the same time (a planner adds them); the tasks of one group may not depend on each other, even transitively (the validator checks).',
        type: 'array',
        items: ref('parallelGroup'),
      },
    },
    qualityValidationPlan: { schema: { description: 'Quality requirements as a planner states them: free-form.', type: 'object' } },
    resourceBreakdown: {
      schema: {
        description: 'Work per agent (a planner adds it): agent name to {tasks, estimatedMs}.',
        type: 'object',
        propertyNames: identifierSchema(limits, 'An agent name'),
        additionalProperties: ref('resourceBreakdownEntry'),
      },
    },
    risks: { schema: { description: 'Risks a planner found.', type: 'array', items: ref('risk') } },
  };
}

function taskFields(limits: PlanLimits): FieldSchemas<keyof PlanTask> {
  return {
    id: { required: true, schema: nonBlankIdentifierSchema(limits, "The task's id, unique in the plan (the validator checks)") },
    description: { required: true, schema: nonBlankTextSchema(limits, 'What the task is about') },
    agent: { required: true, schema: nonBlankIdentifierSchema(limits, 'The name of the agent that runs it, a registered one') },
    dependencies: {
      schema: {
        description: `Ids of the tasks whose outputs this one needs (default none): each another task of the plan, listed once, forming no cycle (the validator checks that they exist); at most ${limits.maxTasks}.`,
        type: 'array',
        maxItems: limits.maxTasks,
        uniqueItems: true,
        items: nonBlankIdentifierSchema(limits, 'A task id of the plan'),
      },
    },
    input: {
      schema: {
        description: `What the agent is given: a JSON object of at most ${limits.maxInputBytes} bytes as UTF-8 JSON, nested at most ${MAX_INPUT_DEPTH} levels (the validator checks both).`,
        type: 'object',
      },
    },
    qualityDomain: {
      schema: choiceSchema(QUALITY_DOMAINS, 'The quality domain its output is scored in'),
      original: {
        description: `The quality domain its output is scored in: one of ${QUALITY_DOMAINS.join(', ')}, in any case.`,
        type: 'string',
        pattern: anyCasePattern(QUALITY_DOMAINS),
        examples: QUALITY_DOMAINS.map((name) => name.toLowerCase()),
      },
    },
    qualityThreshold: { schema: numberSchema(UNIT_INTERVAL, 'Minimum quality score') },
    qualityPolicy: {
      schema: choiceSchema(QUALITY_POLICIES, "What an output below the threshold does, overriding the plan's: warn reports it, retry re-runs the task (an attempt), fail fails it"),
    },
    estimatedDuration: duration(TIMER_DURATION, 'Expected duration (the simulator waits this long; planners and the strategies weigh tasks by it)'),
    parallelSafe: { schema: { description: 'Default true; false: the task runs alone, never beside another task.', type: 'boolean' } },
    priority: {
      schema: {
        description: `Under the hybrid strategy, breaks ties between ready tasks of equal remaining path, higher first: any number, or one of ${PRIORITY_NAMES.join(', ')} (lowest to highest).`,
        anyOf: [{ type: 'number' }, { type: 'string', enum: [...PRIORITY_NAMES] }],
      },
    },
    timeoutMs: duration(TIMER_TIMEOUT, 'Timeout of each attempt'),
    maxRetries: { schema: numberSchema(RETRY_COUNT, 'Retries after the first attempt') },
  };
}

function parallelGroupFields(limits: PlanLimits): FieldSchemas<keyof ParallelGroup> {
  return {
    name: { schema: textSchema(limits, "The group's name") },
    tasks: { required: true, schema: taskIdList(limits, 'The tasks of the group') },
  };
}

function riskFields(limits: PlanLimits): FieldSchemas<keyof PlanRisk> {
  return {
    description: { required: true, schema: nonBlankTextSchema(limits, 'The risk') },
    severity: { schema: choiceSchema(RISK_SEVERITIES, 'How bad it is') },
    taskId: { schema: nonBlankIdentifierSchema(limits, 'The task the risk is about, a task of the plan') },
    mitigation: { schema: textSchema(limits, 'What reduces it') },
  };
}

function resourceEntryFields(): FieldSchemas<keyof ResourceBreakdown[string]> {
  return {
    tasks: { required: true, schema: numberSchema(NON_NEGATIVE_INTEGER, 'How many tasks the agent gets') },
    estimatedMs: { required: true, schema: numberSchema(NON_NEGATIVE, 'Their summed estimated duration in milliseconds') },
  };
}
