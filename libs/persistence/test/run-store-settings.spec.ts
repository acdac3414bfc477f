import { join } from 'node:path';
import { createRunStore, MemoryRunStore, PostgresRunStore, readRunStoreSettings, RunStoreConfigError, SqliteRunStore } from '../src';

function configError(env: Record<string, string | undefined>): RunStoreConfigError {
  try {
    readRunStoreSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(RunStoreConfigError);
    return error as RunStoreConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('readRunStoreSettings', () => {
  it('defaults to SQLite under ./data, schema public, a snapshot every 1000 events (blank counts as unset)', () => {
    const defaults = { kind: 'sqlite', dataDir: './data', schema: 'public', snapshotEvery: 1000 };
    expect(readRunStoreSettings({})).toEqual(defaults);
    expect(readRunStoreSettings({ RUN_STORE: ' ', DATA_DIR: '', RUN_SNAPSHOT_EVERY: '', DATABASE_SCHEMA: '' })).toEqual(defaults);
  });

  it('reads every variable', () => {
    expect(
      readRunStoreSettings({
        RUN_STORE: 'Postgres',
        DATA_DIR: '/var/lib/a2a',
        DATABASE_URL: 'postgresql://app:secret@db:5432/runs',
        DATABASE_SCHEMA: 'a2a_runs',
        RUN_SNAPSHOT_EVERY: '250',
      }),
    ).toEqual({ kind: 'postgres', dataDir: '/var/lib/a2a', databaseUrl: 'postgresql://app:secret@db:5432/runs', schema: 'a2a_runs', snapshotEvery: 250 });
    expect(readRunStoreSettings({ RUN_STORE: 'memory' }).kind).toBe('memory');
  });

  it.each([
    [{ RUN_STORE: 'mongo' }, 'RUN_STORE', 'mongo', /one of sqlite, postgres, memory/],
    [{ RUN_STORE: 'postgres' }, 'DATABASE_URL', '', /required with RUN_STORE=postgres/],
    [{ RUN_STORE: 'postgres', DATABASE_URL: 'mysql://app:hunter2@db/runs' }, 'DATABASE_URL', 'mysql://app:***@db/runs', /postgres:\/\/ or postgresql:\/\//],
    [{ RUN_SNAPSHOT_EVERY: '0' }, 'RUN_SNAPSHOT_EVERY', '0', /integer ≥ 1/],
    [{ RUN_SNAPSHOT_EVERY: '10.5' }, 'RUN_SNAPSHOT_EVERY', '10.5', /integer ≥ 1/],
    [{ RUN_SNAPSHOT_EVERY: 'often' }, 'RUN_SNAPSHOT_EVERY', 'often', /integer ≥ 1/],
    [{ DATABASE_SCHEMA: 'runs; DROP TABLE x' }, 'DATABASE_SCHEMA', 'runs; DROP TABLE x', /schema name/],
  ])('%j is refused, naming %s', (env, variable, value, allowed) => {
    const error = configError(env);
    expect(error.code).toBe('INVALID_RUN_STORE_CONFIG');
    expect(error.variable).toBe(variable);
    expect(error.value).toBe(value);
    expect(error.message).toContain(`${variable}=${JSON.stringify(value)}`);
    expect(error.message).toMatch(allowed);
  });

  it('never echoes a database password', () => {
    const error = configError({ RUN_STORE: 'postgres', DATABASE_URL: 'app:hunter2@db/runs' });
    expect(error.message).not.toContain('hunter2');
  });
});

describe('createRunStore', () => {
  it('builds the store the settings name, not yet initialised', async () => {
    const memory = createRunStore({ kind: 'memory', dataDir: '.', snapshotEvery: 10 });
    expect(memory).toBeInstanceOf(MemoryRunStore);
    await expect(memory.getRun('x')).rejects.toMatchObject({ code: 'STORE_NOT_INITIALIZED' });
    const sqlite = createRunStore({ kind: 'sqlite', dataDir: '/tmp/somewhere', snapshotEvery: 10 });
    expect(sqlite).toBeInstanceOf(SqliteRunStore);
    expect((sqlite as SqliteRunStore).file).toBe(join('/tmp/somewhere', 'a2a-mcp.sqlite'));
    const postgres = createRunStore({ kind: 'postgres', dataDir: '.', databaseUrl: 'postgres://db/x', schema: 'runs', snapshotEvery: 10 });
    expect(postgres).toBeInstanceOf(PostgresRunStore);
    expect(postgres.kind).toBe('postgres');
  });
});
