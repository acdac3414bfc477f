import type { RunStoreOptions } from './batching/batched-run-store';
import { MemoryRunStore } from './memory/memory-run-store';
import { PostgresRunStore } from './postgres/postgres-run-store';
import type { RunStore } from './run-store';
import { RunStoreConfigError, type RunStoreSettings } from './settings/run-store-settings';
import { SqliteRunStore } from './sqlite/sqlite-run-store';

/**
 * The store `settings` name, not yet initialised (call init()). Constructing one loads no driver:
 * better-sqlite3 and pg are required by init(), so a host on the memory store never loads either.
 */
export function createRunStore(settings: RunStoreSettings, options: RunStoreOptions = {}): RunStore {
  switch (settings.kind) {
    case 'memory':
      return new MemoryRunStore(options);
    case 'sqlite':
      return new SqliteRunStore({ ...options, dataDir: settings.dataDir });
    case 'postgres':
      if (settings.databaseUrl === undefined) throw new RunStoreConfigError('DATABASE_URL', '', 'a postgres:// URL, required with RUN_STORE=postgres');
      return new PostgresRunStore({ ...options, databaseUrl: settings.databaseUrl, ...(settings.schema === undefined ? {} : { schema: settings.schema }) });
  }
}
