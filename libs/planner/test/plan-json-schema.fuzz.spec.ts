import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { DEFAULT_PLAN_LIMITS, planJsonSchema, validatePlan, type PlanIssue, type PlanLimits } from '../src';
import { fuzzCases, fuzzTally, fuzzTimeout } from './fuzz-budget';
import { MUTATION_KINDS, SMALL_LIMITS, mutate, mutationArb, mutationMatrix, validPlanArb, type MutationKind } from './plan-like-values';

jest.setTimeout(fuzzTimeout(60_000));

// This file's share of FUZZ_RUNS is 0.2 (500 cases in npm test, 2 000 in npm run fuzz).
const CASES = fuzzCases(0.2, 300);
const tally = fuzzTally('planner/plan-json-schema');
afterAll(() => tally.report());

/**
 * Issue codes for a defect the schema states (a type, a range, an enum, a key, a required field, a
 * length, a list's size or repeats, the id characters). The others need the whole plan (DUPLICATE_ID,
 * UNKNOWN_DEPENDENCY, SELF_DEPENDENCY, CYCLE, UNKNOWN_TASK, UNKNOWN_AGENT) or bytes and depth (INPUT_TOO_*).
 */
const STRUCTURAL = new Set<PlanIssue['code']>([
  'INVALID_TYPE',
  'INVALID_NUMBER',
  'INVALID_VALUE',
  'UNKNOWN_FIELD',
  'DUPLICATE_FIELD',
  'MISSING_FIELD',
  'EMPTY_PLAN',
  'TOO_MANY_TASKS',
  'ID_TOO_LONG',
  'TEXT_TOO_LONG',
  'INVALID_ID',
  'DUPLICATE_DEPENDENCY',
]);

/** INVALID_VALUE at a group's `tasks` is the independence check: two members depend on each other. */
const GROUP_MEMBERS = /^(parallelGroups|parallel_groups)\[\d+\]\.tasks$/;

/**
 * ajv 8 keys its `uniqueItems` check of string items in a plain object, so a repeated "__proto__" passes
 * it: the schema says `uniqueItems`, the checker misses that one id.
 */
function ajvMissesRepeat(issue: PlanIssue, value: unknown): boolean {
  const at = /^tasks\[(\d+)\]\.dependencies\[(\d+)\]$/.exec(issue.path);
  if (issue.code !== 'DUPLICATE_DEPENDENCY' || at === null) return false;
  const tasks = (value as { tasks: { dependencies: unknown[] }[] }).tasks;
  return tasks[Number(at[1])].dependencies[Number(at[2])] === '__proto__';
}

/** Whether the schema must refuse a value with this issue; `astral`: the value holds characters of two UTF-16 units. */
function isStructural(issue: PlanIssue, value: unknown, astral: boolean): boolean {
  if (!STRUCTURAL.has(issue.code) || ajvMissesRepeat(issue, value)) return false;
  if (issue.code === 'INVALID_VALUE' && GROUP_MEMBERS.test(issue.path)) return false;
  // The validator counts UTF-16 units, JSON Schema code points: an emoji counts 2 there, 1 here.
  if ((issue.code === 'ID_TOO_LONG' || issue.code === 'TEXT_TOO_LONG') && astral) return false;
  return true;
}

/** The schema with `limits`, compiled as an editor-side validator would (strict, first error only). */
function compiled(limits: PlanLimits) {
  return new Ajv2020({ strict: true }).compile(planJsonSchema(limits));
}

type Verdict = 'accepted' | 'structural' | 'otherwise';

/**
 * Both verdicts on `value`, or what is wrong with them: the schema refuses a plan the validator accepts
 * (validatePlan(x).ok ⇒ the schema accepts x), or accepts one the validator refuses for a defect the
 * schema states (the schema is as tight as JSON Schema allows).
 */
function judge(value: unknown, limits: PlanLimits, schema: ReturnType<typeof compiled>): { verdict: Verdict; wrong?: string } {
  const result = validatePlan(value, { limits });
  const schemaAccepts = schema(value);
  const astral = /[\uD800-\uDFFF]/.test(JSON.stringify(value));
  const structural = result.issues.filter((issue) => isStructural(issue, value, astral));
  if (result.ok && !schemaAccepts) return { verdict: 'accepted', wrong: `the schema refuses a valid plan: ${JSON.stringify(schema.errors)}` };
  if (structural.length > 0 && schemaAccepts) return { verdict: 'structural', wrong: `the schema accepts it despite ${JSON.stringify(structural)}` };
  return { verdict: result.ok ? 'accepted' : structural.length > 0 ? 'structural' : 'otherwise' };
}

const planLikeArb = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(validPlanArb, fc.array(mutationArb, { maxLength: 3 })).map(([plan, mutations]) => ({ value: mutate(plan, mutations), kinds: mutations.map((m) => m.kind) })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value, kinds: [] as MutationKind[] })) },
);

describe('the plan JSON Schema against validatePlan, on plan-like values', () => {
  const schemas = new Map<PlanLimits, ReturnType<typeof compiled>>([
    [SMALL_LIMITS, compiled(SMALL_LIMITS)],
    [DEFAULT_PLAN_LIMITS, compiled(DEFAULT_PLAN_LIMITS)],
  ]);
  const schemaFor = (limits: PlanLimits) => schemas.get(limits) as ReturnType<typeof compiled>;

  it.each([
    ['small limits', SMALL_LIMITS, true],
    ['default limits, no list past 100 000 entries', DEFAULT_PLAN_LIMITS, false],
  ])('agree on a full plan changed in one place, every way (%s)', (_name, limits, pastMaxTasks) => {
    const cases = mutationMatrix(limits, { pastMaxTasks });
    const verdicts = cases.map(({ label, value }) => ({ label, ...judge(value, limits, schemaFor(limits)) }));
    expect(verdicts.filter((v) => v.wrong !== undefined).map((v) => `${v.label}: ${v.wrong}`)).toEqual([]);
    // The matrix reaches all three outcomes: kept valid, refused by both, refused by the validator only.
    expect(new Set(verdicts.map((v) => v.verdict))).toEqual(new Set(['accepted', 'structural', 'otherwise']));
  });

  it('accepts every plan the validator accepts, and refuses every plan with a defect it can state (random plans, random changes)', () => {
    const seen = { accepted: 0, structural: 0, otherwise: 0 };
    const mutated = new Set<MutationKind>();
    fc.assert(
      fc.property(planLikeArb, fc.constantFrom(SMALL_LIMITS, DEFAULT_PLAN_LIMITS), ({ value, kinds }, limits) => {
        tally.count();
        const { verdict, wrong } = judge(value, limits, schemaFor(limits));
        expect(wrong).toBeUndefined();
        seen[verdict]++;
        kinds.forEach((kind) => mutated.add(kind));
      }),
      { numRuns: CASES },
    );
    // The cases reached all three outcomes and every kind of change.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.structural).toBeGreaterThan(0);
    expect(seen.otherwise).toBeGreaterThan(0);
    expect([...mutated].sort()).toEqual([...MUTATION_KINDS].sort());
  });
});
