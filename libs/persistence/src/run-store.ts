import type { RunState, RunStatus, StrategyName, WorkflowEvent } from '@a2a-mcp/core-graph';

export type RunStoreKind = 'memory' | 'sqlite' | 'postgres';

/** What a host records when it starts a run: enough for any replica to resume it. */
export interface NewRun {
  runId: string;
  tenant?: string;
  /** ISO 8601, kept verbatim. */
  createdAt: string;
  plan: unknown;
  strategy: StrategyName;
  strategyReason: string;
  /** The host's run settings, opaque to the store (JSON). */
  settings: unknown;
}

/** A run's status as the store keeps it: the engine's, plus `paused` while a task waits for input. */
export type StoredRunStatus = RunStatus | 'paused';

/** A run's record, with the summary the store keeps from the events it appended. */
export interface StoredRun extends NewRun {
  /** Assigned by the store, strictly increasing per store: the order of `listRuns`. */
  ordinal: number;
  status: StoredRunStatus;
  /** The last stored event's seq (0 before any). */
  lastSeq: number;
  taskCount: number;
  successful: number;
  failed: number;
  skipped: number;
  /** ISO 8601: the last write of events to the record. */
  updatedAt: string;
  /** ISO 8601: when `workflow_complete` was stored. */
  finishedAt?: string;
  /** The replica holding the run's lease. */
  owner?: string;
  leaseExpiresAt?: string;
}

export interface RunPageQuery {
  limit: number;
  /** Exclusive: only runs with a smaller ordinal (the previous page's last). */
  beforeOrdinal?: number;
  tenant?: string;
  /** Only runs in one of these statuses (absent or empty: every status). */
  statuses?: readonly StoredRunStatus[];
}

export interface StoredRunPage {
  items: StoredRun[];
  hasMore: boolean;
}

export interface LoadedRun {
  run: StoredRun;
  /** The latest usable snapshot folded forward with every later event. */
  state: RunState;
  events?: never;
  /**
   * Set when the log after the snapshot had a gap, an unreadable row or ended before the record's
   * `lastSeq`: the state stops at this seq, the last good one.
   */
  truncatedAt?: number;
}

export interface RetentionPolicy {
  /** Finished runs that ended longer ago than this are deleted. */
  maxAgeMs?: number;
  /** Only the newest this many finished runs are kept. */
  maxCount?: number;
}

export interface StoreStats {
  runs: number;
  events: number;
  /** Storage used: the database file, the tables' size, or the memory store's JSON text. */
  bytes: number;
  /** Batches this store instance has committed (one transaction each). */
  flushes: number;
}

/**
 * Durable runs: a record, an append-only event log with gapless `seq` (0 an optional `planning`
 * event, then 1..n from the engine) and the latest snapshot of the folded state. Writes are
 * batched: everything appended in one tick is committed in one transaction.
 */
export interface RunStore {
  readonly kind: RunStoreKind;
  /** Opens the store and applies pending migrations; idempotent. */
  init(): Promise<void>;
  /** Commits what is buffered, then closes; later writes reject with STORE_CLOSED. */
  close(): Promise<void>;
  /** Durable when it resolves; RUN_EXISTS if the id is taken. */
  createRun(run: NewRun): Promise<void>;
  /**
   * Buffered: resolves when the batch holding the event has committed. The appends of one run in one
   * batch share one promise and succeed or fail together (SEQ_CONFLICT, RUN_NOT_FOUND, RUN_FINISHED).
   */
  append(event: WorkflowEvent): Promise<void>;
  /** Serialised now (at `state.lastSeq`), written in the run's batch after the events appended before it. */
  saveSnapshot(runId: string, state: Readonly<RunState>): Promise<void>;
  /** Resolves once everything buffered before the call is committed (or failed; writers see why). */
  flush(): Promise<void>;
  /** Stored events with `seq > afterSeq` (default -1), ascending; stops before a gap or an unreadable row. */
  events(runId: string, afterSeq?: number, limit?: number): Promise<WorkflowEvent[]>;
  getRun(runId: string): Promise<StoredRun | undefined>;
  loadRun(runId: string): Promise<LoadedRun | undefined>;
  /** Newest first (ordinal descending). */
  listRuns(query: RunPageQuery): Promise<StoredRunPage>;
  /** Runs running or paused, oldest first. */
  unfinishedRuns(): Promise<StoredRun[]>;
  /** Takes the run's lease if it is free, expired or already `owner`'s; false otherwise (or no such run). */
  acquireLease(runId: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends every lease `owner` holds on unfinished runs; returns their ids. */
  renewLeases(owner: string, ttlMs: number): Promise<string[]>;
  /** Unfinished runs whose lease is absent or expired, now leased to `owner` (oldest first, at most `limit`). */
  claimExpiredRuns(owner: string, ttlMs: number, limit: number): Promise<StoredRun[]>;
  /** Frees the lease if `owner` holds it. */
  releaseLease(runId: string, owner: string): Promise<void>;
  /** Deletes finished runs (record, events, snapshot) past the policy; returns how many. Unfinished runs stay. */
  purge(policy: RetentionPolicy, now?: Date): Promise<number>;
  stats(): Promise<StoreStats>;
}
