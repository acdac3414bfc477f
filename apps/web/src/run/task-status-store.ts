import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RunState } from '@a2a-mcp/core-graph';

/**
 * Task statuses for the DAG's nodes. Each drawn node subscribes to its own task, so a frame of events
 * re-renders only the nodes whose status changed, and the node list (thousands of objects the canvas
 * indexes) is rebuilt only when the graph itself changes.
 */
export class TaskStatusStore {
  private state: RunState | undefined;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  status(taskId: string): string {
    return this.state?.tasks[taskId]?.status ?? 'pending';
  }

  /** After each render of new events (the state is the same object, changed in place). */
  update(state: RunState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const TaskStatusContext = createContext<TaskStatusStore>(new TaskStatusStore());

export function useTaskStatus(taskId: string): string {
  const store = useContext(TaskStatusContext);
  return useSyncExternalStore(store.subscribe, () => store.status(taskId));
}
