import type { RunState, WorkflowEvent } from '@a2a-mcp/core-graph';
import type {
  LoadedRun,
  NewRun,
  RetentionPolicy,
  RunPageQuery,
  RunStore,
  RunStoreKind,
  StoredRun,
  StoredRunPage,
  StoreStats,
} from '../run-store';
import { RunStoreError, unavailable } from '../run-store-error';
import { type RecordToCreate, RunWrites } from './run-writes';

export interface RunStoreOptions {
  /** Milliseconds since the epoch for leases, `updatedAt` and `finishedAt` (tests pass a fake one). */
  clock?: () => number;
}

type Lifecycle = 'new' | 'open' | 'closing' | 'closed';

/**
 * The batching every store shares. Writes of one tick go to a pending batch; the first schedules a
 * flush (`setImmediate`), which hands the whole batch to `commit` (one transaction) and then settles
 * each run's promise. Never two commits at once: writes made during a commit form the next batch,
 * committed as soon as the current one ends.
 */
export abstract class BatchedRunStore implements RunStore {
  abstract readonly kind: RunStoreKind;
  protected readonly clock: () => number;
  private lifecycle: Lifecycle = 'new';
  private pending = new Map<string, RunWrites>();
  private flushScheduled = false;
  private draining: Promise<void> | undefined;
  private committed = 0;
  private opening: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: RunStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
  }

  /** Opens the database and migrates it. */
  protected abstract open(): Promise<void>;
  /** Closes the database (nothing is pending any more). */
  protected abstract shut(): Promise<void>;
  /**
   * Writes a batch in one transaction. Writes of a run that must be refused (see `refusalOf`) get
   * `refused` and are left out; a throw fails the whole batch.
   */
  protected abstract commit(batch: readonly RunWrites[]): Promise<void> | void;

  abstract events(runId: string, afterSeq?: number, limit?: number): Promise<WorkflowEvent[]>;
  abstract getRun(runId: string): Promise<StoredRun | undefined>;
  abstract loadRun(runId: string): Promise<LoadedRun | undefined>;
  abstract listRuns(query: RunPageQuery): Promise<StoredRunPage>;
  abstract unfinishedRuns(): Promise<StoredRun[]>;
  abstract acquireLease(runId: string, owner: string, ttlMs: number): Promise<boolean>;
  abstract renewLeases(owner: string, ttlMs: number): Promise<string[]>;
  abstract claimExpiredRuns(owner: string, ttlMs: number, limit: number): Promise<StoredRun[]>;
  abstract releaseLease(runId: string, owner: string): Promise<void>;
  abstract purge(policy: RetentionPolicy, now?: Date): Promise<number>;
  protected abstract sizes(): Promise<Omit<StoreStats, 'flushes'>>;

  init(): Promise<void> {
    if (this.lifecycle === 'closing' || this.lifecycle === 'closed') return Promise.reject(this.notOpen());
    // Concurrent calls share one opening; a failed one may be retried.
    this.opening ??= this.openOnce().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    if (this.lifecycle !== 'new') throw this.notOpen();
    try {
      await this.open();
    } catch (error) {
      throw unavailable(`opening the ${this.kind} run store`, error);
    }
    // close() may have been called while opening: then what was opened is closed again.
    if (this.lifecycle !== 'new') {
      await this.shut();
      throw this.notOpen();
    }
    this.lifecycle = 'open';
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    const wasOpen = this.lifecycle === 'open';
    this.lifecycle = 'closing';
    try {
      if (wasOpen) {
        await this.drain();
        await this.shut();
      }
    } finally {
      this.lifecycle = 'closed';
    }
  }

  createRun(run: NewRun): Promise<void> {
    const writes = this.writesOf(run.runId);
    if (writes === undefined) return this.notWritable();
    let created: RecordToCreate;
    try {
      created = { run: { ...run }, planJson: toJson(run.plan), settingsJson: toJson(run.settings) };
    } catch (error) {
      return notSerializable(`run ${run.runId}'s plan or settings`, error);
    }
    writes.created = created;
    return writes.settled;
  }

  append(event: WorkflowEvent): Promise<void> {
    const writes = this.writesOf(event.runId);
    if (writes === undefined) return this.notWritable();
    // Serialised now: the caller may reuse or change objects the event points to.
    let json: string;
    try {
      json = JSON.stringify(event);
    } catch (error) {
      return notSerializable(`run ${event.runId}'s event seq ${event.seq}`, error);
    }
    writes.eventJson.push(json);
    writes.events.push(event);
    return writes.settled;
  }

  saveSnapshot(runId: string, state: Readonly<RunState>): Promise<void> {
    const writes = this.writesOf(runId);
    if (writes === undefined) return this.notWritable();
    const seq = state.lastSeq;
    // Only the latest snapshot of a run is kept, so an older one in the same batch is dropped here.
    if (writes.snapshot !== undefined && writes.snapshot.seq > seq) return writes.settled;
    try {
      writes.snapshot = { seq, json: JSON.stringify(state) };
    } catch (error) {
      return notSerializable(`run ${runId}'s state at seq ${seq}`, error);
    }
    return writes.settled;
  }

  flush(): Promise<void> {
    return this.drain();
  }

  async stats(): Promise<StoreStats> {
    return { ...(await this.guarded('reading the store size', () => this.sizes())), flushes: this.committed };
  }

  /**
   * Runs a read or a lease operation on the open store; a driver's error becomes STORE_UNAVAILABLE
   * naming `what` (a RunStoreError passes through).
   */
  protected async guarded<T>(what: string, work: () => T | Promise<T>): Promise<T> {
    this.checkReadable();
    try {
      return await work();
    } catch (error) {
      throw unavailable(what, error);
    }
  }

  /** Throws unless the store is open (reads after close() or before init()). */
  protected checkReadable(): void {
    if (this.lifecycle !== 'open') throw this.notOpen();
  }

  private notOpen(): RunStoreError {
    return this.lifecycle === 'new'
      ? new RunStoreError('STORE_NOT_INITIALIZED', `the ${this.kind} run store is not initialised (call init() first)`)
      : new RunStoreError('STORE_CLOSED', `the ${this.kind} run store is closed`);
  }

  /** The pending writes of a run (created with the batch's first write), or undefined when the store takes no writes. */
  private writesOf(runId: string): RunWrites | undefined {
    if (this.lifecycle !== 'open') return undefined;
    let writes = this.pending.get(runId);
    if (writes === undefined) {
      writes = new RunWrites(runId);
      this.pending.set(runId, writes);
      this.scheduleFlush();
    }
    return writes;
  }

  private notWritable(): Promise<never> {
    return Promise.reject(this.notOpen());
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.drain();
    });
  }

  /** The running commit loop, or a new one; it ends when nothing is pending. */
  private drain(): Promise<void> {
    this.draining ??= this.drainPending().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drainPending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending = new Map();
      let failure: RunStoreError | undefined;
      try {
        await this.commit(batch);
        this.committed++;
      } catch (error) {
        failure = unavailable(`committing a batch of ${batch.length} run(s) to the ${this.kind} run store`, error);
      }
      for (const writes of batch) writes.settle(failure);
    }
  }
}

/** JSON text of a value; `undefined` is stored as `null`. */
function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function notSerializable(what: string, error: unknown): Promise<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return Promise.reject(new RunStoreError('NOT_SERIALIZABLE', `${what} cannot be stored as JSON: ${reason}`, { cause: error }));
}
