import type { TaskExecutor, WorkflowEvent } from '@a2a-mcp/core-graph';

/**
 * Watches runs for metrics, traces or statistics. The host calls `onEvent` with every event of every
 * run, in `seq` order, synchronously from the engine (so it must be cheap and must not throw), and
 * lets `wrapExecutor` wrap the executor the runs call agents through.
 */
export interface RunObserver {
  onEvent?(event: WorkflowEvent): void;
  /** Wraps agent calls (a span, a latency measure); default: the executor unchanged. */
  wrapExecutor?(executor: TaskExecutor): TaskExecutor;
}

/** Where an agent is reached, for labels: local, nats, grpc, a2a, mcp, llm. */
export type TransportOf = (agent: string) => string;
