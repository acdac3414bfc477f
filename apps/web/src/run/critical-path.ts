import type { WorkflowEvent } from '@a2a-mcp/api-client';

export interface CriticalPath {
  /** Task ids from the first to the last. */
  ids: string[];
  /** `measured`: the result's path once the run finished; `estimated`: plan_ready's, before. */
  kind: 'measured' | 'estimated' | 'none';
  ms?: number;
}

/**
 * The run's critical path: measured (workflow_complete) when finished, else planned (plan_ready). Both
 * sit at known places (the result is the last event, the plan comes right after the start), so this
 * costs a few steps per call, not a pass over a log of tens of thousands of events.
 */
export function criticalPathOf(events: readonly WorkflowEvent[]): CriticalPath {
  const last = events[events.length - 1];
  if (last?.type === 'workflow_complete') return { ids: last.result.criticalPath, kind: 'measured', ms: last.result.criticalPathMs };
  for (const event of events) {
    if (event.type === 'plan_ready') return { ids: event.estimatedCriticalPath, kind: 'estimated', ms: event.estimatedCriticalPathMs };
    // plan_ready follows workflow_start; once tasks run, a log without it will not get one.
    if (event.type.startsWith('task_') || event.type.startsWith('level_')) break;
  }
  return { ids: [], kind: 'none' };
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
