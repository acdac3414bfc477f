import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type BetterSqlite3 from 'better-sqlite3';
import { BatchedRunStore, type RunStoreOptions } from '../batching/batched-run-store';
import { refusalOf, type RunWrites } from '../batching/run-writes';
import { summaryDelta } from '../batching/summary-delta';
import { RECORD_COLUMNS, type RecordRow, storedRunOfRow } from '../records/record-row';
import { type EventRow, foldForward, readableEvents, type SnapshotRow, startingPoint } from '../replay/stored-log';
import type { LoadedRun, RetentionPolicy, RunPageQuery, StoredRun, StoredRunPage } from '../run-store';
import { keepAlive } from './keep-alive';
import { SQLITE_MIGRATIONS } from './sqlite-schema';

export interface SqliteRunStoreOptions extends RunStoreOptions {
  /** The folder of the database file (created if missing). */
  dataDir: string;
}

/** The database file's name inside DATA_DIR. */
export const SQLITE_FILE_NAME = 'a2a-mcp.sqlite';

type Db = BetterSqlite3.Database;
type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

interface HeadRow {
  ordinal: number;
  last_seq: number;
  finished_at_ms: number | null;
}

/** The statements a batch runs, prepared once. */
interface WriteStatements {
  head: Statement<[string], HeadRow>;
  insertRun: Statement<[string, string | null, string, string, string, string, string, number]>;
  insertEvent: Statement<[number, number, string]>;
  summary: Statement<[string | null, number, number, number, number, number, number, number | null, number]>;
  snapshot: Statement<[number, number, string]>;
}

/**
 * Runs in one SQLite file (`${dataDir}/a2a-mcp.sqlite`), WAL journal with synchronous=NORMAL: a
 * committed batch survives the process being killed (an OS crash or power loss may drop the last
 * batches). better-sqlite3 is loaded by init(), so a host on another store never loads it.
 */
export class SqliteRunStore extends BatchedRunStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private database: Db | undefined;
  private writes: WriteStatements | undefined;
  private commitBatch: ((batch: readonly RunWrites[], now: number) => void) | undefined;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(options: SqliteRunStoreOptions) {
    super(options);
    this.file = join(resolve(options.dataDir), SQLITE_FILE_NAME);
  }

  protected async open(): Promise<void> {
    mkdirSync(resolve(this.file, '..'), { recursive: true });
    // Loaded here, not at the top: a host on the memory or PostgreSQL store never loads the native module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = keepAlive(new Database(this.file, { timeout: 5000 }));
    try {
      // exec, not db.pragma: pragma makes a statement per call that would be collected (see keep-alive.ts).
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.database = db;
    this.writes = {
      head: db.prepare<[string], HeadRow>('SELECT ordinal, last_seq, finished_at_ms FROM runs WHERE run_id = ?'),
      insertRun: db.prepare(
        `INSERT INTO runs (run_id, tenant, created_at, plan, strategy, strategy_reason, settings, status, updated_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
      ),
      insertEvent: db.prepare('INSERT INTO events (run, seq, event) VALUES (?, ?, ?)'),
      summary: db.prepare(
        `UPDATE runs SET status = COALESCE(?, status), last_seq = ?, task_count = task_count + ?, successful = successful + ?,
           failed = failed + ?, skipped = skipped + ?, updated_at_ms = ?, finished_at_ms = COALESCE(finished_at_ms, ?)
         WHERE ordinal = ?`,
      ),
      snapshot: db.prepare(
        `INSERT INTO snapshots (run, seq, state) VALUES (?, ?, ?)
         ON CONFLICT (run) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq >= snapshots.seq`,
      ),
    };
    // IMMEDIATE: takes the write lock at BEGIN, so two processes on one file queue instead of failing to upgrade.
    const transaction = db.transaction((batch: readonly RunWrites[], now: number) => this.write(batch, now));
    this.commitBatch = (batch, now) => transaction.immediate(batch, now);
  }

  protected async shut(): Promise<void> {
    this.database?.close();
    this.database = undefined;
    this.writes = undefined;
    this.statements.clear();
  }

  protected commit(batch: readonly RunWrites[]): void {
    this.commitBatch!(batch, this.clock());
  }

  /** Inside the batch's transaction: each run's writes checked against its record, then written. */
  private write(batch: readonly RunWrites[], now: number): void {
    const statements = this.writes!;
    for (const writes of batch) {
      const head = statements.head.get(writes.runId);
      writes.refused = refusalOf(writes, head && { lastSeq: head.last_seq, finished: head.finished_at_ms !== null });
      if (writes.refused !== undefined) continue;
      let ordinal: number;
      if (head === undefined) {
        const { run, planJson, settingsJson } = writes.created!;
        const inserted = statements.insertRun.run(run.runId, run.tenant ?? null, run.createdAt, planJson, run.strategy, run.strategyReason, settingsJson, now);
        ordinal = Number(inserted.lastInsertRowid);
      } else {
        ordinal = head.ordinal;
      }
      const events = writes.events;
      if (events.length > 0) {
        const json = writes.eventJson;
        for (let i = 0; i < events.length; i++) statements.insertEvent.run(ordinal, events[i].seq, json[i]);
        const delta = summaryDelta(events);
        statements.summary.run(
          delta.status ?? null,
          delta.lastSeq,
          delta.addedTasks,
          delta.successful,
          delta.failed,
          delta.skipped,
          now,
          delta.finished ? now : null,
          ordinal,
        );
      }
      if (writes.snapshot !== undefined) statements.snapshot.run(ordinal, writes.snapshot.seq, writes.snapshot.json);
    }
  }

  events(runId: string, afterSeq = -1, limit?: number): Promise<WorkflowEvent[]> {
    return this.guarded(`reading events of run ${runId}`, () => {
      const rows = this.statement<[string, number, number], EventRow>(
        'SELECT seq, event AS json FROM events WHERE run = (SELECT ordinal FROM runs WHERE run_id = ?) AND seq > ? ORDER BY seq LIMIT ?',
      ).all(runId, afterSeq, limit ?? -1);
      return readableEvents(runId, rows, afterSeq);
    });
  }

  getRun(runId: string): Promise<StoredRun | undefined> {
    return this.guarded(`reading run ${runId}`, () => {
      const row = this.recordOf(runId);
      return row && storedRunOfRow(row);
    });
  }

  loadRun(runId: string): Promise<LoadedRun | undefined> {
    return this.guarded(`loading run ${runId}`, () => {
      // One read transaction: the record, its snapshot and its log as of one moment.
      return this.database!.transaction(() => {
        const row = this.recordOf(runId);
        if (row === undefined) return undefined;
        const ordinal = Number(row.ordinal);
        const snapshot = this.statement<[number], SnapshotRow>('SELECT seq, state AS json FROM snapshots WHERE run = ?').get(ordinal);
        const start = startingPoint(runId, snapshot, row.last_seq);
        const rows = this.statement<[number, number], EventRow>('SELECT seq, event AS json FROM events WHERE run = ? AND seq > ? ORDER BY seq').all(
          ordinal,
          start.afterSeq,
        );
        return foldForward(storedRunOfRow(row), start, rows, row.last_seq);
      })();
    });
  }

  listRuns(query: RunPageQuery): Promise<StoredRunPage> {
    return this.guarded('listing runs', () => {
      const conditions: string[] = [];
      const parameters: (string | number)[] = [];
      if (query.beforeOrdinal !== undefined) {
        conditions.push('ordinal < ?');
        parameters.push(query.beforeOrdinal);
      }
      if (query.tenant !== undefined) {
        conditions.push('tenant = ?');
        parameters.push(query.tenant);
      }
      if (query.statuses !== undefined && query.statuses.length > 0) {
        conditions.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
        parameters.push(...query.statuses);
      }
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const rows = this.statement<unknown[], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM runs ${where} ORDER BY ordinal DESC LIMIT ?`).all(
        ...parameters,
        query.limit + 1,
      );
      const hasMore = rows.length > query.limit;
      return { items: rows.slice(0, query.limit).map(storedRunOfRow), hasMore };
    });
  }

  unfinishedRuns(): Promise<StoredRun[]> {
    return this.guarded('listing unfinished runs', () => {
      return this.statement<[], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM runs WHERE finished_at_ms IS NULL ORDER BY ordinal`).all().map(storedRunOfRow);
    });
  }

  acquireLease(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.guarded(`taking the lease on run ${runId}`, () => {
      const now = this.clock();
      const result = this.statement<[string, number, string, string, number]>(
        `UPDATE runs SET owner = ?, lease_expires_ms = ?
         WHERE run_id = ? AND (owner IS NULL OR owner = ? OR lease_expires_ms IS NULL OR lease_expires_ms <= ?)`,
      ).run(owner, now + ttlMs, runId, owner, now);
      return result.changes === 1;
    });
  }

  renewLeases(owner: string, ttlMs: number): Promise<string[]> {
    return this.guarded(`renewing the leases of ${owner}`, () => {
      return this.statement<[number, string], { run_id: string }>(
        'UPDATE runs SET lease_expires_ms = ? WHERE owner = ? AND finished_at_ms IS NULL RETURNING run_id',
      )
        .all(this.clock() + ttlMs, owner)
        .map((row) => row.run_id);
    });
  }

  claimExpiredRuns(owner: string, ttlMs: number, limit: number): Promise<StoredRun[]> {
    return this.guarded(`claiming expired runs for ${owner}`, () => {
      const now = this.clock();
      // One statement: SQLite runs it under the database's write lock, so two processes never claim one run.
      const rows = this.statement<[string, number, number, number], RecordRow>(
        `UPDATE runs SET owner = ?, lease_expires_ms = ?
         WHERE ordinal IN (
           SELECT ordinal FROM runs
           WHERE finished_at_ms IS NULL AND (owner IS NULL OR lease_expires_ms IS NULL OR lease_expires_ms <= ?)
           ORDER BY ordinal LIMIT ?
         )
         RETURNING ${RECORD_COLUMNS}`,
      ).all(owner, now + ttlMs, now, limit);
      return rows.map(storedRunOfRow).sort((a, b) => a.ordinal - b.ordinal);
    });
  }

  releaseLease(runId: string, owner: string): Promise<void> {
    return this.guarded(`releasing the lease on run ${runId}`, () => {
      this.statement<[string, string]>('UPDATE runs SET owner = NULL, lease_expires_ms = NULL WHERE run_id = ? AND owner = ?').run(runId, owner);
    });
  }

  purge(policy: RetentionPolicy, now: Date = new Date(this.clock())): Promise<number> {
    return this.guarded('purging finished runs', () => {
      const cutoff = policy.maxAgeMs === undefined ? null : now.getTime() - policy.maxAgeMs;
      const keep = policy.maxCount ?? -1; // LIMIT -1: no limit
      const doomed = this.statement<[number | null, number | null, number], { ordinal: number }>(
        `SELECT ordinal FROM runs
         WHERE finished_at_ms IS NOT NULL AND (
           (? IS NOT NULL AND finished_at_ms < ?)
           OR ordinal NOT IN (SELECT ordinal FROM runs WHERE finished_at_ms IS NOT NULL ORDER BY finished_at_ms DESC, ordinal DESC LIMIT ?)
         )`,
      );
      const deleteEvents = this.statement<[number]>('DELETE FROM events WHERE run = ?');
      const deleteSnapshot = this.statement<[number]>('DELETE FROM snapshots WHERE run = ?');
      const deleteRun = this.statement<[number]>('DELETE FROM runs WHERE ordinal = ?');
      return this.database!.transaction(() => {
        const ordinals = doomed.all(cutoff, cutoff, keep);
        for (const { ordinal } of ordinals) {
          deleteEvents.run(ordinal);
          deleteSnapshot.run(ordinal);
          deleteRun.run(ordinal);
        }
        return ordinals.length;
      }).immediate();
    });
  }

  protected async sizes(): Promise<{ runs: number; events: number; bytes: number }> {
    const count = (sql: string): number => (this.statement<[], { n: number }>(sql).get() as { n: number }).n;
    // Through the statement cache, not db.pragma (a new statement per call; see keep-alive.ts).
    const pages = (this.statement<[], { page_count: number }>('PRAGMA page_count').get() as { page_count: number }).page_count;
    const pageSize = (this.statement<[], { page_size: number }>('PRAGMA page_size').get() as { page_size: number }).page_size;
    return { runs: count('SELECT count(*) AS n FROM runs'), events: count('SELECT count(*) AS n FROM events'), bytes: pages * pageSize };
  }

  private recordOf(runId: string): RecordRow | undefined {
    return this.statement<[string], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM runs WHERE run_id = ?`).get(runId);
  }

  /** A prepared statement, prepared on first use and kept until close. */
  private statement<P extends unknown[], R = unknown>(sql: string): Statement<P, R> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database!.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }
}

/** Applies the migrations `schema_migrations` does not list, in one write transaction (another process waits). */
function migrate(db: Db): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((row) => row.version));
    const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of SQLITE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  }).immediate();
}
