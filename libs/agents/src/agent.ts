import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import type { AgentCard } from './agent-card';

/**
 * An agent the orchestrator can run tasks on. `execute` resolves with the task's output or rejects
 * (preferably with a `TaskError`, whose code and `retryable` flag the engine honours).
 */
export interface Agent {
  readonly card: AgentCard;
  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown>;
}
