import { DEFAULT_PLAN_LIMITS, PlanValidationError, validatePlan, type PlanIssue, type PlanLimits, type PlanTask } from '@a2a-mcp/planner';

export interface NodeCheckOptions {
  /** Whether the run already has a task with this id (a new node may depend on it). */
  isExistingTask: (id: string) => boolean;
  /** The registered agents; the shortest name stands in as the agent of existing tasks (see below). */
  agentNames: readonly string[];
  limits?: PlanLimits;
}

const EXISTING_TASK_DESCRIPTION = 'a task already in the run';

/**
 * Checks nodes to add to a running run with the planner's own task rules (fields, ids, agents, limits,
 * dependencies, cycles among the new nodes) and returns them normalised like the tasks of a plan.
 * Throws PlanValidationError with paths and messages naming `nodes[i]`.
 *
 * The planner checks a whole plan, in which every dependency must be one of its tasks; a node may also
 * depend on a task already in the run. Each such task joins the checked plan as a stand-in placed after
 * the nodes (so the nodes keep their indexes), and is dropped from the result.
 */
export function validateNodes(nodes: readonly unknown[], options: NodeCheckOptions): PlanTask[] {
  if (nodes.length === 0) return [];
  const limits = options.limits ?? DEFAULT_PLAN_LIMITS;
  // Too many nodes is reported on the nodes alone; with no agent at all every node fails anyway.
  const standInAgent = nodes.length <= limits.maxTasks ? shortest(options.agentNames) : undefined;
  const standIns =
    standInAgent === undefined
      ? []
      : existingDependencies(nodes, options.isExistingTask).map((id) => ({ id, description: EXISTING_TASK_DESCRIPTION, agent: standInAgent }));
  const result = validatePlan(
    { tasks: [...nodes, ...standIns] },
    { knownAgents: options.agentNames, limits: { ...limits, maxTasks: limits.maxTasks + standIns.length } },
  );
  if (result.ok) return result.plan.tasks.slice(0, nodes.length);
  const issues = result.issues.filter((issue) => !isAboutStandIn(issue, nodes.length));
  // A stand-in repeats a task the run already holds under the same limits, with the shortest agent name
  // (no node's agent can be shorter and valid): it is never the only one at fault.
  if (issues.length === 0) throw new Error(`the stand-ins for existing tasks failed validation: ${result.issues[0]?.message ?? ''}`);
  throw new PlanValidationError(issues.map(asNodeIssue));
}

function shortest(names: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of names) if (best === undefined || name.length < best.length) best = name;
  return best;
}

/** Ids the nodes depend on that are not new nodes but tasks of the run, each once, in order of mention. */
function existingDependencies(nodes: readonly unknown[], isExistingTask: (id: string) => boolean): string[] {
  const newIds = new Set<string>();
  for (const node of nodes) {
    const id = fieldOf(node, 'id');
    if (typeof id === 'string') newIds.add(id);
  }
  const existing = new Set<string>();
  for (const node of nodes) {
    const dependencies = fieldOf(node, 'dependencies');
    if (!Array.isArray(dependencies)) continue;
    for (const dependency of dependencies) {
      if (typeof dependency === 'string' && !newIds.has(dependency) && isExistingTask(dependency)) existing.add(dependency);
    }
  }
  return [...existing];
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

const TASK_INDEX = /^tasks\[(\d+)\]/;

/** A stand-in is valid by construction; an issue about one (never expected) is not the client's. */
function isAboutStandIn(issue: PlanIssue, nodeCount: number): boolean {
  const match = TASK_INDEX.exec(issue.path);
  return match !== null && Number(match[1]) >= nodeCount;
}

/** `tasks[3].agent` → `nodes[3].agent`, in the path and where the message names the position. */
function asNodeIssue(issue: PlanIssue): PlanIssue {
  const match = TASK_INDEX.exec(issue.path);
  if (match === null) {
    // Issues about the list itself (too many tasks): the list is `nodes`.
    return issue.path === 'tasks' || issue.path.startsWith('tasks.') ? { ...issue, path: `nodes${issue.path.slice('tasks'.length)}` } : issue;
  }
  const position = match[0];
  const node = `nodes[${match[1]}]`;
  return { ...issue, path: node + issue.path.slice(position.length), message: issue.message.split(position).join(node) };
}
