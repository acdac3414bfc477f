import type { RunState, RunStatus, StrategyName, WorkflowEvent } from '@a2a-mcp/core-graph';

/**
 * What a reader sees of a run, wherever it is: running here (ManagedRun) or only in the run store
 * (StoredRunHandle: finished, or run by another replica). Views, streams and the A2A task mapping
 * read this, so a run reads the same before and after it leaves memory.
 */
export interface RunHandle {
  readonly runId: string;
  readonly createdAt: string;
  readonly tenant?: string;
  readonly strategy: StrategyName;
  readonly strategyReason: string;
  /** The folded state (read-only). */
  readonly state: Readonly<RunState>;
  readonly status: RunStatus;
  readonly finished: boolean;
  /** Task counts by outcome. */
  readonly counts: { successful: number; failed: number; skipped: number };
  /** Durable events with `seq > afterSeq` (from the start when undefined), then live ones until the run ends. */
  events(afterSeq?: number): AsyncIterableIterator<WorkflowEvent>;
  /** Whether an event goes to stream clients (ORCHESTRATION_MODE=basic leaves out progress and artifacts). */
  streams(event: WorkflowEvent): boolean;
}
