import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { NewRun } from '../run-store';
import { RunStoreError } from '../run-store-error';

/** A new run's record as it is written: plan and settings already JSON. */
export interface RecordToCreate {
  run: NewRun;
  planJson: string;
  settingsJson: string;
}

/**
 * One run's writes in one batch: its new record, its events in seq order and its latest snapshot.
 * They are written together or refused together, and share one promise: appending an event costs no
 * promise of its own.
 */
export class RunWrites {
  created: RecordToCreate | undefined;
  readonly events: WorkflowEvent[] = [];
  readonly eventJson: string[] = [];
  snapshot: { seq: number; json: string } | undefined;
  /** Set by the store's commit when it refuses these writes (the rest of the batch goes on). */
  refused: RunStoreError | undefined;
  readonly settled: Promise<void>;
  private resolveSettled!: () => void;
  private rejectSettled!: (error: RunStoreError) => void;

  constructor(readonly runId: string) {
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolveSettled = resolve;
      this.rejectSettled = reject;
    });
  }

  settle(failure: RunStoreError | undefined): void {
    const error = failure ?? this.refused;
    if (error === undefined) this.resolveSettled();
    else this.rejectSettled(error);
  }
}

/** The record fields the checks need: its last seq (-1 before any event) and whether it finished. */
export interface RecordHead {
  lastSeq: number;
  finished: boolean;
}

const NEW_RECORD: RecordHead = { lastSeq: -1, finished: false };

/**
 * Why `writes` must be refused given the run's record (undefined: no record), or undefined when they
 * fit: a new record's id must be free; events must continue the log without a gap or a repeat (seq 0
 * may only open it, and may be left out) and may not follow `workflow_complete`.
 */
export function refusalOf(writes: RunWrites, head: RecordHead | undefined): RunStoreError | undefined {
  if (writes.created !== undefined) {
    if (head !== undefined) return new RunStoreError('RUN_EXISTS', `run ${writes.runId} is already recorded`);
    head = NEW_RECORD;
  }
  if (head === undefined) return new RunStoreError('RUN_NOT_FOUND', `run ${writes.runId} has no record (createRun first)`);
  const events = writes.events;
  if (events.length === 0) return undefined;
  if (head.finished) return new RunStoreError('RUN_FINISHED', `run ${writes.runId} is finished: seq ${events[0].seq} cannot follow its workflow_complete`);
  let last = head.lastSeq;
  for (let i = 0; i < events.length; i++) {
    const seq = events[i].seq;
    if (seq !== last + 1 && !(last === -1 && seq === 1)) {
      const expected = last === -1 ? '0 or 1' : String(last + 1);
      return new RunStoreError('SEQ_CONFLICT', `run ${writes.runId}: seq ${seq} does not continue its log (expected ${expected})`);
    }
    if (i > 0 && events[i - 1].type === 'workflow_complete') {
      return new RunStoreError('RUN_FINISHED', `run ${writes.runId} is finished: seq ${seq} cannot follow its workflow_complete`);
    }
    last = seq;
  }
  return undefined;
}
