import type { WorkflowEvent } from '@a2a-mcp/api-client';

export interface CriticalPath {
  /** Task ids from the first to the last. */
  ids: string[];
  /** `measured`: the result's path once the run finished; `estimated`: plan_ready's, before. */
  kind: 'measured' | 'estimated' | 'none';
  ms?: number;
}

/** The run's critical path: measured (workflow_complete) when finished, else planned (plan_ready). */
export function criticalPathOf(events: readonly WorkflowEvent[]): CriticalPath {
  let estimated: CriticalPath = { ids: [], kind: 'none' };
  // Both events are rare and come late or early: scan from the end for the result first.
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event.type === 'workflow_complete') {
      return { ids: event.result.criticalPath, kind: 'measured', ms: event.result.criticalPathMs };
    }
    if (event.type === 'plan_ready' && estimated.kind === 'none') {
      estimated = { ids: event.estimatedCriticalPath, kind: 'estimated', ms: event.estimatedCriticalPathMs };
    }
  }
  return estimated;
}

/** `from→to` keys of the path's consecutive pairs, to mark its edges. */
export function criticalEdgeKeys(path: CriticalPath): Set<string> {
  const keys = new Set<string>();
  for (let i = 1; i < path.ids.length; i++) keys.add(edgeKey(path.ids[i - 1], path.ids[i]));
  return keys;
}

export function edgeKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}
