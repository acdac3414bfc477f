import { randomUUID } from 'node:crypto';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { type NewRun, type RunPageQuery, type RunStore, RunStoreError } from '../../src';
import { asJson, foldOf, planningEvent, recordRichRun, type RecordedRun } from './engine-log';
import type { StoreHarness, StoreUnderTest } from './store-harness';

const HOUR = 3_600_000;

export function newRun(runId: string = randomUUID(), extra: Partial<NewRun> = {}): NewRun {
  return {
    runId,
    createdAt: '2030-01-01T00:00:00.000Z',
    plan: { tasks: [{ id: 'a', description: 'do a', agent: 'sim' }] },
    strategy: 'hybrid',
    strategyReason: 'requested',
    settings: { maxConcurrency: 4, nested: { flag: true } },
    ...extra,
  };
}

/** Records `run` and appends `events` in one tick, as the host's recorder does once the record exists. */
async function store(target: RunStore, runId: string, events: readonly WorkflowEvent[], extra: Partial<NewRun> = {}): Promise<void> {
  await target.createRun(newRun(runId, extra));
  await Promise.all(events.map((event) => target.append(event)));
}

/** A finished run of its own, with the engine's log (seq 0 .. n). */
async function storeRichRun(target: RunStore, extra: Partial<NewRun> = {}): Promise<RecordedRun> {
  const recorded = await recordRichRun();
  await store(target, recorded.runId, recorded.events, extra);
  return recorded;
}

async function rejection(promise: Promise<unknown>): Promise<RunStoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RunStoreError);
    return error as RunStoreError;
  }
  throw new Error('expected a rejection');
}

/** What every RunStore must do, run against a real store of each kind. */
export function runStoreContract(harness: StoreHarness): void {
  let subject: StoreUnderTest;
  let runs: RunStore;

  beforeEach(async () => {
    subject = await harness.open();
    runs = subject.store;
  });

  afterAll(() => harness.cleanup());

  describe('records', () => {
    it('gives back the record as created, with an empty summary, and undefined for an unknown run', async () => {
      await Promise.all([runs.init(), runs.init()]); // idempotent
      const created = newRun(randomUUID(), { tenant: 'acme' });
      await runs.createRun(created);
      const stored = await runs.getRun(created.runId);
      expect(stored).toEqual({
        ...created,
        ordinal: expect.any(Number),
        status: 'running',
        lastSeq: 0,
        taskCount: 0,
        successful: 0,
        failed: 0,
        skipped: 0,
        updatedAt: new Date(subject.clock.now).toISOString(),
      });
      expect(stored!.finishedAt).toBeUndefined();
      expect(await runs.getRun('no-such-run')).toBeUndefined();
      expect(await runs.loadRun('no-such-run')).toBeUndefined();
    });

    it("hands out copies of the plan and settings, which behave as plain properties", async () => {
      const created = newRun();
      await runs.createRun(created);
      const stored = (await runs.getRun(created.runId))!;
      (stored.plan as { tasks: unknown[] }).tasks.push('changed by a reader');
      expect((await runs.getRun(created.runId))!.plan).toEqual(created.plan);
      expect(JSON.parse(JSON.stringify({ ...stored }))).toMatchObject({ settings: created.settings });
      stored.settings = 'replaced';
      expect(stored.settings).toBe('replaced');
      expect(Object.keys(stored)).toEqual(expect.arrayContaining(['plan', 'settings']));
    });

    it('refuses a second record with the same id (RUN_EXISTS) and keeps the first', async () => {
      const first = newRun(randomUUID(), { strategyReason: 'first' });
      await runs.createRun(first);
      const error = await rejection(runs.createRun({ ...first, strategyReason: 'second' }));
      expect(error.code).toBe('RUN_EXISTS');
      expect(error.message).toContain(first.runId);
      expect((await runs.getRun(first.runId))!.strategyReason).toBe('first');
    });

    it('assigns strictly increasing ordinals', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of ids) await runs.createRun(newRun(id));
      const ordinals = await Promise.all(ids.map(async (id) => (await runs.getRun(id))!.ordinal));
      expect(ordinals[0]).toBeLessThan(ordinals[1]);
      expect(ordinals[1]).toBeLessThan(ordinals[2]);
    });
  });

  describe('the event log', () => {
    it('gives back a real run log in seq order, also after a seq and by pages', async () => {
      const recorded = await storeRichRun(runs);
      const log = asJson(recorded.events) as WorkflowEvent[];
      expect(log.length).toBeGreaterThan(20);
      expect(await runs.events(recorded.runId)).toEqual(log);
      expect(await runs.events(recorded.runId, -1)).toEqual(log);
      expect(await runs.events(recorded.runId, 5)).toEqual(log.slice(6));
      expect((await runs.events(recorded.runId, 5, 3)).map((event) => event.seq)).toEqual([6, 7, 8]);
      expect(await runs.events(recorded.runId, log.length + 5)).toEqual([]);
      expect(await runs.events('no-such-run')).toEqual([]);
      // The kinds of event the plan was made to produce are all there.
      const types = new Set(log.map((event) => event.type));
      for (const type of ['planning', 'workflow_start', 'task_progress', 'artifact', 'task_retry', 'task_paused', 'task_resumed', 'task_failed', 'task_skipped', 'graph_modified', 'workflow_complete']) {
        expect(types).toContain(type);
      }
    });

    it('accepts a log without the seq-0 planning event', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events.slice(1));
      expect((await runs.events(recorded.runId))[0].seq).toBe(1);
      expect((await runs.getRun(recorded.runId))!.lastSeq).toBe(recorded.events.length - 1);
    });

    it('refuses a repeated seq and a gap (SEQ_CONFLICT), leaving the log as it was', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events.slice(0, 5));
      const repeated = await rejection(runs.append(recorded.events[4]));
      expect(repeated.code).toBe('SEQ_CONFLICT');
      expect(repeated.message).toMatch(/seq 4 .*expected 5/);
      const gap = await rejection(runs.append(recorded.events[6]));
      expect(gap.code).toBe('SEQ_CONFLICT');
      expect((await runs.events(recorded.runId)).map((event) => event.seq)).toEqual([0, 1, 2, 3, 4]);
      // The log goes on from where it really is.
      await runs.append(recorded.events[5]);
      expect((await runs.getRun(recorded.runId))!.lastSeq).toBe(5);
    });

    it("refuses one run's bad batch without failing another run's events in the same batch", async () => {
      const good = await recordRichRun();
      const bad = await recordRichRun();
      await runs.createRun(newRun(good.runId));
      await runs.createRun(newRun(bad.runId));
      const goodBatch = Promise.all(good.events.slice(0, 4).map((event) => runs.append(event)));
      const badBatch = Promise.all([bad.events[0], bad.events[2]].map((event) => runs.append(event)));
      const orphan = runs.append(planningEvent('never-created'));
      await expect(goodBatch).resolves.toBeDefined();
      expect((await rejection(badBatch)).code).toBe('SEQ_CONFLICT');
      expect((await rejection(orphan)).code).toBe('RUN_NOT_FOUND');
      expect((await runs.events(good.runId)).length).toBe(4);
      expect(await runs.events(bad.runId)).toEqual([]);
    });

    it('refuses events after workflow_complete (RUN_FINISHED): a run completes exactly once', async () => {
      const recorded = await storeRichRun(runs);
      const last = recorded.events[recorded.events.length - 1];
      expect(last.type).toBe('workflow_complete');
      const again = await rejection(runs.append({ ...last, seq: last.seq + 1 }));
      expect(again.code).toBe('RUN_FINISHED');
      expect((await runs.events(recorded.runId, last.seq - 1)).map((event) => event.type)).toEqual(['workflow_complete']);
    });

    it('rejects what JSON cannot hold (NOT_SERIALIZABLE) without losing the rest of the batch', async () => {
      const runId = randomUUID();
      await runs.createRun(newRun(runId));
      const error = await rejection(runs.append({ ...planningEvent(runId), message: 1n as unknown as string }));
      expect(error.code).toBe('NOT_SERIALIZABLE');
      await runs.append(planningEvent(runId));
      expect(await runs.events(runId)).toEqual([planningEvent(runId)]);
    });
  });

  describe('batching', () => {
    it('commits the appends of one tick in one batch, and hands them one promise', async () => {
      const recorded = await recordRichRun();
      await runs.createRun(newRun(recorded.runId));
      const before = (await runs.stats()).flushes;
      const promises = recorded.events.map((event) => runs.append(event));
      expect(new Set(promises).size).toBe(1);
      await Promise.all(promises);
      expect((await runs.stats()).flushes).toBe(before + 1);
      // A later tick is a later batch.
      const other = randomUUID();
      await runs.createRun(newRun(other));
      await runs.append(planningEvent(other));
      expect((await runs.stats()).flushes).toBe(before + 3);
    });

    it('flush() commits what is buffered without waiting for the next tick', async () => {
      const runId = randomUUID();
      const created = runs.createRun(newRun(runId));
      const appended = runs.append(planningEvent(runId));
      let settled = false;
      void appended.then(() => (settled = true));
      await runs.flush();
      await Promise.resolve();
      expect(settled).toBe(true);
      await created;
      expect(await runs.events(runId)).toHaveLength(1);
    });
  });

  describe('loading a run', () => {
    it("folds the log into the live run's state, task maps with a null prototype", async () => {
      const recorded = await storeRichRun(runs);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBeUndefined();
      expect(asJson(loaded!.state)).toEqual(asJson(recorded.state));
      expect(Object.getPrototypeOf(loaded!.state.tasks)).toBeNull();
      expect(loaded!.state.tasks['__proto__'].status).toBe('completed');
      expect(loaded!.run.runId).toBe(recorded.runId);
    });

    it('starts from the snapshot and folds the later events onto it', async () => {
      const recorded = await recordRichRun();
      const cut = 12;
      await store(runs, recorded.runId, recorded.events.slice(0, cut + 1));
      await runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, cut + 1)));
      await Promise.all(recorded.events.slice(cut + 1).map((event) => runs.append(event)));
      // An event the snapshot covers is damaged: only a load that starts from the snapshot is whole.
      await subject.corruptEvent(recorded.runId, 3);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBeUndefined();
      expect(asJson(loaded!.state)).toEqual(asJson(recorded.state));
      expect(Object.getPrototypeOf(loaded!.state.tasks)).toBeNull();
      expect(Object.getPrototypeOf(loaded!.state.result!.tasks)).toBeNull();
      expect(loaded!.state.result!.tasks['__proto__'].status).toBe('completed');
    });

    it('keeps only the latest snapshot of a run', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events);
      await runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, 11)));
      // An older snapshot after a newer one does not replace it.
      await runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, 6)));
      await subject.corruptEvent(recorded.runId, 8);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBeUndefined();
      expect(asJson(loaded!.state)).toEqual(asJson(recorded.state));
    });

    it('keeps the newest snapshot when two of one run share a batch, whatever their order', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events);
      const newer = runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, 11)));
      const older = runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, 6)));
      expect(older).toBe(newer);
      await newer;
      await subject.corruptEvent(recorded.runId, 8);
      expect((await runs.loadRun(recorded.runId))!.truncatedAt).toBeUndefined();
    });

    it('serialises the snapshot when it is saved, not when the batch commits', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events.slice(0, 9));
      const state = foldOf(recorded.runId, recorded.events.slice(0, 9));
      const saved = runs.saveSnapshot(recorded.runId, state);
      state.status = 'cancelled'; // changed before the batch is written
      await saved;
      await subject.corruptEvent(recorded.runId, 2);
      expect((await runs.loadRun(recorded.runId))!.state.status).toBe('running');
    });

    it('ignores a snapshot the log does not reach yet, and one that cannot be read', async () => {
      const recorded = await recordRichRun();
      await store(runs, recorded.runId, recorded.events.slice(0, 10));
      await runs.saveSnapshot(recorded.runId, recorded.state); // at the run's last seq: ahead of the stored log
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBeUndefined();
      expect(asJson(loaded!.state)).toEqual(asJson(foldOf(recorded.runId, recorded.events.slice(0, 10))));
    });

    it('stops at the last good seq when the end of the log is lost (truncatedAt)', async () => {
      const recorded = await storeRichRun(runs);
      const lost = 4;
      const keep = recorded.events.length - lost;
      await subject.deleteEvents(recorded.runId, keep);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBe(keep - 1);
      expect(asJson(loaded!.state)).toEqual(asJson(foldOf(recorded.runId, recorded.events.slice(0, keep))));
      expect(loaded!.state.result).toBeUndefined();
    });

    it('stops before an unreadable row: state, events() and truncatedAt agree', async () => {
      const recorded = await recordRichRun();
      const cut = 8;
      await store(runs, recorded.runId, recorded.events.slice(0, cut + 1));
      await runs.saveSnapshot(recorded.runId, foldOf(recorded.runId, recorded.events.slice(0, cut + 1)));
      await Promise.all(recorded.events.slice(cut + 1).map((event) => runs.append(event)));
      const damaged = 15;
      await subject.corruptEvent(recorded.runId, damaged);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBe(damaged - 1);
      expect(loaded!.state.lastSeq).toBe(damaged - 1);
      expect(asJson(loaded!.state)).toEqual(asJson(foldOf(recorded.runId, recorded.events.slice(0, damaged))));
      expect((await runs.events(recorded.runId, cut)).map((event) => event.seq)).toEqual([9, 10, 11, 12, 13, 14]);
    });

    it('stops at a gap in the middle of the log', async () => {
      const recorded = await storeRichRun(runs);
      await subject.deleteEvents(recorded.runId, 7, 9);
      const loaded = await runs.loadRun(recorded.runId);
      expect(loaded!.truncatedAt).toBe(6);
      expect(asJson(loaded!.state)).toEqual(asJson(foldOf(recorded.runId, recorded.events.slice(0, 7))));
      expect((await runs.events(recorded.runId)).map((event) => event.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      // Past the hole the log reads on.
      expect((await runs.events(recorded.runId, 9, 2)).map((event) => event.seq)).toEqual([10, 11]);
    });
  });

  describe('the summary', () => {
    it('follows the events: status, task counts, last seq, finish time', async () => {
      const recorded = await recordRichRun();
      await runs.createRun(newRun(recorded.runId));
      const paused = recorded.events.findIndex((event) => event.type === 'task_paused');
      await Promise.all(recorded.events.slice(0, paused + 1).map((event) => runs.append(event)));
      subject.clock.advance(1000);
      const mid = (await runs.getRun(recorded.runId))!;
      expect(mid.status).toBe('paused');
      expect(mid.lastSeq).toBe(paused);
      expect(mid.finishedAt).toBeUndefined();
      await Promise.all(recorded.events.slice(paused + 1).map((event) => runs.append(event)));
      const end = (await runs.getRun(recorded.runId))!;
      const result = recorded.result;
      expect(end).toMatchObject({
        status: result.status,
        lastSeq: recorded.events.length - 1,
        taskCount: Object.keys(result.tasks).length,
        successful: result.successful.length,
        failed: result.failed.length,
        skipped: result.skipped.length,
        updatedAt: new Date(subject.clock.now).toISOString(),
        finishedAt: new Date(subject.clock.now).toISOString(),
      });
      expect(result.status).toBe('partial');
      expect(end.taskCount).toBe(8); // 7 planned + 1 added while running
      expect([end.successful, end.failed, end.skipped]).toEqual([6, 1, 1]);
    });

    it('says running again once a paused task resumes', async () => {
      const recorded = await recordRichRun();
      const resumed = recorded.events.findIndex((event) => event.type === 'task_resumed');
      await store(runs, recorded.runId, recorded.events.slice(0, resumed + 1));
      expect((await runs.getRun(recorded.runId))!.status).toBe('running');
    });
  });

  describe('listing', () => {
    it('pages newest first by ordinal, with a tenant filter', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const runId = randomUUID();
        ids.push(runId);
        await runs.createRun(newRun(runId, i % 2 === 0 ? { tenant: 'even' } : { tenant: 'odd' }));
      }
      const first = await runs.listRuns({ limit: 2 });
      expect(first.items.map((run) => run.runId)).toEqual([ids[4], ids[3]]);
      expect(first.hasMore).toBe(true);
      const second = await runs.listRuns({ limit: 2, beforeOrdinal: first.items[1].ordinal });
      expect(second.items.map((run) => run.runId)).toEqual([ids[2], ids[1]]);
      const third = await runs.listRuns({ limit: 2, beforeOrdinal: second.items[1].ordinal });
      expect(third).toEqual({ items: [expect.objectContaining({ runId: ids[0] })], hasMore: false });
      const even = await runs.listRuns({ limit: 10, tenant: 'even' });
      expect(even.items.map((run) => run.runId)).toEqual([ids[4], ids[2], ids[0]]);
      expect(even.hasMore).toBe(false);
      expect((await runs.listRuns({ limit: 1, tenant: 'odd', beforeOrdinal: first.items[1].ordinal })).items.map((run) => run.runId)).toEqual([ids[1]]);
      expect((await runs.listRuns({ limit: 10, tenant: 'nobody' })).items).toEqual([]);
    });

    it('filters by status, with the tenant and the cursor', async () => {
      const running = randomUUID();
      await runs.createRun(newRun(running, { tenant: 'acme' }));
      const partial = await storeRichRun(runs, { tenant: 'acme' });
      const recorded = await recordRichRun();
      const paused = recorded.events.findIndex((event) => event.type === 'task_paused');
      await store(runs, recorded.runId, recorded.events.slice(0, paused + 1), { tenant: 'acme' });
      const other = await storeRichRun(runs, { tenant: 'other' });
      const ids = async (query: Omit<RunPageQuery, 'limit'>): Promise<string[]> => (await runs.listRuns({ limit: 10, ...query })).items.map((run) => run.runId);

      expect(await ids({ tenant: 'acme', statuses: ['partial'] })).toEqual([partial.runId]);
      expect(await ids({ tenant: 'acme', statuses: ['running', 'paused'] })).toEqual([recorded.runId, running]);
      expect(await ids({ tenant: 'acme', statuses: ['paused'] })).toEqual([recorded.runId]);
      expect(await ids({ statuses: ['partial'] })).toEqual([other.runId, partial.runId]);
      expect(await ids({ tenant: 'acme', statuses: ['failed', 'cancelled'] })).toEqual([]);
      expect(await ids({ tenant: 'acme', statuses: [] })).toEqual([recorded.runId, partial.runId, running]);
      // Pages of one status: the cursor skips the others.
      const first = await runs.listRuns({ limit: 1, tenant: 'acme', statuses: ['running', 'paused'] });
      expect(first).toEqual({ items: [expect.objectContaining({ runId: recorded.runId })], hasMore: true });
      expect(await ids({ tenant: 'acme', statuses: ['running', 'paused'], beforeOrdinal: first.items[0].ordinal })).toEqual([running]);
    });

    it('lists unfinished runs (running or paused), oldest first', async () => {
      const finished = await storeRichRun(runs);
      const paused = await recordRichRun();
      await store(runs, paused.runId, paused.events.slice(0, paused.events.findIndex((event) => event.type === 'task_paused') + 1));
      const fresh = randomUUID();
      await runs.createRun(newRun(fresh));
      const unfinished = await runs.unfinishedRuns();
      expect(unfinished.map((run) => [run.runId, run.status])).toEqual([
        [paused.runId, 'paused'],
        [fresh, 'running'],
      ]);
      expect(unfinished.map((run) => run.runId)).not.toContain(finished.runId);
    });
  });

  describe('leases', () => {
    const TTL = 10_000;

    it('belong to one owner until they expire or are released', async () => {
      const runId = randomUUID();
      await runs.createRun(newRun(runId));
      expect(await runs.acquireLease(runId, 'host-a', TTL)).toBe(true);
      expect(await runs.acquireLease(runId, 'host-b', TTL)).toBe(false);
      expect(await runs.acquireLease(runId, 'host-a', TTL)).toBe(true); // already ours
      expect(await runs.getRun(runId)).toMatchObject({ owner: 'host-a', leaseExpiresAt: new Date(subject.clock.now + TTL).toISOString() });
      subject.clock.advance(TTL - 1);
      expect(await runs.acquireLease(runId, 'host-b', TTL)).toBe(false);
      subject.clock.advance(1);
      expect(await runs.acquireLease(runId, 'host-b', TTL)).toBe(true); // expired
      await runs.releaseLease(runId, 'host-a'); // not a's any more: nothing happens
      expect((await runs.getRun(runId))!.owner).toBe('host-b');
      await runs.releaseLease(runId, 'host-b');
      const released = (await runs.getRun(runId))!;
      expect(released.owner).toBeUndefined();
      expect(released.leaseExpiresAt).toBeUndefined();
      expect(await runs.acquireLease(runId, 'host-a', TTL)).toBe(true);
      expect(await runs.acquireLease('no-such-run', 'host-a', TTL)).toBe(false);
    });

    it("renewal extends every lease the owner holds on unfinished runs, and only those", async () => {
      const [one, two, theirs] = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of [one, two, theirs]) await runs.createRun(newRun(id));
      const done = await storeRichRun(runs);
      await runs.acquireLease(one, 'host-a', TTL);
      await runs.acquireLease(two, 'host-a', TTL);
      await runs.acquireLease(done.runId, 'host-a', TTL);
      await runs.acquireLease(theirs, 'host-b', TTL);
      subject.clock.advance(TTL / 2);
      expect((await runs.renewLeases('host-a', TTL)).sort()).toEqual([one, two].sort());
      subject.clock.advance(TTL / 2 + 1);
      expect(await runs.acquireLease(one, 'host-b', TTL)).toBe(false); // renewed: still a's
      expect(await runs.acquireLease(theirs, 'host-a', TTL)).toBe(true); // b did not renew
      expect(await runs.renewLeases('host-c', TTL)).toEqual([]);
    });

    it('claims unfinished runs whose lease is absent or expired, at most `limit`, oldest first', async () => {
      const [free, expired, held, extra] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      for (const id of [free, expired, held, extra]) await runs.createRun(newRun(id));
      const done = await storeRichRun(runs);
      await runs.acquireLease(expired, 'dead-host', 1000);
      subject.clock.advance(1000);
      await runs.acquireLease(held, 'live-host', TTL);
      const claimed = await runs.claimExpiredRuns('host-a', TTL, 2);
      expect(claimed.map((run) => run.runId)).toEqual([free, expired]);
      expect(claimed.every((run) => run.owner === 'host-a' && run.leaseExpiresAt === new Date(subject.clock.now + TTL).toISOString())).toBe(true);
      const rest = await runs.claimExpiredRuns('host-b', TTL, 10);
      expect(rest.map((run) => run.runId)).toEqual([extra]);
      expect(rest.map((run) => run.runId)).not.toContain(done.runId);
      expect(await runs.claimExpiredRuns('host-c', TTL, 10)).toEqual([]);
      expect((await runs.getRun(held))!.owner).toBe('live-host');
    });
  });

  describe('retention', () => {
    it('purges finished runs by age and by count, never unfinished ones', async () => {
      const finishedIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        finishedIds.push((await storeRichRun(runs)).runId);
        subject.clock.advance(HOUR);
      }
      const running = await recordRichRun();
      await store(runs, running.runId, running.events.slice(0, 5));
      const fresh = randomUUID();
      await runs.createRun(newRun(fresh));
      subject.clock.now -= HOUR; // the last run finished "now"
      // Ended more than 2.5 hours ago: the first (3 h) only.
      expect(await runs.purge({ maxAgeMs: 2.5 * HOUR })).toBe(1);
      expect(await runs.getRun(finishedIds[0])).toBeUndefined();
      expect(await runs.events(finishedIds[0])).toEqual([]);
      expect(await runs.loadRun(finishedIds[0])).toBeUndefined();
      // Keep the newest two finished runs.
      expect(await runs.purge({ maxCount: 2 })).toBe(1);
      expect(await runs.getRun(finishedIds[1])).toBeUndefined();
      expect((await runs.listRuns({ limit: 10 })).items.map((run) => run.runId)).toEqual([fresh, running.runId, finishedIds[3], finishedIds[2]]);
      // Both rules at once, at an explicit time: everything finished goes, the unfinished stay.
      expect(await runs.purge({ maxAgeMs: HOUR, maxCount: 5 }, new Date(subject.clock.now + 10 * HOUR))).toBe(2);
      expect((await runs.unfinishedRuns()).map((run) => run.runId)).toEqual([running.runId, fresh]);
      expect(await runs.events(running.runId)).toHaveLength(5);
      expect(await runs.purge({ maxCount: 0 })).toBe(0);
      expect((await runs.stats()).runs).toBe(2);
    });

    it('deletes by age only what ended strictly longer ago than maxAgeMs', async () => {
      const recorded = await storeRichRun(runs);
      const finishedAt = Date.parse((await runs.getRun(recorded.runId))!.finishedAt!);
      expect(await runs.purge({ maxAgeMs: HOUR }, new Date(finishedAt + HOUR))).toBe(0);
      expect(await runs.purge({ maxAgeMs: HOUR }, new Date(finishedAt + HOUR + 1))).toBe(1);
    });
  });

  describe('stats and lifecycle', () => {
    it('counts runs and events, and grows in bytes as runs are added', async () => {
      const empty = await runs.stats();
      expect(empty).toMatchObject({ runs: 0, events: 0 });
      const recorded = await storeRichRun(runs);
      const full = await runs.stats();
      expect(full).toMatchObject({ runs: 1, events: recorded.events.length });
      expect(full.bytes).toBeGreaterThan(0);
      expect(full.bytes).toBeGreaterThanOrEqual(empty.bytes);
    });

    it('close() commits what is buffered; later writes and reads are refused', async () => {
      const runId = randomUUID();
      const created = runs.createRun(newRun(runId));
      const appended = runs.append(planningEvent(runId));
      await runs.close();
      await expect(created).resolves.toBeUndefined();
      await expect(appended).resolves.toBeUndefined();
      expect((await rejection(runs.append(planningEvent(runId)))).code).toBe('STORE_CLOSED');
      expect((await rejection(runs.getRun(runId))).code).toBe('STORE_CLOSED');
      await runs.close(); // twice is fine
      expect((await rejection(runs.init())).code).toBe('STORE_CLOSED');
      if (subject.reopen) {
        const reopened = await subject.reopen();
        expect(await reopened.events(runId)).toEqual([planningEvent(runId)]);
      }
    });
  });
}
