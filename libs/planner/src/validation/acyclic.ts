/**
 * True when the tasks' dependencies form no cycle: Kahn's walk over task positions with typed arrays
 * (no object and no id lookup per task), so the common case — no cycle — stays cheap for 100 000
 * tasks. Only when it fails does the caller search for the cycle to name. Positions are in [0, size).
 */
export function isAcyclic(nodes: readonly { position: number; dependencyPositions: readonly number[] }[], size: number): boolean {
  const pending = new Int32Array(size);
  const firstOut = new Int32Array(size + 1);
  let edgeCount = 0;
  for (const node of nodes) {
    pending[node.position] = node.dependencyPositions.length;
    for (const source of node.dependencyPositions) firstOut[source + 1]++;
    edgeCount += node.dependencyPositions.length;
  }
  // Dependents as compressed rows: the edges leaving p are targets[firstOut[p] … firstOut[p + 1]).
  for (let p = 0; p < size; p++) firstOut[p + 1] += firstOut[p];
  const targets = new Int32Array(edgeCount);
  const cursor = firstOut.slice(0, size);
  for (const node of nodes) for (const source of node.dependencyPositions) targets[cursor[source]++] = node.position;

  const queue = new Int32Array(nodes.length);
  let tail = 0;
  for (const node of nodes) if (node.dependencyPositions.length === 0) queue[tail++] = node.position;
  for (let head = 0; head < tail; head++) {
    const p = queue[head];
    for (let e = firstOut[p]; e < firstOut[p + 1]; e++) if (--pending[targets[e]] === 0) queue[tail++] = targets[e];
  }
  return tail === nodes.length;
}
