// Durable runs: the run store contract and its memory, SQLite and PostgreSQL implementations.
export type {
  LoadedRun,
  NewRun,
  RetentionPolicy,
  RunPageQuery,
  RunStore,
  RunStoreKind,
  StoredRun,
  StoredRunPage,
  StoredRunStatus,
  StoreStats,
} from './run-store';
export { RunStoreError, type RunStoreErrorCode } from './run-store-error';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_SCHEMA,
  DEFAULT_SNAPSHOT_EVERY,
  readRunStoreSettings,
  RUN_STORE_KINDS,
  RunStoreConfigError,
  type RunStoreSettings,
} from './settings/run-store-settings';
export { createRunStore } from './create-run-store';
export type { RunStoreOptions } from './batching/batched-run-store';
export { MemoryRunStore } from './memory/memory-run-store';
export { SQLITE_FILE_NAME, SqliteRunStore, type SqliteRunStoreOptions } from './sqlite/sqlite-run-store';
export { PostgresRunStore, type PostgresRunStoreOptions } from './postgres/postgres-run-store';
