import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { Pool, PoolClient } from 'pg';
import { BatchedRunStore, type RunStoreOptions } from '../batching/batched-run-store';
import { refusalOf, type RunWrites } from '../batching/run-writes';
import { summaryDelta } from '../batching/summary-delta';
import { RECORD_COLUMNS, type RecordRow, storedRunOfRow } from '../records/record-row';
import { type EventRow, foldForward, readableEvents, startingPoint } from '../replay/stored-log';
import { RunStoreError } from '../run-store-error';
import type { LoadedRun, RetentionPolicy, RunPageQuery, StoredRun, StoredRunPage } from '../run-store';
import { DEFAULT_SCHEMA, RunStoreConfigError, SCHEMA_NAME, SCHEMA_NAME_ALLOWED } from '../settings/run-store-settings';
import { postgresMigrations, type PostgresTables, tablesIn } from './postgres-schema';

export interface PostgresRunStoreOptions extends RunStoreOptions {
  databaseUrl: string;
  /** The schema of the store's tables, created if missing (default `public`). */
  schema?: string;
  /** Most pooled connections (default 10). */
  poolSize?: number;
}

interface HeadRow {
  run_id: string;
  ordinal: string;
  last_seq: number;
  finished_at_ms: string | null;
}

/**
 * Runs in PostgreSQL, shared by every replica of the host. A batch is one transaction of a few
 * statements whatever its size: the runs' records locked (`FOR UPDATE`, so two replicas appending
 * to one run are serialised and the second sees a SEQ_CONFLICT), then every event, summary and
 * snapshot in one statement of multi-row inserts from arrays (`unnest`). `pg` is loaded by init().
 */
export class PostgresRunStore extends BatchedRunStore {
  readonly kind = 'postgres' as const;
  private readonly tables: PostgresTables;
  private readonly sql: ReturnType<typeof statementsFor>;
  private pool: Pool | undefined;

  constructor(private readonly options: PostgresRunStoreOptions) {
    super(options);
    const schema = options.schema ?? DEFAULT_SCHEMA;
    // The name goes into SQL text: only a plain identifier is accepted.
    if (!SCHEMA_NAME.test(schema)) throw new RunStoreConfigError('DATABASE_SCHEMA', schema, SCHEMA_NAME_ALLOWED);
    this.tables = tablesIn(schema);
    this.sql = statementsFor(this.tables);
  }

  protected async open(): Promise<void> {
    // Loaded here, not at the top: a host on another store never loads the driver.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pg = require('pg') as typeof import('pg');
    const pool = new pg.Pool({ connectionString: this.options.databaseUrl, max: this.options.poolSize ?? 10 });
    // An idle connection that breaks (a server restart) must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    try {
      await this.migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    this.pool = pool;
  }

  protected async shut(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  /**
   * Applies missing migrations in one transaction under an advisory lock on the schema, so replicas
   * booting together migrate once: the others wait, then find every version applied.
   */
  private async migrate(pool: Pool): Promise<void> {
    const t = this.tables;
    await this.inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`a2a-mcp run store migrations ${t.schema}`]);
      const schema = this.options.schema ?? DEFAULT_SCHEMA;
      // CREATE SCHEMA IF NOT EXISTS would still need the CREATE privilege on the database.
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${t.schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied = new Set((await client.query<{ version: number }>(`SELECT version FROM ${t.migrations}`)).rows.map((row) => row.version));
      for (const migration of postgresMigrations(t)) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      }
    });
  }

  protected async commit(batch: readonly RunWrites[]): Promise<void> {
    const now = this.clock();
    await this.inTransaction(this.pool!, async (client) => {
      const ordinals = new Map<string, number>();
      await this.insertRecords(client, batch, now, ordinals);
      await this.checkAgainstRecords(client, batch, ordinals);
      await this.writeLogs(client, batch, now, ordinals);
    });
  }

  /** New records (of runs whose writes fit a new record), one statement; an id already taken is RUN_EXISTS. */
  private async insertRecords(client: PoolClient, batch: readonly RunWrites[], now: number, ordinals: Map<string, number>): Promise<void> {
    const creating: RunWrites[] = [];
    for (const writes of batch) {
      if (writes.created === undefined) continue;
      writes.refused = refusalOf(writes, undefined);
      if (writes.refused === undefined) creating.push(writes);
    }
    if (creating.length === 0) return;
    const column = (pick: (writes: RunWrites) => string | null): (string | null)[] => creating.map(pick);
    const inserted = await client.query<{ run_id: string; ordinal: string }>(this.sql.insertRuns, [
      column((w) => w.runId),
      column((w) => w.created!.run.tenant ?? null),
      column((w) => w.created!.run.createdAt),
      jsonArray(creating.map((w) => w.created!.planJson)),
      column((w) => w.created!.run.strategy),
      column((w) => w.created!.run.strategyReason),
      jsonArray(creating.map((w) => w.created!.settingsJson)),
      now,
    ]);
    for (const row of inserted.rows) ordinals.set(row.run_id, Number(row.ordinal));
    for (const writes of creating) {
      if (!ordinals.has(writes.runId)) writes.refused = new RunStoreError('RUN_EXISTS', `run ${writes.runId} is already recorded`);
    }
  }

  /** Locks the records of runs written to (not created here) and checks each run's writes against its record. */
  private async checkAgainstRecords(client: PoolClient, batch: readonly RunWrites[], ordinals: Map<string, number>): Promise<void> {
    const existing = batch.filter((writes) => writes.created === undefined);
    if (existing.length === 0) return;
    // In ordinal order: two replicas locking overlapping runs take the locks in one order, so they cannot deadlock.
    const heads = await client.query<HeadRow>(this.sql.lockHeads, [existing.map((writes) => writes.runId)]);
    const byId = new Map(heads.rows.map((row) => [row.run_id, row]));
    for (const writes of existing) {
      const head = byId.get(writes.runId);
      writes.refused = refusalOf(writes, head && { lastSeq: head.last_seq, finished: head.finished_at_ms !== null });
      if (writes.refused === undefined && head !== undefined) ordinals.set(writes.runId, Number(head.ordinal));
    }
  }

  /** Every accepted run's events, summary and snapshot: one statement, arrays as parameters. */
  private async writeLogs(client: PoolClient, batch: readonly RunWrites[], now: number, ordinals: Map<string, number>): Promise<void> {
    const events = { run: [] as number[], seq: [] as number[], json: [] as string[] };
    const summaries = { run: [] as number[], status: [] as (string | null)[], lastSeq: [] as number[], added: [] as number[], ok: [] as number[], ko: [] as number[], skipped: [] as number[], finished: [] as (number | null)[] };
    const snapshots = { run: [] as number[], seq: [] as number[], json: [] as string[] };
    for (const writes of batch) {
      if (writes.refused !== undefined) continue;
      const ordinal = ordinals.get(writes.runId)!;
      if (writes.events.length > 0) {
        for (let i = 0; i < writes.events.length; i++) {
          events.run.push(ordinal);
          events.seq.push(writes.events[i].seq);
          events.json.push(writes.eventJson[i]);
        }
        const delta = summaryDelta(writes.events);
        summaries.run.push(ordinal);
        summaries.status.push(delta.status ?? null);
        summaries.lastSeq.push(delta.lastSeq);
        summaries.added.push(delta.addedTasks);
        summaries.ok.push(delta.successful);
        summaries.ko.push(delta.failed);
        summaries.skipped.push(delta.skipped);
        summaries.finished.push(delta.finished ? now : null);
      }
      if (writes.snapshot !== undefined) {
        snapshots.run.push(ordinal);
        snapshots.seq.push(writes.snapshot.seq);
        snapshots.json.push(writes.snapshot.json);
      }
    }
    if (summaries.run.length === 0 && snapshots.run.length === 0) return;
    await client.query(this.sql.writeLogs, [
      events.run,
      events.seq,
      jsonArray(events.json),
      summaries.run,
      summaries.status,
      summaries.lastSeq,
      summaries.added,
      summaries.ok,
      summaries.ko,
      summaries.skipped,
      summaries.finished,
      now,
      snapshots.run,
      snapshots.seq,
      jsonArray(snapshots.json),
    ]);
  }

  events(runId: string, afterSeq = -1, limit?: number): Promise<WorkflowEvent[]> {
    return this.guarded(`reading events of run ${runId}`, async () => {
      const rows = await this.pool!.query<EventRow>(this.sql.events, [runId, Math.floor(afterSeq), limit ?? null]);
      return readableEvents(runId, rows.rows, afterSeq);
    });
  }

  getRun(runId: string): Promise<StoredRun | undefined> {
    return this.guarded(`reading run ${runId}`, async () => {
      const rows = await this.pool!.query<RecordRow>(this.sql.run, [runId]);
      return rows.rows.length === 0 ? undefined : storedRunOfRow(rows.rows[0]);
    });
  }

  loadRun(runId: string): Promise<LoadedRun | undefined> {
    return this.guarded(`loading run ${runId}`, async () => {
      // The record and its snapshot in one statement (one moment); events appended since only extend the fold.
      const found = await this.pool!.query<RecordRow & { snapshot_seq: number | null; snapshot_state: string | null }>(this.sql.runWithSnapshot, [runId]);
      if (found.rows.length === 0) return undefined;
      const row = found.rows[0];
      const snapshot = row.snapshot_seq === null || row.snapshot_state === null ? undefined : { seq: row.snapshot_seq, json: row.snapshot_state };
      const start = startingPoint(runId, snapshot, row.last_seq);
      const rows = await this.pool!.query<EventRow>(this.sql.eventsOfOrdinal, [row.ordinal, start.afterSeq]);
      return foldForward(storedRunOfRow(row), start, rows.rows, row.last_seq);
    });
  }

  listRuns(query: RunPageQuery): Promise<StoredRunPage> {
    return this.guarded('listing runs', async () => {
      const conditions: string[] = [];
      const parameters: (string | number)[] = [];
      if (query.beforeOrdinal !== undefined) {
        parameters.push(query.beforeOrdinal);
        conditions.push(`ordinal < $${parameters.length}`);
      }
      if (query.tenant !== undefined) {
        parameters.push(query.tenant);
        conditions.push(`tenant = $${parameters.length}`);
      }
      if (query.statuses !== undefined && query.statuses.length > 0) {
        parameters.push(`{${query.statuses.join(',')}}`);
        conditions.push(`status = ANY($${parameters.length}::text[])`);
      }
      parameters.push(query.limit + 1);
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const rows = (await this.pool!.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${this.tables.runs} ${where} ORDER BY ordinal DESC LIMIT $${parameters.length}`, parameters))
        .rows;
      return { items: rows.slice(0, query.limit).map(storedRunOfRow), hasMore: rows.length > query.limit };
    });
  }

  unfinishedRuns(): Promise<StoredRun[]> {
    return this.guarded('listing unfinished runs', async () => (await this.pool!.query<RecordRow>(this.sql.unfinished)).rows.map(storedRunOfRow));
  }

  acquireLease(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.guarded(`taking the lease on run ${runId}`, async () => {
      const now = this.clock();
      const result = await this.pool!.query(this.sql.acquireLease, [owner, now + ttlMs, runId, now]);
      return result.rowCount === 1;
    });
  }

  renewLeases(owner: string, ttlMs: number): Promise<string[]> {
    return this.guarded(`renewing the leases of ${owner}`, async () => {
      const result = await this.pool!.query<{ run_id: string }>(this.sql.renewLeases, [this.clock() + ttlMs, owner]);
      return result.rows.map((row) => row.run_id);
    });
  }

  claimExpiredRuns(owner: string, ttlMs: number, limit: number): Promise<StoredRun[]> {
    return this.guarded(`claiming expired runs for ${owner}`, async () => {
      const now = this.clock();
      const result = await this.pool!.query<RecordRow>(this.sql.claimExpired, [owner, now + ttlMs, now, limit]);
      return result.rows.map(storedRunOfRow).sort((a, b) => a.ordinal - b.ordinal);
    });
  }

  releaseLease(runId: string, owner: string): Promise<void> {
    return this.guarded(`releasing the lease on run ${runId}`, async () => {
      await this.pool!.query(this.sql.releaseLease, [runId, owner]);
    });
  }

  purge(policy: RetentionPolicy, now: Date = new Date(this.clock())): Promise<number> {
    return this.guarded('purging finished runs', async () => {
      const cutoff = policy.maxAgeMs === undefined ? null : now.getTime() - policy.maxAgeMs;
      const result = await this.pool!.query(this.sql.purge, [cutoff, policy.maxCount ?? null]);
      return result.rowCount ?? 0;
    });
  }

  protected async sizes(): Promise<{ runs: number; events: number; bytes: number }> {
    const row = (await this.pool!.query<{ runs: string; events: string; bytes: string }>(this.sql.sizes)).rows[0];
    return { runs: Number(row.runs), events: Number(row.events), bytes: Number(row.bytes) };
  }

  private async inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError; // the connection is unusable: drop it from the pool
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * JSON documents as one JSON array text, for `json_array_elements($n::json)`: no escaping in
 * JavaScript (a text[] parameter escapes every quote of every document, which costs more than the
 * insert), and the json type gives each element back as its exact text.
 */
function jsonArray(documents: readonly string[]): string {
  return `[${documents.join(',')}]`;
}

/** The record columns, each prefixed with a table alias. */
function recordColumnsOf(alias: string): string {
  return RECORD_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/**
 * The store's SQL, built once per schema. Statements that lock several records lock them in ordinal
 * order (or skip locked ones), so a batch, a lease renewal and a purge never deadlock each other.
 */
function statementsFor(t: PostgresTables) {
  return {
    insertRuns: `
      INSERT INTO ${t.runs} (run_id, tenant, created_at, plan, strategy, strategy_reason, settings, status, updated_at_ms)
      SELECT id, tenant, created_at, plan::text, strategy, reason, settings::text, 'running', $8
      FROM ROWS FROM (
        unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), json_array_elements($4::json),
        unnest($5::text[]), unnest($6::text[]), json_array_elements($7::json)
      ) AS u(id, tenant, created_at, plan, strategy, reason, settings)
      ON CONFLICT (run_id) DO NOTHING
      RETURNING run_id, ordinal`,
    lockHeads: `SELECT run_id, ordinal, last_seq, finished_at_ms FROM ${t.runs} WHERE run_id = ANY($1::text[]) ORDER BY ordinal FOR UPDATE`,
    writeLogs: `
      WITH appended AS (
        INSERT INTO ${t.events} (run, seq, event)
        SELECT run, seq, event::text FROM ROWS FROM (unnest($1::bigint[]), unnest($2::integer[]), json_array_elements($3::json)) AS e(run, seq, event)
      ), summarised AS (
        UPDATE ${t.runs} AS r SET
          status = COALESCE(u.status, r.status),
          last_seq = u.last_seq,
          task_count = r.task_count + u.added,
          successful = r.successful + u.ok,
          failed = r.failed + u.ko,
          skipped = r.skipped + u.skipped,
          updated_at_ms = $12,
          finished_at_ms = COALESCE(r.finished_at_ms, u.finished)
        FROM unnest($4::bigint[], $5::text[], $6::integer[], $7::integer[], $8::integer[], $9::integer[], $10::integer[], $11::bigint[])
          AS u(run, status, last_seq, added, ok, ko, skipped, finished)
        WHERE r.ordinal = u.run
      )
      INSERT INTO ${t.snapshots} AS s (run, seq, state)
      SELECT run, seq, state::text FROM ROWS FROM (unnest($13::bigint[]), unnest($14::integer[]), json_array_elements($15::json)) AS n(run, seq, state)
      ON CONFLICT (run) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state WHERE s.seq <= EXCLUDED.seq`,
    events: `
      SELECT seq, event AS json FROM ${t.events}
      WHERE run = (SELECT ordinal FROM ${t.runs} WHERE run_id = $1) AND seq > $2
      ORDER BY seq LIMIT $3`,
    eventsOfOrdinal: `SELECT seq, event AS json FROM ${t.events} WHERE run = $1 AND seq > $2 ORDER BY seq`,
    run: `SELECT ${RECORD_COLUMNS} FROM ${t.runs} WHERE run_id = $1`,
    runWithSnapshot: `
      SELECT ${recordColumnsOf('r')}, s.seq AS snapshot_seq, s.state AS snapshot_state
      FROM ${t.runs} r LEFT JOIN ${t.snapshots} s ON s.run = r.ordinal
      WHERE r.run_id = $1`,
    unfinished: `SELECT ${RECORD_COLUMNS} FROM ${t.runs} WHERE finished_at_ms IS NULL ORDER BY ordinal`,
    acquireLease: `
      UPDATE ${t.runs} SET owner = $1, lease_expires_ms = $2
      WHERE run_id = $3 AND (owner IS NULL OR owner = $1 OR lease_expires_ms IS NULL OR lease_expires_ms <= $4)`,
    renewLeases: `
      WITH held AS (
        SELECT ordinal FROM ${t.runs} WHERE owner = $2 AND finished_at_ms IS NULL ORDER BY ordinal FOR UPDATE
      )
      UPDATE ${t.runs} AS r SET lease_expires_ms = $1 FROM held
      WHERE r.ordinal = held.ordinal AND r.owner = $2
      RETURNING r.run_id`,
    // SKIP LOCKED: a replica claiming at the same moment skips the rows this one locked, and vice versa,
    // so two replicas never both claim a run; each statement is its own transaction.
    claimExpired: `
      WITH claimable AS (
        SELECT ordinal FROM ${t.runs}
        WHERE finished_at_ms IS NULL AND (owner IS NULL OR lease_expires_ms IS NULL OR lease_expires_ms <= $3)
        ORDER BY ordinal LIMIT $4
        FOR UPDATE SKIP LOCKED
      )
      UPDATE ${t.runs} AS r SET owner = $1, lease_expires_ms = $2
      FROM claimable WHERE r.ordinal = claimable.ordinal
      RETURNING ${recordColumnsOf('r')}`,
    releaseLease: `UPDATE ${t.runs} SET owner = NULL, lease_expires_ms = NULL WHERE run_id = $1 AND owner = $2`,
    purge: `
      WITH doomed AS (
        SELECT ordinal FROM ${t.runs}
        WHERE finished_at_ms IS NOT NULL AND (
          ($1::bigint IS NOT NULL AND finished_at_ms < $1::bigint)
          OR ordinal NOT IN (
            SELECT ordinal FROM ${t.runs} WHERE finished_at_ms IS NOT NULL
            ORDER BY finished_at_ms DESC, ordinal DESC LIMIT $2::bigint
          )
        )
        ORDER BY ordinal
        FOR UPDATE
      ), dropped_events AS (
        DELETE FROM ${t.events} WHERE run IN (SELECT ordinal FROM doomed)
      ), dropped_snapshots AS (
        DELETE FROM ${t.snapshots} WHERE run IN (SELECT ordinal FROM doomed)
      )
      DELETE FROM ${t.runs} WHERE ordinal IN (SELECT ordinal FROM doomed)`,
    sizes: `
      SELECT (SELECT count(*) FROM ${t.runs}) AS runs, (SELECT count(*) FROM ${t.events}) AS events,
        pg_total_relation_size('${t.runs}') + pg_total_relation_size('${t.events}') + pg_total_relation_size('${t.snapshots}') AS bytes`,
  };
}
