import Ajv, { type ValidateFunction } from 'ajv';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKFLOW_EVENT_JSON_SCHEMA, WORKFLOW_EVENT_TYPES, type WorkflowEvent, type WorkflowEventType } from '../src';
import { busyRun, cancelledRun, resumedRun, timedOutRun } from './support/event-scenarios';

const ROOT = join(__dirname, '..', '..', '..');
const GENERATOR = 'tools/contract/generate-event-schema.js';
const GENERATED = ['libs/core-graph/src/events/workflow-event.schema.ts', 'schemas/events.schema.json'];

// Compile-time: the generated list names every member of the union (the generator's `satisfies` checks the converse).
type Unlisted = Exclude<WorkflowEventType, (typeof WORKFLOW_EVENT_TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** What a client receives: the SSE `data` line (and a store's row) is the event's JSON. */
const wire = (event: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(event)) as Record<string, unknown>;

type Definition = Readonly<Record<string, unknown>>;
const definitions: Readonly<Record<string, Definition>> = WORKFLOW_EVENT_JSON_SCHEMA.definitions;
const memberOf = ($ref: string): Definition => definitions[$ref.replace('#/definitions/', '')];
const tagOf = (definition: Definition): unknown => (definition.properties as Record<string, { const?: unknown }> | undefined)?.type?.const;

interface Checker {
  validate: ValidateFunction;
  /** Each `oneOf` member by its `type` const: its errors name what is wrong, not every member's mismatch. */
  members: Map<unknown, ValidateFunction | undefined>;
}

function compile(): Checker {
  // strict: unknown keywords, ignored keywords and loose tuples are errors, not logs.
  const ajv = new Ajv({ strict: true, allErrors: true });
  const validate = ajv.compile(WORKFLOW_EVENT_JSON_SCHEMA);
  const members = new Map(WORKFLOW_EVENT_JSON_SCHEMA.oneOf.map(({ $ref }) => [tagOf(memberOf($ref)), ajv.getSchema(`${WORKFLOW_EVENT_JSON_SCHEMA.$id}${$ref}`)]));
  return { validate, members };
}

/** Events that break the schema, with ajv's reasons (empty when all validate). */
function invalid({ validate, members }: Checker, events: readonly unknown[]): { type: unknown; seq: unknown; errors: string }[] {
  const out: { type: unknown; seq: unknown; errors: string }[] = [];
  for (const event of events) {
    const json = wire(event);
    // (`as unknown`: ajv's guard would narrow `json` to never below.)
    if (validate(json as unknown)) continue;
    const member = members.get(json.type);
    member?.(json);
    out.push({ type: json.type, seq: json.seq, errors: member ? new Ajv().errorsText(member.errors) : 'no oneOf member has this type' });
  }
  return out;
}

describe('the event schema generated from WorkflowEvent', () => {
  it(
    `is committed as generated: ${GENERATED.join(' and ')} equal a fresh run of ${GENERATOR}`,
    () => {
      const out = mkdtempSync(join(tmpdir(), 'event-schema-'));
      try {
        execFileSync(process.execPath, [join(ROOT, GENERATOR), '--out-dir', out], { cwd: ROOT, stdio: 'pipe' });
        const stale = GENERATED.filter((file) => readFileSync(join(out, file), 'utf8') !== readFileSync(join(ROOT, file), 'utf8'));
        if (stale.length > 0) throw new Error(`${stale.join(' and ')} ${stale.length > 1 ? 'differ' : 'differs'} from the TypeScript types: run \`node ${GENERATOR}\` and commit the result`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
      // The exported constant is the same data as the published file.
      expect(JSON.parse(readFileSync(join(ROOT, 'schemas/events.schema.json'), 'utf8'))).toEqual(WORKFLOW_EVENT_JSON_SCHEMA);
    },
    120_000,
  );

  it('is draft-07, one `oneOf` member per event type, each an object with a required single-const `type`', () => {
    expect(everyTypeListed).toBe(true);
    const schema = WORKFLOW_EVENT_JSON_SCHEMA;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const tags = schema.oneOf.map(({ $ref }) => {
      const member = memberOf($ref);
      expect({ $ref, type: member.type, typeRequired: (member.required as readonly string[] | undefined)?.includes('type') }).toEqual({ $ref, type: 'object', typeRequired: true });
      expect($ref).toMatch(/Event$/);
      return tagOf(member);
    });
    expect(tags).toEqual([...WORKFLOW_EVENT_TYPES]);
    expect(new Set(tags).size).toBe(tags.length);
    // `output: unknown` stays "any JSON value": the empty schema.
    expect(schema.definitions.TaskCompleteEvent.properties.output).toEqual({});
  });

  it('compiles in ajv strict mode', () => {
    expect(() => compile()).not.toThrow();
  });

  describe('holds for what the engine emits', () => {
    let checker: Checker;
    const scenarios = new Map<string, WorkflowEvent[]>();
    const seen = new Map<string, Record<string, unknown>[]>();
    beforeAll(async () => {
      checker = compile();
      for (const strategy of ['sequential', 'parallel', 'hybrid'] as const) scenarios.set(`${strategy} run`, (await busyRun(strategy)).events);
      scenarios.set('cancelled run', (await cancelledRun()).events);
      scenarios.set('timed-out run', (await timedOutRun()).events);
      scenarios.set('resumed run', (await resumedRun(scenarios.get('parallel run') ?? [])).events);
      for (const event of [...scenarios.values()].flat()) seen.set(event.type, [...(seen.get(event.type) ?? []), wire(event)]);
    });

    it.each(['sequential', 'parallel', 'hybrid'])('a %s run with a pause, retries, progress, artifacts, a failure, queueing and a graph change', (strategy) => {
      const events = scenarios.get(`${strategy} run`) ?? [];
      expect(events.at(-1)?.type).toBe('workflow_complete');
      expect(invalid(checker, events)).toEqual([]);
    });

    it('a cancelled run and a timed-out one', () => {
      expect(scenarios.get('cancelled run')?.at(-1)).toMatchObject({ type: 'workflow_complete', result: { status: 'cancelled' } });
      expect(scenarios.get('timed-out run')?.at(-1)).toMatchObject({ type: 'workflow_complete', result: { stopReason: { code: 'RUN_TIMEOUT' } } });
      expect(invalid(checker, [...(scenarios.get('cancelled run') ?? []), ...(scenarios.get('timed-out run') ?? [])])).toEqual([]);
    });

    it('a run resumed from its log behind the host planning note, its in-flight attempt redispatched', () => {
      const events = scenarios.get('resumed run') ?? [];
      expect(events[0]).toMatchObject({ type: 'planning', seq: 0 });
      expect(events.filter((e) => e.type === 'task_start' && e.redispatched)).toHaveLength(1);
      expect(invalid(checker, events)).toEqual([]);
    });

    it('and those runs produced every event type in the union, with the optional fields', () => {
      expect(WORKFLOW_EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
      const some = (type: string, predicate: (event: Record<string, unknown>) => boolean) => (seen.get(type) ?? []).some(predicate);
      const has = (field: string) => (event: Record<string, unknown>) => event[field] !== undefined;
      const result = (event: Record<string, unknown>) => event.result as Record<string, unknown>;
      expect({
        redispatched: some('task_start', has('redispatched')),
        quality: some('task_complete', (e) => has('quality')(e) && has('qualityScore')(e) && has('qualityMs')(e)),
        servedBy: some('task_complete', has('servedBy')),
        skippedForFailure: some('task_skipped', (e) => e.reason === 'dependency_failed' && has('cause')(e)),
        skippedOnStop: some('task_skipped', (e) => e.reason === 'run_stopped'),
        cancelReason: some('task_cancelled', has('reason')),
        progressMessage: some('task_progress', has('message')),
        stopReason: some('workflow_complete', (e) => has('stopReason')(result(e))),
        concurrentLevel: some('level_start', (e) => e.concurrent === true),
      }).toEqual({
        redispatched: true,
        quality: true,
        servedBy: true,
        skippedForFailure: true,
        skippedOnStop: true,
        cancelReason: true,
        progressMessage: true,
        stopReason: true,
        concurrentLevel: true,
      });
    });

    it('rejects a mutated event: an unknown type, a missing seq, a string `at`, another type\'s tag, an undeclared field', () => {
      const complete = seen.get('task_complete')?.[0];
      expect(complete).toBeDefined();
      expect(invalid(checker, [complete])).toEqual([]);
      const { seq: _seq, ...withoutSeq } = complete!;
      const mutants: Record<string, unknown> = {
        'unknown type': { ...complete, type: 'task_done' },
        'missing seq': withoutSeq,
        'string at': { ...complete, at: String(complete!.at) },
        "task_failed's tag on a task_complete": { ...complete, type: 'task_failed' },
        'undeclared field': { ...complete, extra: 1 },
      };
      const accepted = Object.entries(mutants)
        .filter(([, mutant]) => checker.validate(mutant))
        .map(([name]) => name);
      expect(accepted).toEqual([]);
    });
  });

  it('takes any JSON value as a task output or artifact data', () => {
    const { validate } = compile();
    const base = { seq: 3, runId: 'r', at: 1, type: 'task_complete', taskId: 't', agent: 'a', attempt: 1, durationMs: 0 };
    const values: unknown[] = [null, 'text', 0, -1.5, true, [], [1, 'two', null], {}, { nested: { list: [{ deep: false }] } }];
    const rejected = values.filter(
      (value) => !validate({ ...base, output: value }) || !validate({ seq: 2, runId: 'r', at: 0, type: 'artifact', taskId: 't', artifact: { data: value } }),
    );
    expect(rejected).toEqual([]);
  });
});
