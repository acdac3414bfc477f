import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RunError,
  type RunResult,
  type StrategyName,
  TaskError,
  type TaskExecutor,
  VirtualClock,
  type WorkflowEvent,
  WorkflowGraph,
  type WorkflowNodeSpec,
  resumeWorkflow,
  runWorkflow,
} from '@a2a-mcp/core-graph';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { SQLITE_FILE_NAME, SqliteRunStore, type LoadedRun } from '../../src';
import { asJson, foldOf, planningEvent } from '../support/engine-log';
import { fuzzCases, fuzzTally, fuzzTimeout } from '../support/fuzz-budget';
import { keepAlive } from '../../src/sqlite/keep-alive';

jest.setTimeout(fuzzTimeout(60_000));

/**
 * Store recovery from a damaged log: a real engine run on a random DAG is recorded into a SQLite
 * store; then its log loses every row after a random seq, or one row is damaged (not JSON, cut
 * short, another seq or run, a task the graph lacks), or the snapshot is, or the write-ahead log is
 * cut at a random byte as a crash would leave it. Reopened, the store never throws; loadRun's state
 * is the fold of the part of the log that survived (from the snapshot when it is readable), with
 * `truncatedAt` where it stops short; and resumeWorkflow finishes the run from the surviving events
 * with every task completed exactly once, none that had completed run again.
 */

// This file's share of FUZZ_RUNS is 0.06 (150 cases in npm test).
const CASES = fuzzCases(0.06);
const tally = fuzzTally('persistence/recovery');

interface TaskScript {
  durationMs: number;
  failTimes: number;
  progress: boolean;
}

/** A DAG of tasks that all complete in the end: delays, a failure or two before success, progress. */
const dag: fc.Arbitrary<WorkflowNodeSpec[]> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc
    .array(fc.record({ deps: fc.array(fc.nat(), { maxLength: 3 }), durationMs: fc.integer({ min: 0, max: 20 }), failTimes: fc.constantFrom(0, 0, 0, 1, 2), progress: fc.boolean() }), { minLength: n, maxLength: n })
    .map((drawn) =>
      drawn.map(
        (d, i): WorkflowNodeSpec => ({
          id: i === 3 ? '__proto__' : `t${i}`,
          description: `task ${i}`,
          agent: 'scripted',
          dependencies: i === 0 ? [] : [...new Set(d.deps.map((x) => (x % i === 3 ? '__proto__' : `t${x % i}`)))],
          input: { durationMs: d.durationMs, failTimes: d.failTimes, progress: d.progress } satisfies TaskScript,
          maxRetries: d.failTimes,
        }),
      ),
    ),
);

/** Deterministic agents: the same attempt behaves the same in the first run and in the resumed one. */
class ScriptedAgents implements TaskExecutor {
  readonly calls: string[] = [];

  async execute(...[task, ctx]: Parameters<TaskExecutor['execute']>): Promise<unknown> {
    this.calls.push(task.taskId);
    const script = task.input as unknown as TaskScript;
    if (script.progress) {
      ctx.progress(50, 'half way');
      ctx.artifact({ name: `${task.taskId}-partial`, data: { attempt: ctx.attempt } });
    }
    await ctx.sleep(script.durationMs);
    if (ctx.attempt <= script.failTimes) throw new TaskError('SCRIPTED_FAILURE', `${task.taskId} failed on attempt ${ctx.attempt}`);
    return { taskId: task.taskId, inputs: Object.keys(task.dependencyOutputs).sort() };
  }
}

type Damage =
  | { kind: 'cut-after'; at: number }
  | { kind: 'row'; at: number; how: 'not-json' | 'cut-short' | 'other-seq' | 'other-run' | 'no-type' | 'ghost-task' | 'null'; cut: number }
  | { kind: 'snapshot'; cut: number }
  | { kind: 'wal'; at: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cut-after' as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('row' as const), at: fc.nat(), how: fc.constantFrom('not-json', 'cut-short', 'other-seq', 'other-run', 'no-type', 'ghost-task', 'null'), cut: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), cut: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wal' as const), at: fc.nat() }) },
);

/** Real waits on virtual time: a run that hangs fails the case instead of the whole file's timeout. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish`)), 10_000)));
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The damaged row's new text, and whether the store can still parse it (a ghost task parses, but does not fold). */
function damagedRow(event: WorkflowEvent, how: Extract<Damage, { kind: 'row' }>['how'], cut: number): { text: string; parses: boolean } {
  const text = JSON.stringify(event);
  switch (how) {
    case 'not-json':
      return { text: `{"type":"${event.type}",`, parses: false };
    case 'cut-short':
      return { text: text.slice(0, cut % text.length), parses: false };
    case 'other-seq':
      return { text: JSON.stringify({ ...event, seq: event.seq + 1 }), parses: false };
    case 'other-run':
      return { text: JSON.stringify({ ...event, runId: 'someone-else' }), parses: false };
    case 'no-type':
      return { text: JSON.stringify({ ...event, type: undefined }), parses: false };
    case 'null':
      return { text: 'null', parses: false };
    case 'ghost-task':
      return 'taskId' in event ? { text: JSON.stringify({ ...event, taskId: 'ghost' }), parses: true } : { text: 'null', parses: false };
  }
}

describe(`store recovery from a damaged log (${CASES} runs): loadRun never throws, folds what survived, resume finishes`, () => {
  const root = mkdtempSync(join(tmpdir(), 'a2a-recovery-fuzz-'));
  const seen = new Map<string, number>();
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    console.log(`fuzz recovery: ${JSON.stringify(Object.fromEntries(seen))}`);
    tally.report();
  });
  let dirs = 0;

  /**
   * Runs `specs` on the engine, recording every event into a store in `dir`, and a snapshot after the
   * `snapshotAt`-th event when the run has that many; returns the open store, the log and the snapshot's seq.
   */
  async function record(dir: string, runId: string, specs: WorkflowNodeSpec[], strategy: StrategyName, withPlanning: boolean, snapshotAt: number | null) {
    const store = new SqliteRunStore({ dataDir: dir });
    await store.init();
    await store.createRun({ runId, createdAt: new Date(0).toISOString(), plan: specs, strategy, strategyReason: 'fuzz', settings: {} });
    const events: WorkflowEvent[] = [];
    const writes: Promise<void>[] = [];
    let snapshotSeq: number | undefined;
    const keep = (event: WorkflowEvent): void => {
      events.push(event);
      writes.push(store.append(event));
      if (snapshotAt !== null && events.length === 1 + (snapshotAt % 30)) {
        snapshotSeq = event.seq;
        writes.push(store.saveSnapshot(runId, foldOf(runId, events)));
      }
    };
    if (withPlanning) keep(planningEvent(runId));
    const run = runWorkflow(WorkflowGraph.fromSpecs(specs), new ScriptedAgents(), { runId, strategy, maxConcurrency: 3, clock: new VirtualClock(), onEvent: keep });
    const result: RunResult = await within(run.result, 'the first run');
    expect(result.status).toBe('completed');
    await Promise.all(writes);
    await store.flush();
    return { store, events, snapshotSeq };
  }

  it('reopens, loads and resumes', async () => {
    await fc.assert(
      fc.asyncProperty(dag, fc.constantFrom<StrategyName>('parallel', 'hybrid', 'sequential'), fc.boolean(), fc.option(fc.nat()), damage, async (specs, strategy, withPlanning, snapshotAt, harm) => {
        tally.count();
        const dir = join(root, `case-${++dirs}`);
        const runId = `run-${dirs}`;
        const { store, events, snapshotSeq } = await record(dir, runId, specs, strategy, withPlanning, snapshotAt);
        const lastSeq = events[events.length - 1].seq;
        // Undamaged, the store loads the whole run.
        const pristine = (await store.loadRun(runId))!;
        expect(pristine.truncatedAt).toBeUndefined();
        expect(asJson(pristine.state)).toEqual(asJson(foldOf(runId, events)));

        // The damage, and what each row has become: missing, unreadable, readable but not foldable.
        const rowState = new Map<number, 'ok' | 'missing' | 'unreadable' | 'unfoldable'>(events.map((event) => [event.seq, 'ok']));
        let snapshotReadable = true;
        /** A damaged row that still reads, as it reads now. */
        const reread = new Map<number, WorkflowEvent>();

        let reopenDir = dir;
        if (harm.kind === 'wal') {
          // A crash copy: the database and its write-ahead log as they are on disk now, the log cut at a random byte.
          reopenDir = `${dir}-crash`;
          const file = join(dir, SQLITE_FILE_NAME);
          const copy = join(reopenDir, SQLITE_FILE_NAME);
          rmSync(reopenDir, { recursive: true, force: true });
          mkdirSync(reopenDir);
          copyFileSync(file, copy);
          if (existsSync(`${file}-wal`)) {
            copyFileSync(`${file}-wal`, `${copy}-wal`);
            truncateSync(`${copy}-wal`, harm.at % (statSync(`${copy}-wal`).size + 1));
          }
          await store.close();
        } else {
          await store.close();
          const db = keepAlive(new Database(join(dir, SQLITE_FILE_NAME)));
          try {
            const { ordinal } = db.prepare('SELECT ordinal FROM runs WHERE run_id = ?').get(runId) as { ordinal: number };
            if (harm.kind === 'cut-after') {
              const keepUpTo = (harm.at % (lastSeq + 2)) - 1;
              db.prepare('DELETE FROM events WHERE run = ? AND seq > ?').run(ordinal, keepUpTo);
              for (const seq of rowState.keys()) if (seq > keepUpTo) rowState.set(seq, 'missing');
            } else if (harm.kind === 'row') {
              const event = events[harm.at % events.length];
              const row = damagedRow(event, harm.how, harm.cut);
              db.prepare('UPDATE events SET event = ? WHERE run = ? AND seq = ?').run(row.text, ordinal, event.seq);
              // An artifact naming a task the graph lacks still folds: artifacts change no state.
              rowState.set(event.seq, row.parses ? (event.type === 'artifact' ? 'ok' : 'unfoldable') : 'unreadable');
              if (row.parses) reread.set(event.seq, JSON.parse(row.text) as WorkflowEvent);
            } else {
              const snapshot = db.prepare('SELECT state FROM snapshots WHERE run = ?').get(ordinal) as { state: string } | undefined;
              if (snapshot !== undefined) {
                db.prepare('UPDATE snapshots SET state = ? WHERE run = ?').run(snapshot.state.slice(0, harm.cut % snapshot.state.length), ordinal);
                snapshotReadable = false;
              }
            }
          } finally {
            db.close();
          }
        }
        const note = (what: string): void => void seen.set(what, (seen.get(what) ?? 0) + 1);
        note(harm.kind);

        const reopened = new SqliteRunStore({ dataDir: reopenDir });
        try {
          await reopened.init();
          const loaded: LoadedRun | undefined = await reopened.loadRun(runId);
          const stored = await reopened.events(runId);
          if (harm.kind === 'wal') {
            // What the crash kept is whole transactions: a prefix of the log, consistent with its record.
            if (loaded === undefined) {
              note('wal: run lost');
              expect(stored).toEqual([]);
              return;
            }
            note(stored.length < events.length ? 'wal: log cut' : 'wal: log whole');
            expect(asJson(stored)).toEqual(asJson(events.slice(0, stored.length)));
            expect(loaded.run.lastSeq).toBe(stored.length === 0 ? 0 : stored[stored.length - 1].seq);
            expect(loaded.truncatedAt).toBeUndefined();
            expect(asJson(loaded.state)).toEqual(asJson(foldOf(runId, stored)));
          } else {
            expect(loaded).toBeDefined();
            // events(): the log up to the first gap or unreadable row (a ghost task still reads).
            const readable: WorkflowEvent[] = [];
            for (const event of events) {
              if (rowState.get(event.seq) === 'missing' || rowState.get(event.seq) === 'unreadable') break;
              readable.push(reread.get(event.seq) ?? event);
            }
            expect(asJson(stored)).toEqual(asJson(readable));
            // loadRun: from the snapshot when it is readable, then forward to the first row that is missing or does not fold.
            let covered = snapshotSeq !== undefined && snapshotReadable ? snapshotSeq : -1;
            for (const event of events) {
              if (event.seq <= covered) continue;
              if (rowState.get(event.seq) !== 'ok') break;
              covered = event.seq;
            }
            const expected = foldOf(runId, events.filter((event) => event.seq <= covered));
            expect(asJson(loaded!.state)).toEqual(asJson(expected));
            expect(loaded!.truncatedAt).toBe(covered < lastSeq ? expected.lastSeq : undefined);
          }

          // Resume from the events that survived (up to where the state stops): the run finishes, each task completed once.
          const prefix = stored.filter((event) => event.seq <= loaded!.state.lastSeq);
          const engineEvents = prefix.filter((event) => event.type !== 'planning');
          // A row naming a task the graph lacks can survive in the log: before the snapshot the load started
          // from, or as an artifact. The engine refuses such a log, as it refuses one with nothing to resume.
          if (engineEvents.length === 0 || prefix.some((event) => 'taskId' in event && event.taskId === 'ghost')) {
            expect(() => resumeWorkflow(prefix, new ScriptedAgents())).toThrow(RunError);
            note('resume refused');
            return;
          }
          const agents = new ScriptedAgents();
          const added: WorkflowEvent[] = [];
          const lastAt = engineEvents[engineEvents.length - 1].at;
          const resumed = resumeWorkflow(prefix, agents, { clock: new VirtualClock({ start: lastAt + 1 }), maxConcurrency: 3, onEvent: (event) => added.push(event) });
          const result = await within(resumed.result, 'the resumed run');
          expect(result.status).toBe('completed');
          note(added.length > 0 ? 'resumed' : 'resumed a finished log');
          const all = [...engineEvents, ...added];
          for (const spec of specs) {
            expect({ task: spec.id, completions: all.filter((event) => event.type === 'task_complete' && event.taskId === spec.id).length }).toEqual({ task: spec.id, completions: 1 });
            if (engineEvents.some((event) => event.type === 'task_complete' && event.taskId === spec.id)) expect(agents.calls).not.toContain(spec.id);
          }
          expect(all.map((event) => event.seq)).toEqual(all.map((_, i) => i + 1));
        } finally {
          await reopened.close();
          rmSync(dir, { recursive: true, force: true });
          if (reopenDir !== dir) rmSync(reopenDir, { recursive: true, force: true });
        }
      }),
      { numRuns: CASES },
    );
  });
});
