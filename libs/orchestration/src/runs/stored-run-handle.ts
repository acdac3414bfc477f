import type { RunState, RunStatus, StrategyName, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { LoadedRun, RunStore } from '@a2a-mcp/persistence';
import type { RunHandle } from './run-handle';

/** Events read from the store per query while a stream replays a run. */
const PAGE = 1000;

export interface StoredRunOptions {
  /** Between two looks at the store for new events of a run another replica runs. */
  pollMs: number;
  /** PHASE 7 streaming (progress and artifacts on streams). */
  streaming: boolean;
}

/**
 * A run read from the run store: finished (it left memory) or run by another replica. Its stream
 * replays the stored log and, while the run is not finished, follows it by polling the store, so a
 * client can attach to any replica.
 */
export class StoredRunHandle implements RunHandle {
  readonly counts: { successful: number; failed: number; skipped: number };

  constructor(
    private readonly loaded: LoadedRun,
    private readonly store: RunStore,
    private readonly options: StoredRunOptions,
  ) {
    this.counts = { successful: loaded.run.successful, failed: loaded.run.failed, skipped: loaded.run.skipped };
  }

  get runId(): string {
    return this.loaded.run.runId;
  }

  get createdAt(): string {
    return this.loaded.run.createdAt;
  }

  get tenant(): string | undefined {
    return this.loaded.run.tenant;
  }

  get strategy(): StrategyName {
    return this.loaded.state.strategy ?? this.loaded.run.strategy;
  }

  get strategyReason(): string {
    return this.loaded.state.strategyReason ?? this.loaded.run.strategyReason;
  }

  get state(): Readonly<RunState> {
    return this.loaded.state;
  }

  get status(): RunStatus {
    return this.loaded.state.status;
  }

  get finished(): boolean {
    return this.loaded.state.result !== undefined;
  }

  events(afterSeq?: number): AsyncIterableIterator<WorkflowEvent> {
    return followStoredLog(this.store, this.runId, afterSeq ?? -1, this.finished, this.options.pollMs);
  }

  streams(event: WorkflowEvent): boolean {
    return this.options.streaming || (event.type !== 'task_progress' && event.type !== 'artifact');
  }
}

/** The stored events after `afterSeq`, page by page; then, until `workflow_complete`, new ones as they are stored. */
async function* followStoredLog(
  store: RunStore,
  runId: string,
  afterSeq: number,
  finished: boolean,
  pollMs: number,
): AsyncGenerator<WorkflowEvent, void, undefined> {
  let cursor = afterSeq;
  for (;;) {
    const page = await store.events(runId, cursor, PAGE);
    for (const event of page) {
      cursor = event.seq;
      yield event;
      if (event.type === 'workflow_complete') return;
    }
    if (page.length === PAGE) continue;
    // A finished run's log is complete: a resume point past its end simply ends the stream.
    if (finished) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
