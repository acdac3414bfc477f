import type { Plan } from '../plan';
import type { IssueScope } from './issue-scope';

/**
 * A parallel group promises its tasks can run at the same time; two members where one (transitively)
 * depends on the other break that promise. Each member's ancestors are walked once per group, so the
 * cost is the group size times the plan size — groups are small.
 */
export function checkParallelGroupsIndependent(scope: IssueScope, plan: Plan): void {
  const groups = plan.parallelGroups;
  if (!groups || groups.length === 0) return;
  const dependenciesOf = new Map<string, readonly string[]>();
  for (const task of plan.tasks) dependenciesOf.set(task.id, task.dependencies);
  groups.forEach((group, g) => {
    const members = new Set(group.tasks);
    for (const member of group.tasks) {
      const ancestor = firstMemberAncestor(member, members, dependenciesOf);
      if (ancestor !== undefined) {
        scope.report(
          'INVALID_VALUE',
          `parallelGroups[${g}].tasks`,
          `parallel group ${g}${group.name ? ` ("${group.name}")` : ''}: task "${member}" depends on "${ancestor}", so they cannot run in parallel`,
        );
        return;
      }
    }
  });
}

function firstMemberAncestor(start: string, members: ReadonlySet<string>, dependenciesOf: ReadonlyMap<string, readonly string[]>): string | undefined {
  const seen = new Set<string>([start]);
  const stack = [...(dependenciesOf.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    if (members.has(id)) return id;
    stack.push(...(dependenciesOf.get(id) ?? []));
  }
  return undefined;
}
