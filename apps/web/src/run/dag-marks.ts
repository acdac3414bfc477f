import { createContext, useContext } from 'react';
import { edgeKey } from './critical-path';

/**
 * What the DAG highlights: the critical path and the selected task. Kept out of the node and edge
 * objects so a change (the measured path replacing the estimate, a click) re-renders the drawn nodes
 * only, instead of handing the canvas thousands of new objects to index again.
 */
export interface DagMarks {
  criticalNodes: ReadonlySet<string>;
  criticalEdges: ReadonlySet<string>;
  selected?: string;
}

export const DagMarksContext = createContext<DagMarks>({ criticalNodes: new Set(), criticalEdges: new Set() });

export function useNodeMarks(taskId: string): { critical: boolean; selected: boolean } {
  const marks = useContext(DagMarksContext);
  return { critical: marks.criticalNodes.has(taskId), selected: marks.selected === taskId };
}

export function useEdgeOnPath(from: string, to: string): boolean {
  return useContext(DagMarksContext).criticalEdges.has(edgeKey(from, to));
}
