import fc from 'fast-check';
import '../support/property-settings';
import { StrategyName, TERMINAL_STATUSES, WorkflowEvent, WorkflowNodeSpec, applyEvent, createRunState } from '../../src';
import { Recorded, Script, answerFor, fold, outcomes, recordRun, replay, resumeToEnd } from './resume-support';

/** Random DAGs of scripted tasks: delays, failures, retries, low-quality outputs, questions, progress. */
const scriptedDag = (maxNodes: number): fc.Arbitrary<WorkflowNodeSpec[]> =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.array(
      fc.record({
        deps: fc.array(fc.nat(), { maxLength: 3 }),
        durationMs: fc.integer({ min: 0, max: 30 }),
        failTimes: fc.constantFrom(0, 0, 0, 1, 2),
        failAlways: fc.constantFrom(false, false, false, false, false, false, false, true),
        lowQualityTimes: fc.constantFrom(0, 0, 0, 1, 2),
        ask: fc.constantFrom(false, false, false, false, true),
        progress: fc.boolean(),
        maxRetries: fc.constantFrom(undefined, 0, 1, 2),
      }),
      { minLength: n, maxLength: n },
    ).map((drawn) =>
      drawn.map((d, i): WorkflowNodeSpec => {
        const script: Script = { durationMs: d.durationMs, failTimes: d.failTimes, failAlways: d.failAlways, lowQualityTimes: d.lowQualityTimes, progress: d.progress };
        if (d.ask) script.ask = `may ${i} go on?`;
        return {
          id: `t${i}`,
          description: `task ${i}`,
          agent: 'scripted',
          dependencies: i === 0 ? [] : [...new Set(d.deps.map((x) => `t${x % i}`))],
          input: { ...script },
          ...(d.maxRetries === undefined ? {} : { maxRetries: d.maxRetries }),
          ...(d.lowQualityTimes > 0 ? { qualityPolicy: 'retry' as const } : {}),
        };
      }),
    ),
  );

/** Every prefix length of a short log, an even sample (first and last included) of a long one. */
function cuts(length: number, most = 48): number[] {
  if (length <= most) return Array.from({ length }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: most }, (_, i) => 1 + Math.round((i * (length - 1)) / (most - 1))))];
}

/** The attempt a task in flight (or paused) at the cut must be sent again under, or undefined. */
function inFlightAttempt(status: string, attempts: number): number | undefined {
  if (status === 'running' || status === 'paused') return attempts;
  if (status === 'queued') return attempts + 1;
  return undefined;
}

/** Parallel: one level open at a time, numbered 0, 1, …; a task starts only in its open level; a level closes when all its tasks ended. */
function expectLevelBarrier(all: readonly WorkflowEvent[]): void {
  const state = createRunState(all[0].runId);
  let open: { level: number; ids: Set<string> } | undefined;
  let nextLevel = 0;
  for (const event of all) {
    if (event.type === 'level_start') {
      expect(open).toBeUndefined();
      expect(event.level).toBe(nextLevel++);
      open = { level: event.level, ids: new Set(event.taskIds) };
    } else if (event.type === 'level_complete') {
      expect(open?.level).toBe(event.level);
      for (const id of open?.ids ?? []) expect(TERMINAL_STATUSES.has(state.tasks[id].status)).toBe(true);
      open = undefined;
    } else if (event.type === 'task_start') {
      expect(open?.ids.has(event.taskId)).toBe(true);
    }
    applyEvent(state, event);
  }
  expect(open).toBeUndefined();
}

/**
 * A resumed run re-runs a task whose backoff the log left open at once (its backoff counts as over),
 * so tasks may run in another order than they did. Outcomes do not depend on the order, except
 * under `sequential` when a task fails for good: the run stops there, and what had run by then counts.
 */
function orderDecides(first: Recorded, strategy: StrategyName): boolean {
  return strategy === 'sequential' && first.events.some((e) => e.type === 'task_retry') && first.events.some((e) => e.type === 'task_failed');
}

async function expectResumesLikeTheFirstRun(first: Recorded, k: number, strategy: StrategyName, maxConcurrency: number | undefined, withPlanning: boolean): Promise<void> {
  const prefix = first.events.slice(0, k);
  const planning: WorkflowEvent = { type: 'planning', seq: 0, runId: first.runId, at: 0, message: 'planned by a test' };
  const resumed = await resumeToEnd(withPlanning ? [planning, ...prefix] : prefix);
  const cut = fold(prefix);

  // (a) the same outcome per task as the uninterrupted run (deterministic agents)
  if (orderDecides(first, strategy)) {
    // What a sequential run stops on depends on the order tasks ran in, which a backoff cut short
    // changes: then only agreeing tasks must agree (same output, same attempts).
    const before = outcomes(first.result);
    for (const [id, outcome] of Object.entries(outcomes(resumed.result))) {
      if (outcome.status === 'completed' && before[id].status === 'completed') expect(outcome).toEqual(before[id]);
    }
    expect(resumed.result.status).not.toBe('running');
  } else {
    expect(resumed.result.status).toBe(first.result.status);
    expect(outcomes(resumed.result)).toEqual(outcomes(first.result));
  }

  const added = resumed.added;
  const startsOf = (id: string) => added.filter((e): e is Extract<WorkflowEvent, { type: 'task_start' }> => e.type === 'task_start' && e.taskId === id);
  for (const id of cut.order) {
    const task = cut.tasks[id];
    // (b) what completed before the cut never runs again
    if (task.status === 'completed') expect(resumed.executor.callsOf(id)).toEqual([]);
    // (c) what was in flight goes out again with the same attempt, so the same idempotency key
    const again = inFlightAttempt(task.status, task.attempts);
    const starts = startsOf(id);
    if (again === undefined) {
      expect(starts.filter((e) => e.redispatched)).toEqual([]);
      continue;
    }
    const firstCall = resumed.executor.callsOf(id)[0];
    expect(firstCall).toMatchObject({ attempt: again, idempotencyKey: `${first.runId}/${id}/${again}` });
    expect(starts[0]).toMatchObject({ attempt: again, redispatched: true });
    expect(starts.slice(1).filter((e) => e.redispatched)).toEqual([]);
    if (task.status === 'paused') {
      // answered after the restart without asking again in that attempt
      expect(firstCall.answer).toBe(answerFor(id));
      const from = added.indexOf(starts[0]);
      const to = starts.length > 1 ? added.indexOf(starts[1]) : added.length;
      expect(added.slice(from, to).filter((e) => e.type === 'task_paused' && e.taskId === id)).toEqual([]);
    }
  }

  // (d) one gapless log that folds to the live state, replayed by the run itself
  const all = [...prefix, ...added];
  expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
  expect(added.some((e) => e.type === 'workflow_start')).toBe(false);
  for (let i = 1; i < all.length; i++) expect(all[i].at).toBeGreaterThanOrEqual(all[i - 1].at);
  expect(fold(all)).toEqual(resumed.run.state);
  expect(await replay(resumed.run)).toEqual(all);
  if (k === first.events.length) expect(added).toEqual([]);

  // (e) the level barrier holds across the cut
  if (strategy === 'parallel') expectLevelBarrier(all);
  // An answered pause takes a slot back even when the run is full (as in any run): only runs without questions are bounded.
  const asks = first.events.some((e) => e.type === 'task_paused');
  if (strategy === 'sequential') expect(resumed.executor.maxRunning).toBeLessThanOrEqual(1);
  else if (maxConcurrency !== undefined && !asks) expect(resumed.executor.maxRunning).toBeLessThanOrEqual(maxConcurrency);
}

describe('resumeWorkflow continues a run from any prefix of its log', () => {
  const strategies: StrategyName[] = ['parallel', 'hybrid', 'sequential'];
  for (const strategy of strategies) {
    it(`${strategy}: every cut resumes to the uninterrupted run's outcome`, async () => {
      await fc.assert(
        fc.asyncProperty(scriptedDag(9), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), fc.boolean(), async (specs, maxConcurrency, withPlanning) => {
          const first = await recordRun(specs, strategy, { maxConcurrency, parallelThreshold: 2 });
          for (const k of cuts(first.events.length)) await expectResumesLikeTheFirstRun(first, k, strategy, maxConcurrency, withPlanning);
        }),
        { numRuns: 40 },
      );
    });
  }
});
