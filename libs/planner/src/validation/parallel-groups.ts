import type { Plan } from '../plan';
import { quote } from './echo-value';
import type { IssueScope } from './issue-scope';

/**
 * A parallel group promises its tasks can run at the same time; two members where one (transitively)
 * depends on the other break that promise. Runs on a valid, acyclic plan.
 *
 * Cost: one linear pass computes each task's depth (longest dependency chain above it). A task's
 * ancestors all have smaller depths, so a group whose members share one depth (every level a planner
 * makes) is independent at no further cost. Any other group costs one walk of its members' ancestors,
 * pruned below the group's lowest depth and shared between members.
 */
export function checkParallelGroupsIndependent(scope: IssueScope, plan: Plan, groupsField = 'parallelGroups'): void {
  const groups = plan.parallelGroups;
  if (!groups || !groups.some((group) => group.tasks.length >= 2)) return;
  const graph = indexGraph(plan);
  groups.forEach((group, g) => {
    if (group.tasks.length < 2) return;
    const pair = dependentPair(group.tasks.map((id) => graph.indexOf.get(id) as number), graph);
    if (pair === undefined) return;
    const [member, ancestor] = pair.map((index) => quote(plan.tasks[index].id));
    scope.report(
      'INVALID_VALUE',
      `${groupsField}[${g}].tasks`,
      `parallel group ${g}${group.name ? ` (${quote(group.name)})` : ''}: task ${member} depends on ${ancestor}, so they cannot run in parallel`,
    );
  });
}

interface IndexedGraph {
  readonly indexOf: ReadonlyMap<string, number>;
  /** Dependencies of task i, as task indices. */
  readonly dependencies: readonly number[][];
  /** Longest chain of dependencies above task i (0 for a task without any). */
  readonly depth: Int32Array;
}

function indexGraph(plan: Plan): IndexedGraph {
  const { tasks } = plan;
  const indexOf = new Map<string, number>();
  tasks.forEach((task, i) => indexOf.set(task.id, i));
  const dependencies = tasks.map((task) => task.dependencies.map((id) => indexOf.get(id) as number));
  const dependents: number[][] = tasks.map(() => []);
  const waiting = new Int32Array(tasks.length);
  dependencies.forEach((deps, i) => {
    waiting[i] = deps.length;
    for (const dep of deps) dependents[dep].push(i);
  });
  // Kahn's order: a task's depth is final once its last dependency is done.
  const depth = new Int32Array(tasks.length);
  const ready: number[] = [];
  for (let i = 0; i < tasks.length; i++) if (waiting[i] === 0) ready.push(i);
  while (ready.length > 0) {
    const done = ready.pop() as number;
    for (const next of dependents[done]) {
      if (depth[done] + 1 > depth[next]) depth[next] = depth[done] + 1;
      if (--waiting[next] === 0) ready.push(next);
    }
  }
  return { indexOf, dependencies, depth };
}

/** `[member, ancestor]` for the first member (in group order) that depends on another member, if any. */
function dependentPair(members: readonly number[], graph: IndexedGraph): [number, number] | undefined {
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const m of members) {
    lowest = Math.min(lowest, graph.depth[m]);
    highest = Math.max(highest, graph.depth[m]);
  }
  if (lowest === highest) return undefined;
  const isMember = new Set(members);
  // Shared between members: a task already walked from one member leads to no member, or the walk stopped.
  const walked = new Set<number>();
  for (const member of members) {
    const stack = [...graph.dependencies[member]];
    while (stack.length > 0) {
      const task = stack.pop() as number;
      if (walked.has(task) || graph.depth[task] < lowest) continue;
      walked.add(task);
      if (isMember.has(task)) return [member, task];
      for (const dep of graph.dependencies[task]) stack.push(dep);
    }
  }
  return undefined;
}
