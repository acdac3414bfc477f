import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { BatchedRunStore, type RunStoreOptions } from '../batching/batched-run-store';
import { refusalOf, type RunWrites } from '../batching/run-writes';
import { summaryDelta } from '../batching/summary-delta';
import { type EventRow, foldForward, readableEvents, type SnapshotRow, startingPoint } from '../replay/stored-log';
import type { LoadedRun, RetentionPolicy, RunPageQuery, StoredRun, StoredRunPage, StoredRunStatus } from '../run-store';
import { defineLazyJson } from '../records/lazy-json';
import { isoOf } from '../records/record-row';
import { finishedToDelete } from './memory-retention';

/** A run's record as the memory store keeps it (plan and settings as JSON, as the databases keep them). */
interface MemoryRecord {
  ordinal: number;
  runId: string;
  tenant: string | undefined;
  createdAt: string;
  planJson: string;
  settingsJson: string;
  strategy: StoredRun['strategy'];
  strategyReason: string;
  status: StoredRunStatus;
  /** -1 before the first event. */
  lastSeq: number;
  taskCount: number;
  successful: number;
  failed: number;
  skipped: number;
  updatedAtMs: number;
  finishedAtMs: number | undefined;
  owner: string | undefined;
  leaseExpiresMs: number | undefined;
}

/** A run's log: seqs ascending and their JSON rows, side by side. */
export interface MemoryLog {
  seqs: number[];
  rows: string[];
}

/**
 * Runs in this process only, lost on exit: for tests and single-process hosts that need no
 * durability. Same semantics as the database stores (batches, seq checks, leases, JSON copies).
 */
export class MemoryRunStore extends BatchedRunStore {
  readonly kind = 'memory' as const;
  private readonly records = new Map<string, MemoryRecord>();
  /** Records by ordinal, ascending (purge removes from it). */
  private byOrdinal: MemoryRecord[] = [];
  protected readonly logs = new Map<string, MemoryLog>();
  protected readonly snapshots = new Map<string, SnapshotRow>();
  private nextOrdinal = 1;

  constructor(options: RunStoreOptions = {}) {
    super(options);
  }

  protected async open(): Promise<void> {
    // Nothing to open.
  }

  protected async shut(): Promise<void> {
    // Nothing to close: the runs stay readable to nobody once the store is closed.
  }

  protected commit(batch: readonly RunWrites[]): void {
    const now = this.clock();
    for (const writes of batch) {
      const existing = this.records.get(writes.runId);
      writes.refused = refusalOf(writes, existing && { lastSeq: existing.lastSeq, finished: existing.finishedAtMs !== undefined });
      if (writes.refused !== undefined) continue;
      const record = existing ?? this.insert(writes, now);
      if (writes.events.length > 0) {
        let log = this.logs.get(record.runId);
        if (log === undefined) this.logs.set(record.runId, (log = { seqs: [], rows: [] }));
        for (let i = 0; i < writes.events.length; i++) {
          log.seqs.push(writes.events[i].seq);
          log.rows.push(writes.eventJson[i]);
        }
        const delta = summaryDelta(writes.events);
        record.status = delta.status ?? record.status;
        record.lastSeq = delta.lastSeq;
        record.taskCount += delta.addedTasks;
        record.successful += delta.successful;
        record.failed += delta.failed;
        record.skipped += delta.skipped;
        record.updatedAtMs = now;
        if (delta.finished) record.finishedAtMs = now;
      }
      const snapshot = writes.snapshot;
      const previous = this.snapshots.get(record.runId);
      if (snapshot !== undefined && (previous === undefined || previous.seq <= snapshot.seq)) this.snapshots.set(record.runId, snapshot);
    }
  }

  private insert(writes: RunWrites, now: number): MemoryRecord {
    const { run, planJson, settingsJson } = writes.created!;
    const record: MemoryRecord = {
      ordinal: this.nextOrdinal++,
      runId: run.runId,
      tenant: run.tenant,
      createdAt: run.createdAt,
      planJson,
      settingsJson,
      strategy: run.strategy,
      strategyReason: run.strategyReason,
      status: 'running',
      lastSeq: -1,
      taskCount: 0,
      successful: 0,
      failed: 0,
      skipped: 0,
      updatedAtMs: now,
      finishedAtMs: undefined,
      owner: undefined,
      leaseExpiresMs: undefined,
    };
    this.records.set(run.runId, record);
    this.byOrdinal.push(record);
    return record;
  }

  events(runId: string, afterSeq = -1, limit?: number): Promise<WorkflowEvent[]> {
    return this.guarded(`reading events of run ${runId}`, () => {
      const events = readableEvents(runId, this.rowsAfter(runId, afterSeq, limit), afterSeq);
      return events;
    });
  }

  getRun(runId: string): Promise<StoredRun | undefined> {
    return this.guarded(`reading run ${runId}`, () => {
      const record = this.records.get(runId);
      return record && storedRun(record);
    });
  }

  loadRun(runId: string): Promise<LoadedRun | undefined> {
    return this.guarded(`loading run ${runId}`, () => {
      const record = this.records.get(runId);
      if (record === undefined) return undefined;
      const start = startingPoint(runId, this.snapshots.get(runId), record.lastSeq);
      return foldForward(storedRun(record), start, this.rowsAfter(runId, start.afterSeq), record.lastSeq);
    });
  }

  listRuns(query: RunPageQuery): Promise<StoredRunPage> {
    return this.guarded('listing runs', () => {
      const items: StoredRun[] = [];
      let hasMore = false;
      for (let i = this.byOrdinal.length - 1; i >= 0; i--) {
        const record = this.byOrdinal[i];
        if (query.beforeOrdinal !== undefined && record.ordinal >= query.beforeOrdinal) continue;
        if (query.tenant !== undefined && record.tenant !== query.tenant) continue;
        if (query.statuses !== undefined && query.statuses.length > 0 && !query.statuses.includes(record.status)) continue;
        if (items.length === query.limit) {
          hasMore = true;
          break;
        }
        items.push(storedRun(record));
      }
      return { items, hasMore };
    });
  }

  unfinishedRuns(): Promise<StoredRun[]> {
    return this.guarded('listing unfinished runs', () => {
      return this.byOrdinal.filter((record) => record.finishedAtMs === undefined).map(storedRun);
    });
  }

  acquireLease(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.guarded(`taking the lease on run ${runId}`, () => {
      const record = this.records.get(runId);
      const now = this.clock();
      if (record === undefined || !leaseFree(record, owner, now)) return false;
      record.owner = owner;
      record.leaseExpiresMs = now + ttlMs;
      return true;
    });
  }

  renewLeases(owner: string, ttlMs: number): Promise<string[]> {
    return this.guarded(`renewing the leases of ${owner}`, () => {
      const expires = this.clock() + ttlMs;
      const renewed: string[] = [];
      for (const record of this.byOrdinal) {
        if (record.owner !== owner || record.finishedAtMs !== undefined) continue;
        record.leaseExpiresMs = expires;
        renewed.push(record.runId);
      }
      return renewed;
    });
  }

  claimExpiredRuns(owner: string, ttlMs: number, limit: number): Promise<StoredRun[]> {
    return this.guarded(`claiming expired runs for ${owner}`, () => {
      const now = this.clock();
      const claimed: StoredRun[] = [];
      for (const record of this.byOrdinal) {
        if (claimed.length >= limit) break;
        if (record.finishedAtMs !== undefined || !leaseFree(record, undefined, now)) continue;
        record.owner = owner;
        record.leaseExpiresMs = now + ttlMs;
        claimed.push(storedRun(record));
      }
      return claimed;
    });
  }

  releaseLease(runId: string, owner: string): Promise<void> {
    return this.guarded(`releasing the lease on run ${runId}`, () => {
      const record = this.records.get(runId);
      if (record === undefined || record.owner !== owner) return;
      record.owner = undefined;
      record.leaseExpiresMs = undefined;
    });
  }

  purge(policy: RetentionPolicy, now: Date = new Date(this.clock())): Promise<number> {
    return this.guarded('purging finished runs', () => {
      const finished = this.byOrdinal.filter((record) => record.finishedAtMs !== undefined) as (MemoryRecord & { finishedAtMs: number })[];
      const doomed = new Set(finishedToDelete(finished, policy, now.getTime()));
      if (doomed.size === 0) return 0;
      for (const record of doomed) {
        this.records.delete(record.runId);
        this.logs.delete(record.runId);
        this.snapshots.delete(record.runId);
      }
      this.byOrdinal = this.byOrdinal.filter((record) => !doomed.has(record as MemoryRecord & { finishedAtMs: number }));
      return doomed.size;
    });
  }

  protected async sizes(): Promise<{ runs: number; events: number; bytes: number }> {
    let events = 0;
    let bytes = 0;
    for (const log of this.logs.values()) {
      events += log.rows.length;
      for (const row of log.rows) bytes += row.length;
    }
    for (const record of this.records.values()) bytes += record.planJson.length + record.settingsJson.length;
    for (const snapshot of this.snapshots.values()) bytes += snapshot.json.length;
    return { runs: this.records.size, events, bytes };
  }

  /** The log's rows with seq > afterSeq, ascending, at most `limit`. */
  private rowsAfter(runId: string, afterSeq: number, limit = Number.POSITIVE_INFINITY): EventRow[] {
    const log = this.logs.get(runId);
    if (log === undefined) return [];
    const rows: EventRow[] = [];
    for (let i = firstAbove(log.seqs, afterSeq); i < log.seqs.length && rows.length < limit; i++) rows.push({ seq: log.seqs[i], json: log.rows[i] });
    return rows;
  }
}

/** Index of the first seq > `afterSeq` (binary search: a replay page costs log n, not n). */
function firstAbove(seqs: readonly number[], afterSeq: number): number {
  let low = 0;
  let high = seqs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (seqs[middle] <= afterSeq) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Free for `owner`: no lease, an expired one, or `owner`'s own (undefined: nobody's own). */
function leaseFree(record: MemoryRecord, owner: string | undefined, now: number): boolean {
  return record.owner === undefined || record.owner === owner || record.leaseExpiresMs === undefined || record.leaseExpiresMs <= now;
}

function storedRun(record: MemoryRecord): StoredRun {
  const run: StoredRun = {
    runId: record.runId,
    createdAt: record.createdAt,
    plan: undefined,
    strategy: record.strategy,
    strategyReason: record.strategyReason,
    settings: undefined,
    ordinal: record.ordinal,
    status: record.status,
    lastSeq: Math.max(0, record.lastSeq),
    taskCount: record.taskCount,
    successful: record.successful,
    failed: record.failed,
    skipped: record.skipped,
    updatedAt: isoOf(record.updatedAtMs),
  };
  defineLazyJson(run, 'plan', record.planJson);
  defineLazyJson(run, 'settings', record.settingsJson);
  if (record.tenant !== undefined) run.tenant = record.tenant;
  if (record.finishedAtMs !== undefined) run.finishedAt = isoOf(record.finishedAtMs);
  if (record.owner !== undefined) run.owner = record.owner;
  if (record.leaseExpiresMs !== undefined) run.leaseExpiresAt = isoOf(record.leaseExpiresMs);
  return run;
}
