import type { Migration } from '../migration';

/**
 * The SQLite store's schema, in order. Never edit a released migration: add the next one.
 * Events and snapshots point at a run by its ordinal (an integer key is smaller than the id in every
 * event row). Events are kept in arrival order (a rowid table) with a unique (run, seq) index: a batch
 * that interleaves many runs fills a few new pages instead of touching one page per run.
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
        id INTEGER PRIMARY KEY,
        run INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        UNIQUE (run, seq)
      );
      CREATE TABLE snapshots (
        run INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL
      );
    `,
  },
];
