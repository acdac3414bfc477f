import type { ApiSchemas, WorkflowEvent } from '@a2a-mcp/api-client';

export type TaskSpec = ApiSchemas['WorkflowNodeSpec'];

/**
 * The tasks as planned (description, agent, input, estimates…), by id: workflow_start's tasks, then
 * each graph_modified's added nodes. RunState keeps what happened to a task, not its input.
 */
export function taskSpecs(events: readonly WorkflowEvent[]): Map<string, TaskSpec> {
  const specs = new Map<string, TaskSpec>();
  for (const event of events) {
    if (event.type === 'workflow_start') for (const task of event.tasks) specs.set(task.id, task);
    else if (event.type === 'graph_modified') for (const task of event.addedNodes) specs.set(task.id, task);
  }
  return specs;
}
