import { randomUUID } from 'node:crypto';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { PostgresRunStore, type RunStore, RunStoreError } from '../src';
import { planningEvent, recordRichRun } from './support/engine-log';
import { appendUntilKilled } from './support/killed-writer';
import { newRun, runStoreContract } from './support/run-store-contract';
import { onTestDatabase, postgresHarness, TEST_DATABASE_URL, uniqueSchema } from './support/store-harness';

/** Counts commits running at once: the store must never run two. */
class ProbedPostgresStore extends PostgresRunStore {
  running = 0;
  mostAtOnce = 0;
  batchSizes: number[] = [];

  protected override async commit(batch: Parameters<PostgresRunStore['commit']>[0]): Promise<void> {
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    this.batchSizes.push(batch.reduce((sum, writes) => sum + writes.events.length, 0));
    try {
      await super.commit(batch);
    } finally {
      this.running--;
    }
  }
}

describe('PostgresRunStore', () => {
  runStoreContract(postgresHarness());

  describe('shared by replicas', () => {
    const schemas: string[] = [];
    const opened: RunStore[] = [];

    /** `count` stores (each its own pool) on one fresh schema, initialised at the same time. */
    async function replicas(count: number, schema = uniqueSchema()): Promise<PostgresRunStore[]> {
      schemas.push(schema);
      const stores = Array.from({ length: count }, () => new PostgresRunStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 3 }));
      opened.push(...stores);
      await Promise.all(stores.map((store) => store.init()));
      return stores;
    }

    afterAll(async () => {
      await Promise.all(opened.map((store) => store.close()));
      await onTestDatabase(async (client) => {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      });
    });

    it('migrates once when replicas boot together, and again is a no-op', async () => {
      const schema = uniqueSchema();
      await replicas(4, schema);
      await replicas(1, schema);
      const applied = await onTestDatabase((client) => client.query(`SELECT version, name FROM "${schema}".schema_migrations`));
      expect(applied.rows).toEqual([{ version: 1, name: 'runs, events, snapshots' }]);
    });

    it('never lets two replicas claim the same run (FOR UPDATE SKIP LOCKED)', async () => {
      const stores = await replicas(4);
      for (let round = 0; round < 5; round++) {
        const ids = Array.from({ length: 40 }, () => randomUUID());
        await Promise.all(ids.map((id) => stores[0].createRun(newRun(id))));
        const claims = await Promise.all(stores.map((store, i) => store.claimExpiredRuns(`host-${round}-${i}`, 60_000, 15)));
        const claimed = claims.flat().map((run) => run.runId);
        expect(new Set(claimed).size).toBe(claimed.length); // disjoint
        expect(claimed.length).toBeGreaterThanOrEqual(15);
        for (const [i, claim] of claims.entries()) {
          for (const run of claim) expect((await stores[0].getRun(run.runId))!.owner).toBe(`host-${round}-${i}`);
        }
        // Whatever is left unclaimed is claimed by the next look, none twice.
        const rest = await stores[1].claimExpiredRuns(`host-${round}-rest`, 60_000, 100);
        expect(new Set([...claimed, ...rest.map((run) => run.runId)])).toEqual(new Set(ids));
        expect(await stores[2].claimExpiredRuns('late', 60_000, 100)).toEqual([]);
      }
    });

    it('serialises two replicas appending to one run: one wins, the other gets SEQ_CONFLICT', async () => {
      const [a, b] = await replicas(2);
      const recorded = await recordRichRun();
      await a.createRun(newRun(recorded.runId));
      await a.append(recorded.events[0]);
      const outcomes = await Promise.allSettled([
        Promise.all(recorded.events.slice(1, 20).map((event) => a.append(event))),
        Promise.all(recorded.events.slice(1, 20).map((event) => b.append(event))),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(RunStoreError);
      expect((refused.reason as RunStoreError).code).toBe('SEQ_CONFLICT');
      expect((await a.events(recorded.runId)).map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('runs one commit at a time; what is appended meanwhile is the next batch', async () => {
      const schema = uniqueSchema();
      schemas.push(schema);
      const store = new ProbedPostgresStore({ databaseUrl: TEST_DATABASE_URL, schema });
      opened.push(store);
      await store.init();
      const runId = randomUUID();
      await store.createRun(newRun(runId));
      const appended: Promise<void>[] = [];
      let seq = 0;
      // 30 ticks of appends, each a few ms apart in real time while commits take their round trips.
      for (let tick = 0; tick < 30; tick++) {
        for (let i = 0; i < 20; i++) appended.push(store.append(progressEvent(runId, ++seq)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(appended);
      expect(store.mostAtOnce).toBe(1);
      expect(store.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(600);
      expect(store.batchSizes.length).toBeLessThan(30); // ticks that arrived during a commit were coalesced
      expect((await store.events(runId)).map((event) => event.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    });

    it('fails the whole batch with STORE_UNAVAILABLE when the database does, then goes on', async () => {
      const schema = uniqueSchema();
      const [store] = await replicas(1, schema);
      const [one, two] = [randomUUID(), randomUUID()];
      await store.createRun(newRun(one));
      await store.createRun(newRun(two));
      await onTestDatabase((client) => client.query(`ALTER TABLE "${schema}".events RENAME TO events_away`));
      const failed = await Promise.allSettled([store.append(planningEvent(one)), store.append(planningEvent(two))]);
      for (const outcome of failed) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as RunStoreError;
        expect(reason.code).toBe('STORE_UNAVAILABLE');
        expect(reason.message).toMatch(/committing a batch of 2 run\(s\) to the postgres run store failed: .*events/);
      }
      await onTestDatabase((client) => client.query(`ALTER TABLE "${schema}".events_away RENAME TO events`));
      // Nothing of the failed batch was written: the same events go in now.
      await Promise.all([store.append(planningEvent(one)), store.append(planningEvent(two))]);
      expect(await store.events(one)).toEqual([planningEvent(one)]);
      expect(await store.events(two)).toEqual([planningEvent(two)]);
    });

    it('loses no acknowledged event when the writing process is killed', async () => {
      const schema = uniqueSchema();
      schemas.push(schema);
      const { acknowledged, stored } = await appendUntilKilled({ kind: 'postgres', databaseUrl: TEST_DATABASE_URL, schema }, async (runId) => {
        const [reader] = await replicas(1, schema);
        return (await reader.events(runId)).map((event) => event.seq);
      });
      expect(acknowledged).toBeGreaterThan(0);
      expect(stored.slice(0, acknowledged)).toEqual(Array.from({ length: acknowledged }, (_, i) => i + 1));
      expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    });
  });

  it('fails init with STORE_UNAVAILABLE when the database cannot be reached', async () => {
    const store = new PostgresRunStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', schema: uniqueSchema() });
    const error = await store.init().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(RunStoreError);
    expect((error as RunStoreError).code).toBe('STORE_UNAVAILABLE');
    expect((error as RunStoreError).message).toMatch(/opening the postgres run store failed: .*ECONNREFUSED/);
    await expect(store.append(planningEvent('x'))).rejects.toMatchObject({ code: 'STORE_NOT_INITIALIZED' });
  });
});

function progressEvent(runId: string, seq: number): WorkflowEvent {
  return seq === 1
    ? { type: 'workflow_start', seq, runId, at: 0, strategy: 'hybrid', maxConcurrency: 1, parallelThreshold: 3, tasks: [{ id: 't', description: 'do t', agent: 'sim' }] }
    : { type: 'task_progress', seq, runId, at: seq, taskId: 't', pct: seq % 100 };
}
