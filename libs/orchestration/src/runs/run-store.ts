import type { StrategyName, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { Plan } from '@a2a-mcp/planner';

/** What a store records about a run before its first event. */
export interface StoredRun {
  runId: string;
  /** ISO 8601. */
  createdAt: string;
  plan: Plan;
  strategy: StrategyName;
  strategyReason: string;
}

/**
 * Where runs are recorded (the RUN_STORE plugin point). The host appends every event of a run in
 * `seq` order and publishes it on the EventBus only after `append` has settled (a store
 * appends the event before it is published). Methods may be synchronous or return promises.
 */
export interface RunStore {
  createRun(run: StoredRun): void | Promise<void>;
  append(event: WorkflowEvent): void | Promise<void>;
  /** The recorded events of a run with `seq > afterSeq`, in order. */
  events(runId: string, afterSeq?: number): readonly WorkflowEvent[] | Promise<readonly WorkflowEvent[]>;
  /** The host dropped the run from memory (RUN_RETENTION); a durable store may keep it. */
  release?(runId: string): void | Promise<void>;
}

/** The default store: events in memory, dropped with the run. Enough for one embedded process. */
export class InMemoryRunStore implements RunStore {
  private readonly runs = new Map<string, { run: StoredRun; events: WorkflowEvent[] }>();

  createRun(run: StoredRun): void {
    this.runs.set(run.runId, { run, events: [] });
  }

  append(event: WorkflowEvent): void {
    this.runs.get(event.runId)?.events.push(event);
  }

  events(runId: string, afterSeq = -1): readonly WorkflowEvent[] {
    return (this.runs.get(runId)?.events ?? []).filter((event) => event.seq > afterSeq);
  }

  release(runId: string): void {
    this.runs.delete(runId);
  }

  get size(): number {
    return this.runs.size;
  }
}
