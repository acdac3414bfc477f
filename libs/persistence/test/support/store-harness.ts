import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { MemoryRunStore, PostgresRunStore, type RunStore, type RunStoreKind, SqliteRunStore } from '../../src';
import { keepAlive } from '../../src/sqlite/keep-alive';

/** The test database (trust auth); each store under test gets a schema of its own. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Larger than any seq a test writes (an int4 column). */
const LAST_SEQ = 2 ** 31 - 1;

/** A settable clock for leases and retention: time moves only when a test says so. */
export class FakeClock {
  now = Date.parse('2030-01-01T00:00:00.000Z');

  readonly read = (): number => this.now;

  advance(ms: number): void {
    this.now += ms;
  }
}

/** A fresh, initialised, empty store, and ways to damage its log as a crash or a bad disk would. */
export interface StoreUnderTest {
  store: RunStore;
  clock: FakeClock;
  /** Deletes the run's events with `from <= seq <= to`, behind the store's back. */
  deleteEvents(runId: string, from: number, to?: number): Promise<void>;
  /** Replaces the stored text of one event with text that is not JSON. */
  corruptEvent(runId: string, seq: number): Promise<void>;
  /** Another store on the same data (undefined for memory). */
  reopen?(): Promise<RunStore>;
}

export interface StoreHarness {
  kind: RunStoreKind;
  open(): Promise<StoreUnderTest>;
  /** Closes what `open` made and removes its files or schemas. */
  cleanup(): Promise<void>;
}

/** The memory store, with access to its rows (protected members) to damage them. */
class DamageableMemoryStore extends MemoryRunStore {
  deleteRange(runId: string, from: number, to: number): void {
    const log = this.logs.get(runId);
    if (log === undefined) return;
    const kept = log.seqs.map((seq, i) => [seq, log.rows[i]] as const).filter(([seq]) => seq < from || seq > to);
    log.seqs = kept.map(([seq]) => seq);
    log.rows = kept.map(([, row]) => row);
  }

  corrupt(runId: string, seq: number): void {
    const log = this.logs.get(runId)!;
    log.rows[log.seqs.indexOf(seq)] = '{"seq": 1, broken';
  }
}

export function memoryHarness(): StoreHarness {
  const stores: RunStore[] = [];
  return {
    kind: 'memory',
    async open() {
      const clock = new FakeClock();
      const store = new DamageableMemoryStore({ clock: clock.read });
      await store.init();
      stores.push(store);
      return {
        store,
        clock,
        deleteEvents: async (runId, from, to = LAST_SEQ) => store.deleteRange(runId, from, to),
        corruptEvent: async (runId, seq) => store.corrupt(runId, seq),
      };
    },
    async cleanup() {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
}

export function sqliteHarness(): StoreHarness {
  const dirs: string[] = [];
  const stores: RunStore[] = [];
  return {
    kind: 'sqlite',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'a2a-mcp-persistence-'));
      dirs.push(dataDir);
      const clock = new FakeClock();
      const make = async (): Promise<RunStore> => {
        const store = new SqliteRunStore({ dataDir, clock: clock.read });
        await store.init();
        stores.push(store);
        return store;
      };
      const store = (await make()) as SqliteRunStore;
      // A second connection, as another process would have (WAL lets it write while the store is open).
      const damage = (sql: string, ...parameters: unknown[]): void => {
        const db = keepAlive(new Database(store.file));
        try {
          db.prepare(sql).run(...parameters);
        } finally {
          db.close();
        }
      };
      return {
        store,
        clock,
        deleteEvents: async (runId, from, to = LAST_SEQ) =>
          damage('DELETE FROM events WHERE run = (SELECT ordinal FROM runs WHERE run_id = ?) AND seq BETWEEN ? AND ?', runId, from, to),
        corruptEvent: async (runId, seq) =>
          damage(`UPDATE events SET event = '{"seq": 1, broken' WHERE run = (SELECT ordinal FROM runs WHERE run_id = ?) AND seq = ?`, runId, seq),
        reopen: make,
      };
    },
    async cleanup() {
      await Promise.all(stores.map((store) => store.close()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let schemaCounter = 0;

/** A schema name no other test file or process uses. */
export function uniqueSchema(): string {
  return `persistence_test_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
}

/** Runs SQL on the test database over a connection of its own. */
export async function onTestDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function postgresHarness(): StoreHarness {
  const schemas: string[] = [];
  const stores: RunStore[] = [];
  return {
    kind: 'postgres',
    async open() {
      const schema = uniqueSchema();
      schemas.push(schema);
      const clock = new FakeClock();
      const make = async (): Promise<RunStore> => {
        const store = new PostgresRunStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4, clock: clock.read });
        await store.init();
        stores.push(store);
        return store;
      };
      const store = await make();
      const damage = (sql: string, parameters: unknown[]): Promise<void> =>
        onTestDatabase(async (client) => {
          await client.query(sql, parameters);
        });
      return {
        store,
        clock,
        deleteEvents: (runId, from, to = LAST_SEQ) =>
          damage(`DELETE FROM "${schema}".events WHERE run = (SELECT ordinal FROM "${schema}".runs WHERE run_id = $1) AND seq BETWEEN $2 AND $3`, [runId, from, to]),
        corruptEvent: (runId, seq) =>
          damage(`UPDATE "${schema}".events SET event = '{"seq": 1, broken' WHERE run = (SELECT ordinal FROM "${schema}".runs WHERE run_id = $1) AND seq = $2`, [runId, seq]),
        reopen: make,
      };
    },
    async cleanup() {
      await Promise.all(stores.map((store) => store.close()));
      await onTestDatabase(async (client) => {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      });
    },
  };
}
