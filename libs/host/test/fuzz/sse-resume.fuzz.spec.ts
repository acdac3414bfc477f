import fc from 'fast-check';
import { fuzzCases, fuzzTally, fuzzTimeout } from '../support/fuzz-budget';
import { get, post } from '../support/http';
import { examplePlan } from '../support/plans';
import { readSse, seqOf, type SseEvent, type SseReadResult } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { checkAnswer, StatusCounts } from './api-answers';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(fuzzTimeout(60_000));

/**
 * Resuming a run's event stream with random `Last-Event-ID` headers and `?after=` values, on a finished
 * run and on a run that is still going: a bad resume point is 400 VALIDATION_FAILED; a good one, k,
 * streams exactly the events after seq k of the full replay — no duplicate, no gap — ending with
 * workflow_complete (or nothing, when k is at or past the end).
 */

// This file's share of FUZZ_RUNS is 0.06 (150 cases in npm test).
const FINISHED_CASES = fuzzCases(0.04);
const RUNNING_CASES = fuzzCases(0.02);
const tally = fuzzTally('host/sse-resume');

/** Header-safe text: printable ASCII (fetch refuses control characters and non-Latin-1 in a header). */
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 24 });

/** A resume point as a client may spell it: in range, past the end, padded, signed, decimal, huge, or not a number. */
const resumeText = (lastSeq: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: lastSeq + 3 }).map(String) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: lastSeq }), fc.constantFrom(' ', '  ', '\t', '0', '00')).map(([k, pad]) => (pad.trim() === '' ? `${pad}${k}${pad}` : `${pad}${k}`)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('', ' ', '-1', '-0', '+1', '1.5', '1.0', '1e1', '0x1', 'NaN', 'Infinity', '1 2', '１', '9'.repeat(15), '9'.repeat(16), '9'.repeat(400), 'null', '[1]', '%31'),
    },
    { weight: 2, arbitrary: printable },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  );

interface ResumePoint {
  header?: string;
  after?: string;
}

const resumePoint = (lastSeq: number): fc.Arbitrary<ResumePoint> =>
  fc.record({ header: resumeText(lastSeq).filter((text) => /^[\x20-\x7e\t]*$/.test(text)), after: resumeText(lastSeq) }, { requiredKeys: [] });

/**
 * What the API promises: `after`, when given, is read as a number and must be a non-negative integer
 * (the query is checked before the header is looked at, so a bad one is refused even beside a good
 * header); a non-blank Last-Event-ID must be 1–15 digits and wins over `after`; neither: the whole
 * stream. Returns the refused field, or k (undefined: from the start).
 */
function expectedStart(point: ResumePoint): { refused: 'after' | 'Last-Event-ID' } | { k: number | undefined } {
  const after = point.after === undefined ? undefined : Number(point.after);
  if (after !== undefined && !(Number.isInteger(after) && after >= 0)) return { refused: 'after' };
  const header = point.header?.trim();
  if (header !== undefined && header !== '') return /^\d{1,15}$/.test(header) ? { k: Number(header) } : { refused: 'Last-Event-ID' };
  return { k: after };
}

const seqs = (events: SseEvent[]): number[] => events.map(seqOf);

describe(`resuming event streams at fuzzed points (${FINISHED_CASES + RUNNING_CASES} cases): 400 or exactly the rest`, () => {
  let t: TestApp;
  const statuses = new StatusCounts();

  beforeAll(async () => {
    // A run per case: the per-caller run limit must not refuse them.
    t = await startTestApp({ RATE_LIMIT_RUNS_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await t?.close();
    console.log(`fuzz sse-resume: statuses ${statuses.toString()}`);
    tally.report();
  });

  function eventsUrl(runId: string, point: ResumePoint): { url: string; headers: Record<string, string> } {
    const query = point.after === undefined ? '' : `?${new URLSearchParams({ after: point.after }).toString()}`;
    return { url: `${t.url}/v1/runs/${runId}/events${query}`, headers: point.header === undefined ? {} : { 'Last-Event-ID': point.header } };
  }

  /** A refused point: 400 VALIDATION_FAILED naming the header or the parameter, in the API's error shape. */
  async function expectRefused(runId: string, point: ResumePoint, field: string): Promise<void> {
    const { url, headers } = eventsUrl(runId, point);
    const res = await fetch(url, { headers });
    const text = await res.text();
    statuses.add(res.status);
    const body = JSON.parse(text) as { details?: { path?: string }[] };
    expect(checkAnswer(`GET events ${JSON.stringify(point)}`, { status: res.status, body, text }, { ok: [] })).toBe('VALIDATION_FAILED');
    expect(res.status).toBe(400);
    expect(body.details?.[0]?.path).toBe(field);
  }

  /** The resumed stream against the full replay: the events after k, each once, in order, ending the run. */
  function expectRest(resumed: SseReadResult, full: SseEvent[], k: number | undefined, point: ResumePoint): void {
    statuses.add(resumed.status);
    expect({ point, status: resumed.status, ended: resumed.ended }).toEqual({ point, status: 200, ended: true });
    const expected = full.filter((event) => k === undefined || seqOf(event) > k);
    expect(seqs(resumed.events)).toEqual(seqs(expected));
    expect(resumed.events).toEqual(expected);
    if (expected.length > 0) expect(resumed.events[resumed.events.length - 1].event).toBe('workflow_complete');
  }

  async function fullReplay(runId: string): Promise<SseEvent[]> {
    const full = await readSse(`${t.url}/v1/runs/${runId}/events`);
    expect(full.ended).toBe(true);
    const numbered = seqs(full.events);
    // The full replay itself has no gap and no duplicate: 0 (planning) or 1 up to workflow_complete.
    expect(numbered).toEqual(Array.from({ length: numbered.length }, (_, i) => numbered[0] + i));
    expect(full.events[full.events.length - 1].event).toBe('workflow_complete');
    return full.events;
  }

  it('a finished run (one from a plan, one from a request with its planning event at seq 0)', async () => {
    const fromPlan = (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: examplePlan('ecommerce-order') })).body.runId;
    const fromRequest = (await post<{ runId: string }>(`${t.url}/v1/runs`, { request: 'Charge the card for order 1042 and email the customer' })).body.runId;
    const runs = [
      { runId: fromPlan, full: await fullReplay(fromPlan) },
      { runId: fromRequest, full: await fullReplay(fromRequest) },
    ];
    expect(runs[1].full[0]).toMatchObject({ id: '0', event: 'planning' });
    const lastSeq = Math.max(...runs.map((run) => seqOf(run.full[run.full.length - 1])));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), resumePoint(lastSeq), async (which, point) => {
        tally.count();
        const { runId, full } = runs[which];
        const start = expectedStart(point);
        if ('refused' in start) return expectRefused(runId, point, start.refused);
        const { url, headers } = eventsUrl(runId, point);
        expectRest(await readSse(url, { headers }), full, start.k, point);
      }),
      { numRuns: FINISHED_CASES },
    );
  });

  it('a running run (paused for a person): the resumed stream follows it live to the end', async () => {
    // payment → approval (asks) → shipping: about 10 events, half of them after the answer.
    await fc.assert(
      fc.asyncProperty(resumePoint(14), async (point) => {
        tally.count();
        const runId = (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: examplePlan('approval-flow') })).body.runId;
        const start = expectedStart(point);
        try {
          if ('refused' in start) return await expectRefused(runId, point, start.refused);
          const head = await readSse(`${t.url}/v1/runs/${runId}/events`, { stopWhen: (event) => event.event === 'task_paused' });
          const pausedAt = seqOf(head.events[head.events.length - 1]);
          // Answer once the resumed stream has replayed its first event (so the rest comes live), or at once
          // when k is at or past the pause (nothing to replay yet).
          let answered: Promise<unknown> | undefined;
          const answer = (): void => void (answered ??= post(`${t.url}/v1/runs/${runId}/input`, { taskId: 'approval', answer: 'yes' }));
          const { url, headers } = eventsUrl(runId, point);
          const reading = readSse(url, { headers, onEvent: answer });
          if (start.k !== undefined && start.k >= pausedAt) answer();
          const resumed = await reading;
          expect(((await answered) as { status: number }).status).toBe(200);
          expectRest(resumed, await fullReplay(runId), start.k, point);
        } finally {
          // A refused point leaves the run paused: end it.
          const run = await get<{ status: string }>(`${t.url}/v1/runs/${runId}`);
          if (run.body.status === 'running') await fetch(`${t.url}/v1/runs/${runId}`, { method: 'DELETE' });
        }
      }),
      { numRuns: RUNNING_CASES },
    );
  });
});
