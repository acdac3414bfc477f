import type { Migration } from '../migration';

/**
 * The SQLite store's schema, in order. Never edit a released migration: add the next one.
 * Events and snapshots point at a run by its ordinal (an integer key is smaller than the id in every
 * event row); both tables are clustered on their key (WITHOUT ROWID), so a run's log is one range.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, events, snapshots',
    sql: `
      CREATE TABLE runs (
        ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL UNIQUE,
        tenant TEXT,
        created_at TEXT NOT NULL,
        plan TEXT NOT NULL,
        strategy TEXT NOT NULL,
        strategy_reason TEXT NOT NULL,
        settings TEXT NOT NULL,
        status TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT -1,
        task_count INTEGER NOT NULL DEFAULT 0,
        successful INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        updated_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER,
        owner TEXT,
        lease_expires_ms INTEGER
      );
      CREATE INDEX runs_by_tenant ON runs (tenant, ordinal);
      CREATE INDEX runs_unfinished ON runs (ordinal) WHERE finished_at_ms IS NULL;
      CREATE INDEX runs_finished ON runs (finished_at_ms, ordinal) WHERE finished_at_ms IS NOT NULL;
      CREATE TABLE events (
        run INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (run, seq)
      ) WITHOUT ROWID;
      CREATE TABLE snapshots (
        run INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
