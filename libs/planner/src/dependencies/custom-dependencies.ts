import type { PlanRisk } from '../plan';
import type { CustomDependencyRules } from '../planner';
import { dependsOn, hasForwardEdge as anyForwardEdge } from './reachability';

/** What a rule key can name: the task itself, its agent, or its skill. */
export interface RuleSubject {
  readonly id: string;
  readonly agent: string;
  readonly skillId?: string;
}

/**
 * Adds the dependencies custom rules ask for (the original framework's CUSTOM_DEPENDENCIES). Rules only add: a rule
 * naming a task (by task id, skill id or agent name) makes it also depend on the tasks its listed keys
 * name. Each listed key resolves like data flow does, to the latest earlier task it names; when none is
 * earlier, to the first later one, so a rule can order steps the request lists the other way round.
 * A rule that would close a cycle is not applied and becomes a low-severity risk instead; a key that
 * names no task of this plan is ignored, since one deployment's rules serve every request.
 *
 * `dependencies[i]` holds the indices task i depends on (acyclic) and is extended in place.
 */
export function applyCustomDependencies(
  tasks: readonly RuleSubject[],
  dependencies: Set<number>[],
  rules: CustomDependencyRules | undefined,
  risks: PlanRisk[],
): void {
  if (rules === undefined || Object.keys(rules).length === 0) return;
  const tasksByKey = indexByKey(tasks);
  // While every edge points to an earlier task, an edge to an earlier task cannot close a cycle.
  let hasForwardEdge = anyForwardEdge(dependencies);
  tasks.forEach((task, index) => {
    for (const key of keysOf(task)) {
      const targets = Object.hasOwn(rules, key) ? rules[key] : undefined;
      if (!Array.isArray(targets)) continue;
      for (const targetKey of targets) {
        const target = pickTarget(tasksByKey.get(targetKey), index);
        if (target === undefined || dependencies[index].has(target)) continue;
        if ((hasForwardEdge || target > index) && dependsOn(dependencies, target, index)) {
          risks.push({
            description: `custom rule ${key} → ${targetKey} not applied to task "${task.id}": "${tasks[target].id}" already depends on it`,
            severity: 'low',
            taskId: task.id,
          });
          continue;
        }
        dependencies[index].add(target);
        hasForwardEdge ||= target > index;
      }
    }
  });
}

function keysOf(task: RuleSubject): string[] {
  return [...new Set([task.id, task.skillId, task.agent].filter((key): key is string => key !== undefined))];
}

/** key → indices of the tasks it names, ascending. */
function indexByKey(tasks: readonly RuleSubject[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  tasks.forEach((task, index) => {
    for (const key of keysOf(task)) {
      const list = byKey.get(key);
      if (list) list.push(index);
      else byKey.set(key, [index]);
    }
  });
  return byKey;
}

/** The latest candidate before `index`, else the first after it. */
function pickTarget(candidates: readonly number[] | undefined, index: number): number | undefined {
  if (candidates === undefined) return undefined;
  let low = 0;
  let high = candidates.length; // first position with candidates[position] >= index
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (candidates[middle] < index) low = middle + 1;
    else high = middle;
  }
  if (low > 0) return candidates[low - 1];
  const after = candidates[low] === index ? low + 1 : low;
  return after < candidates.length ? candidates[after] : undefined;
}
