import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteRunStore } from '../src';
import { asJson, recordRichRun } from './support/engine-log';
import { newRun, runStoreContract } from './support/run-store-contract';
import { appendUntilKilled } from './support/killed-writer';
import { sqliteHarness } from './support/store-harness';
import { keepAlive } from '../src/sqlite/keep-alive';

describe('SqliteRunStore', () => {
  runStoreContract(sqliteHarness());

  describe('on disk', () => {
    let dataDir: string;

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'a2a-mcp-sqlite-'));
    });

    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('creates DATA_DIR, uses WAL with synchronous=NORMAL, and migrates once', async () => {
      const nested = join(dataDir, 'a', 'b');
      const store = new SqliteRunStore({ dataDir: nested });
      await store.init();
      await store.close();
      const again = new SqliteRunStore({ dataDir: nested });
      await again.init();
      await again.close();
      const db = keepAlive(new Database(join(nested, 'a2a-mcp.sqlite'), { readonly: true }));
      try {
        expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
        expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'runs, events, snapshots' }]);
      } finally {
        db.close();
      }
    });

    it('keeps runs, logs, snapshots and leases across close and reopen', async () => {
      const recorded = await recordRichRun();
      const store = new SqliteRunStore({ dataDir });
      await store.init();
      await store.createRun(newRun(recorded.runId, { tenant: 'acme' }));
      await Promise.all(recorded.events.map((event) => store.append(event)));
      await store.saveSnapshot(recorded.runId, recorded.state);
      await store.acquireLease(recorded.runId, 'host-a', 60_000);
      const before = await store.getRun(recorded.runId);
      await store.close();

      const reopened = new SqliteRunStore({ dataDir });
      await reopened.init();
      expect(await reopened.getRun(recorded.runId)).toEqual(before);
      expect(await reopened.events(recorded.runId)).toEqual(asJson(recorded.events));
      expect(asJson((await reopened.loadRun(recorded.runId))!.state)).toEqual(asJson(recorded.state));
      await reopened.close();
    });

    it('loses no acknowledged event when the writing process is killed (SIGKILL right after a commit)', async () => {
      const { acknowledged, stored } = await appendUntilKilled({ kind: 'sqlite', dataDir }, async (runId) => {
        const store = new SqliteRunStore({ dataDir });
        await store.init();
        try {
          return (await store.events(runId)).map((event) => event.seq);
        } finally {
          await store.close();
        }
      });
      expect(acknowledged).toBeGreaterThan(0);
      // Every seq the child was told is durable is there, gapless from 1; a batch in flight may or may not be.
      expect(stored.slice(0, acknowledged)).toEqual(Array.from({ length: acknowledged }, (_, i) => i + 1));
      expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    });
  });

  it('does not load better-sqlite3 until init()', () => {
    const probe = spawn(process.execPath, ['-e', LAZY_PROBE], { stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise<void>((resolve, reject) => {
      let out = '';
      probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      probe.on('exit', (code) => {
        try {
          expect(code).toBe(0);
          expect(JSON.parse(out)).toEqual({ afterCreate: [], afterMemoryInit: [], afterSqliteInit: ['better-sqlite3'] });
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
  });
});

/** In a fresh Node process, with the built library: which drivers are loaded after each step. */
const LAZY_PROBE = `
const { createRunStore } = require(${JSON.stringify(join(__dirname, '..', 'dist'))});
const { mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const drivers = () => Object.keys(require.cache).map((file) => /node_modules[\\\\/](better-sqlite3|pg)[\\\\/]/.exec(file)?.[1]).filter(Boolean).filter((name, i, all) => all.indexOf(name) === i);
(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'a2a-mcp-lazy-'));
  const sqlite = createRunStore({ kind: 'sqlite', dataDir, snapshotEvery: 1000 });
  createRunStore({ kind: 'postgres', dataDir, databaseUrl: 'postgres://nobody@127.0.0.1:1/none', snapshotEvery: 1000 });
  const afterCreate = drivers();
  const memory = createRunStore({ kind: 'memory', dataDir, snapshotEvery: 1000 });
  await memory.init();
  const afterMemoryInit = drivers();
  await sqlite.init();
  const afterSqliteInit = drivers();
  await sqlite.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ afterCreate, afterMemoryInit, afterSqliteInit }));
})();
`;
