import type { RunStoreKind } from '../run-store';

export interface RunStoreSettings {
  kind: RunStoreKind;
  /** Folder of the SQLite file (`a2a-mcp.sqlite`). */
  dataDir: string;
  /** PostgreSQL connection URL; required for `postgres`. */
  databaseUrl?: string;
  /** PostgreSQL schema of the store's tables (default `public`). */
  schema?: string;
  /** Events between two snapshots of a run's state. */
  snapshotEvery: number;
}

/** A run store variable with a value the store cannot use: names the variable, its value and what is allowed. */
export class RunStoreConfigError extends Error {
  readonly code = 'INVALID_RUN_STORE_CONFIG' as const;

  constructor(
    readonly variable: string,
    readonly value: string,
    allowed: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not allowed: ${allowed}`);
    this.name = 'RunStoreConfigError';
  }
}

export const RUN_STORE_KINDS: readonly RunStoreKind[] = ['sqlite', 'postgres', 'memory'];
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_SNAPSHOT_EVERY = 1000;
export const DEFAULT_SCHEMA = 'public';
/** An unquoted PostgreSQL identifier (63 bytes at most): the schema name is put into SQL text. */
export const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
export const SCHEMA_NAME_ALLOWED = 'a PostgreSQL schema name: a letter or _, then letters, digits or _ (63 at most)';

/**
 * The run store's settings from the environment: RUN_STORE (sqlite | postgres | memory, default
 * sqlite), DATA_DIR (default ./data), DATABASE_URL (required with postgres), DATABASE_SCHEMA (default
 * public) and RUN_SNAPSHOT_EVERY (default 1000). Blank counts as unset. Throws RunStoreConfigError
 * at the first bad variable.
 */
export function readRunStoreSettings(env: Readonly<Record<string, string | undefined>>): RunStoreSettings {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const kindText = value('RUN_STORE');
  const kind = kindText === undefined ? 'sqlite' : RUN_STORE_KINDS.find((k) => k === kindText.toLowerCase());
  if (kind === undefined) throw new RunStoreConfigError('RUN_STORE', env.RUN_STORE ?? '', `one of ${RUN_STORE_KINDS.join(', ')}`);

  const everyText = value('RUN_SNAPSHOT_EVERY');
  const snapshotEvery = everyText === undefined ? DEFAULT_SNAPSHOT_EVERY : /^\d+$/.test(everyText) ? Number(everyText) : Number.NaN;
  if (!Number.isSafeInteger(snapshotEvery) || snapshotEvery < 1) {
    throw new RunStoreConfigError('RUN_SNAPSHOT_EVERY', env.RUN_SNAPSHOT_EVERY ?? '', 'an integer ≥ 1 (events between two snapshots of a run)');
  }

  const schema = value('DATABASE_SCHEMA') ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new RunStoreConfigError('DATABASE_SCHEMA', env.DATABASE_SCHEMA ?? '', SCHEMA_NAME_ALLOWED);
  }

  const databaseUrl = value('DATABASE_URL');
  if (kind === 'postgres') {
    if (databaseUrl === undefined) throw new RunStoreConfigError('DATABASE_URL', env.DATABASE_URL ?? '', 'a postgres:// URL, required with RUN_STORE=postgres');
    // The value is echoed without its password: error messages end up in logs.
    if (!isPostgresUrl(databaseUrl)) throw new RunStoreConfigError('DATABASE_URL', withoutPassword(databaseUrl), 'a postgres:// or postgresql:// URL');
  }

  return {
    kind,
    dataDir: value('DATA_DIR') ?? DEFAULT_DATA_DIR,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    schema,
    snapshotEvery,
  };
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** `scheme://user:secret@host` → `scheme://user:***@host` (also when the text is no valid URL). */
export function withoutPassword(text: string): string {
  return text.replace(/^([^:/@]*:\/\/[^:/@]*):[^@]*@/, '$1:***@').replace(/^([^:/@]*):[^@/]*@/, '$1:***@');
}
