import { CycleError, dagOf, findCycle } from '@a2a-mcp/core-graph';
import type { PlanTask } from '../plan';
import type { PlanIssue } from '../plan-issue';
import { isRecord, ownField } from './raw-values';
import { isNonBlankString } from './field-readers';
import type { AgentCatalog } from './known-agents';
import { checkTask } from './validate-task';

export interface CheckedTasks {
  /** Normalised tasks; complete only when no task had an issue. */
  readonly tasks: PlanTask[];
  /** Every usable task id, for checking references elsewhere in the plan. */
  readonly ids: ReadonlySet<string>;
}

/**
 * Checks a non-empty task list in linear time: one pass to index the ids (so a dependency on a later
 * task resolves), one pass over the tasks in order, then one iterative cycle search.
 */
export function checkTasks(rawTasks: readonly unknown[], issues: PlanIssue[], agents?: AgentCatalog): CheckedTasks {
  const firstIndexOfId = new Map<string, number>();
  rawTasks.forEach((raw, index) => {
    const id = isRecord(raw) ? ownField(raw, 'id') : undefined;
    if (isNonBlankString(id) && !firstIndexOfId.has(id)) firstIndexOfId.set(id, index);
  });

  const tasks: PlanTask[] = [];
  const nodes: { id: string; dependencies: string[] }[] = [];
  let graphComplete = true;
  rawTasks.forEach((raw, index) => {
    const result = checkTask(raw, index, { issues, firstIndexOfId, agents });
    if (result.task) tasks.push(result.task);
    if (result.nodeId !== undefined) nodes.push({ id: result.nodeId, dependencies: result.edges });
    graphComplete &&= !result.breaksGraph;
  });

  // A missing task or an ambiguous id would make any cycle found (or not found) misleading.
  if (graphComplete) {
    const cycle = findCycle(dagOf(nodes));
    if (cycle) {
      const [first] = cycle;
      issues.push({
        code: 'CYCLE',
        taskId: first,
        path: `tasks[${firstIndexOfId.get(first) ?? 0}].dependencies`,
        message: new CycleError(cycle).message,
      });
    }
  }
  return { tasks, ids: new Set(firstIndexOfId.keys()) };
}
