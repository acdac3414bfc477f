import { RunResult, WorkflowEvent } from '../events/workflow-event';
import { RunState } from '../events/run-state';
import { WorkflowGraph } from '../graph/workflow-graph';
import { WorkflowNodeSpec } from '../graph/workflow-node';

/** A change to a running graph: new nodes (with dependencies) and new edges `[from, to]`. */
export interface GraphChange {
  nodes?: WorkflowNodeSpec[];
  edges?: [from: string, to: string][];
}

/**
 * A run in progress. Iterate it (`for await`) for the typed event stream; several iterators may
 * read it, each from the start or from a sequence number (`events(afterSeq)`).
 */
export interface WorkflowRun extends AsyncIterable<WorkflowEvent> {
  readonly runId: string;
  /** Resolves when the run ends (completed, partial, failed or cancelled); never rejects. */
  readonly result: Promise<RunResult>;
  /** The live folded state (read-only for callers). */
  readonly state: Readonly<RunState>;
  readonly finished: boolean;
  /** Events with `seq > afterSeq`, replayed from the run's log then followed live. */
  events(afterSeq?: number): AsyncIterableIterator<WorkflowEvent>;
  /** Synchronous listener for later events; returns the unsubscribe function. */
  subscribe(listener: (event: WorkflowEvent) => void): () => void;
  /** Cancels the run: running agents see their signal abort, unfinished tasks become `cancelled`. */
  cancel(reason?: string): void;
  /** Answers a paused task's input request. Throws RunError if the task is not paused. */
  resume(taskId: string, answer: unknown): void;
  /** Applies a change atomically, or throws GraphError naming what is wrong; the run goes on either way. */
  modify(change: GraphChange): void;
  addNode(spec: WorkflowNodeSpec): void;
  addEdge(from: string, to: string): void;
  /**
   * Once the run has finished, keeps only `workflow_start`, `plan_ready` and `workflow_complete` in
   * the replay log (their seqs unchanged): the summary a host keeps instead of every event.
   */
  compactLog(): void;
  /** Adds a subgraph; its entry nodes also wait for `dependsOn`. */
  addSubgraph(subgraph: WorkflowGraph | readonly WorkflowNodeSpec[], options?: { dependsOn?: readonly string[] }): void;
}
