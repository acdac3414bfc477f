/** Dependency sets by task index: `dependencies[i]` holds the indices task i depends on. */
export type DependencySets = readonly ReadonlySet<number>[];

/** Whether some task depends on a later one; while none does, every edge points back and no cycle exists. */
export function hasForwardEdge(dependencies: DependencySets): boolean {
  return dependencies.some((deps, index) => {
    for (const dep of deps) if (dep > index) return true;
    return false;
  });
}

/** Whether task `from` depends on `target`, directly or through other tasks (iterative DFS). */
export function dependsOn(dependencies: DependencySets, from: number, target: number): boolean {
  const seen = new Uint8Array(dependencies.length);
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const task = stack.pop() as number;
    if (task === target) return true;
    for (const dep of dependencies[task]) {
      if (seen[dep] === 0) {
        seen[dep] = 1;
        stack.push(dep);
      }
    }
  }
  return false;
}
