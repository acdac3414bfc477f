import { dagOf, findCycle } from '@a2a-mcp/core-graph';
import type { PlanTask } from '../plan';
import type { PlanIssue } from '../plan-issue';
import { isAcyclic } from './acyclic';
import { isRecord, ownField } from './raw-values';
import { isNonBlankString } from './field-readers';
import { isUsableIdentifier } from './identifiers';
import type { AgentCatalog } from './known-agents';
import type { PlanLimits } from './plan-limits';
import { checkTask } from './validate-task';

/** Ids a cycle message names at most: the first ones, then how many more, then the one closing it. */
const CYCLE_IDS_SHOWN = 10;

export interface CheckedTasks {
  /** Normalised tasks; complete only when no task had an issue. */
  readonly tasks: PlanTask[];
  /** Every usable task id, for checking references elsewhere in the plan. */
  readonly ids: ReadonlySet<string>;
}

/**
 * Checks a non-empty task list in linear time: one pass to index the ids (so a dependency on a later
 * task resolves), one pass over the tasks in order, then a cycle check (and a search only to name one).
 */
export function checkTasks(
  rawTasks: readonly unknown[],
  issues: PlanIssue[],
  limits: PlanLimits,
  agents?: AgentCatalog,
): CheckedTasks {
  // A Map, not an object: ids such as "__proto__" or "constructor" are plain keys here.
  const firstIndexOfId = new Map<string, number>();
  rawTasks.forEach((raw, index) => {
    const id = isRecord(raw) ? ownField(raw, 'id') : undefined;
    if (isNonBlankString(id) && isUsableIdentifier(id, limits) && !firstIndexOfId.has(id)) firstIndexOfId.set(id, index);
  });

  const tasks: PlanTask[] = [];
  const nodes: { id: string; dependencies: string[]; position: number; dependencyPositions: number[] }[] = [];
  let graphComplete = true;
  rawTasks.forEach((raw, index) => {
    const result = checkTask(raw, index, { issues, firstIndexOfId, agents, limits });
    if (result.task) tasks.push(result.task);
    if (result.nodeId !== undefined) {
      nodes.push({ id: result.nodeId, dependencies: result.edges, position: index, dependencyPositions: result.edgePositions ?? [] });
    }
    graphComplete &&= !result.breaksGraph;
  });

  // A missing task or an ambiguous id would make any cycle found (or not found) misleading.
  if (graphComplete) {
    const cycle = isAcyclic(nodes, rawTasks.length) ? null : findCycle(dagOf(nodes));
    if (cycle) {
      const [first] = cycle;
      issues.push({
        code: 'CYCLE',
        taskId: first,
        path: `tasks[${firstIndexOfId.get(first) ?? 0}].dependencies`,
        message: cycleMessage(cycle),
      });
    }
  }
  return { tasks, ids: new Set(firstIndexOfId.keys()) };
}

/**
 * `dependency cycle: a -> b -> c -> a`, in execution order. A long cycle (a 100 000-task chain closed
 * on itself) is shortened to its first ids, a count and the id closing it, so the message stays small.
 */
export function cycleMessage(cycle: readonly string[]): string {
  const distinct = cycle.length - 1; // the first id is repeated at the end
  if (distinct <= CYCLE_IDS_SHOWN + 1) return `dependency cycle: ${cycle.join(' -> ')}`;
  const hidden = distinct - CYCLE_IDS_SHOWN - 1;
  const shown = [...cycle.slice(0, CYCLE_IDS_SHOWN), `… ${hidden} more …`, cycle[distinct - 1], cycle[distinct]];
  return `dependency cycle of ${distinct} tasks: ${shown.join(' -> ')}`;
}
