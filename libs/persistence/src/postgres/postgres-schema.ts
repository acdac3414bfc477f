import type { Migration } from '../migration';

/** The store's tables in `schema` (an identifier checked by the settings), as quoted SQL names. */
export interface PostgresTables {
  schema: string;
  runs: string;
  events: string;
  snapshots: string;
  migrations: string;
}

export function tablesIn(schema: string): PostgresTables {
  const q = `"${schema}"`;
  return { schema: q, runs: `${q}.runs`, events: `${q}.events`, snapshots: `${q}.snapshots`, migrations: `${q}.schema_migrations` };
}

/**
 * The PostgreSQL store's schema, in order. Never edit a released migration: add the next one. As in
 * SQLite, events and snapshots point at a run by its ordinal; JSON is kept as text (verbatim, and
 * `\u0000` escapes that jsonb refuses are fine).
 */
export function postgresMigrations(t: PostgresTables): readonly Migration[] {
  return [
    {
      version: 1,
      name: 'runs, events, snapshots',
      sql: `
        CREATE TABLE ${t.runs} (
          ordinal bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          run_id text NOT NULL UNIQUE,
          tenant text,
          created_at text NOT NULL,
          plan text NOT NULL,
          strategy text NOT NULL,
          strategy_reason text NOT NULL,
          settings text NOT NULL,
          status text NOT NULL,
          last_seq integer NOT NULL DEFAULT -1,
          task_count integer NOT NULL DEFAULT 0,
          successful integer NOT NULL DEFAULT 0,
          failed integer NOT NULL DEFAULT 0,
          skipped integer NOT NULL DEFAULT 0,
          updated_at_ms bigint NOT NULL,
          finished_at_ms bigint,
          owner text,
          lease_expires_ms bigint
        );
        CREATE INDEX runs_by_tenant ON ${t.runs} (tenant, ordinal);
        CREATE INDEX runs_unfinished ON ${t.runs} (ordinal) WHERE finished_at_ms IS NULL;
        CREATE INDEX runs_finished ON ${t.runs} (finished_at_ms, ordinal) WHERE finished_at_ms IS NOT NULL;
        CREATE TABLE ${t.events} (
          run bigint NOT NULL,
          seq integer NOT NULL,
          event text NOT NULL,
          PRIMARY KEY (run, seq)
        );
        CREATE TABLE ${t.snapshots} (
          run bigint PRIMARY KEY,
          seq integer NOT NULL,
          state text NOT NULL
        );
      `,
    },
  ];
}
