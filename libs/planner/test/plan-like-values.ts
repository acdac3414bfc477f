import fc from 'fast-check';
import {
  COORDINATION_STRATEGIES,
  MAX_TASK_RETRIES,
  MAX_TIMER_MS,
  PRIORITY_NAMES,
  QUALITY_DOMAINS,
  QUALITY_POLICIES,
  RISK_SEVERITIES,
  type PlanLimits,
} from '../src';
import * as rules from '../src/validation/field-readers';
import { PARALLEL_GROUP_FIELDS, PLAN_FIELDS, RESOURCE_ENTRY_FIELDS, RISK_FIELDS, TASK_FIELDS, type ObjectFields } from '../src/validation/object-fields';

/**
 * Plan-like JSON values for comparing the plan's JSON Schema with the validator: valid plans in any mix
 * of spellings (written here from the plan format, not from the schema), then bent by mutations:
 * a field set to a value of any type or at a range's edge, an unknown key, a field in two spellings,
 * a field dropped, an entry repeated, an object replaced by another value.
 */

/** Small limits, so that lists and strings past them are cheap to make. */
export const SMALL_LIMITS: PlanLimits = { maxTasks: 4, maxIdLength: 12, maxDescriptionLength: 16, maxInputBytes: 64 };

type Entry = readonly [string, unknown];
type Json = Record<string, unknown>;

/** Characters ids and texts are made of: blanks the validator trims, accents, CJK, an emoji (two UTF-16 units). */
const ID_UNIT = fc.constantFrom('a', 'b', 'c', '_', '-', '7', ' ', '\u00a0', 'é', '日', '🚚');
const TEXT_UNIT = fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\u00a0', 'é', '🚚', '"', '\\');
const nonBlank = (text: string): boolean => text.trim() !== '';

const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: ID_UNIT, minLength: 1, maxLength: 6 }).filter(nonBlank) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty') },
);
const textArb = fc.string({ unit: TEXT_UNIT, maxLength: 18 });
const nonBlankTextArb = textArb.filter(nonBlank);
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const positive = (max: number) => fc.oneof(fc.double({ min: 0, max, minExcluded: true, noNaN: true }), fc.constant(max));
const smallObject = fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 })), { maxKeys: 3 });

/** The original framework's `quality_domain`, in any case, with the characters that upper-case to its letters. */
const SAME_UPPER_CASE: Readonly<Record<string, readonly string[]>> = { I: ['ı'], S: ['ſ'] };
const anyCaseDomain = fc.constantFrom(...QUALITY_DOMAINS).chain((domain) =>
  fc
    .tuple(fc.tuple(...[...domain].map((letter) => fc.constantFrom(letter, letter.toLowerCase(), ...(SAME_UPPER_CASE[letter] ?? [])))), fc.boolean())
    .map(([letters, sharpS]) => {
      const word = letters.join('');
      return sharpS ? word.replace(/[sſ]{2}$/i, 'ß') : word;
    }),
);

/** The spellings of `field` in `table`: this format's name, then the original framework's. */
export function spellingsOf<F extends string>(table: ObjectFields<F>, field: F): string[] {
  return [field, ...table.originalFields().filter((o) => o.field === field).map((o) => o.original)];
}

/** `field` under one of its names: `seconds` for an original name in seconds, `original` for another original one. */
function spelt<F extends string>(
  table: ObjectFields<F>,
  field: F,
  value: fc.Arbitrary<unknown>,
  other: { seconds?: fc.Arbitrary<unknown>; original?: fc.Arbitrary<unknown> } = {},
): fc.Arbitrary<Entry> {
  const units = new Map(table.originalFields().map((o) => [o.original, o.unit]));
  return fc.constantFrom(...spellingsOf(table, field)).chain((name) => {
    if (name === field) return value.map((v): Entry => [name, v]);
    const arbitrary = units.get(name) === 'seconds' ? other.seconds : other.original;
    return (arbitrary ?? value).map((v): Entry => [name, v]);
  });
}

const optional = (entry: fc.Arbitrary<Entry>): fc.Arbitrary<Entry | undefined> => fc.option(entry, { nil: undefined });

/** An object from entries; `Object.fromEntries` keeps a `__proto__` key as an own key. */
const objectOf = (entries: readonly (Entry | undefined)[]): Json => Object.fromEntries(entries.filter((e): e is Entry => e !== undefined));

function taskArb(ids: readonly string[], index: number): fc.Arbitrary<Json> {
  const T = TASK_FIELDS;
  return fc
    .tuple(
      fc.constant<Entry>(['id', ids[index]]),
      spelt(T, 'description', nonBlankTextArb),
      spelt(T, 'agent', idArb),
      optional(spelt(T, 'dependencies', fc.subarray(ids.slice(0, index)))),
      optional(spelt(T, 'input', smallObject)),
      optional(spelt(T, 'qualityDomain', fc.constantFrom(...QUALITY_DOMAINS), { original: anyCaseDomain })),
      optional(spelt(T, 'qualityThreshold', finite(0, 1))),
      optional(spelt(T, 'qualityPolicy', fc.constantFrom(...QUALITY_POLICIES))),
      optional(spelt(T, 'estimatedDuration', finite(0, MAX_TIMER_MS), { seconds: finite(0, MAX_TIMER_MS / 1000) })),
      optional(spelt(T, 'parallelSafe', fc.boolean())),
      optional(spelt(T, 'priority', fc.oneof(finite(-1e9, 1e9), fc.constantFrom(...PRIORITY_NAMES)))),
      optional(spelt(T, 'timeoutMs', positive(MAX_TIMER_MS), { seconds: positive(MAX_TIMER_MS / 1000) })),
      optional(spelt(T, 'maxRetries', fc.integer({ min: 0, max: MAX_TASK_RETRIES }))),
    )
    .map(objectOf);
}

function groupArb(ids: readonly string[]): fc.Arbitrary<Json> {
  const G = PARALLEL_GROUP_FIELDS;
  return fc.tuple(optional(spelt(G, 'name', textArb)), spelt(G, 'tasks', fc.subarray([...ids], { maxLength: Math.min(2, ids.length) }))).map(objectOf);
}

function riskArb(ids: readonly string[]): fc.Arbitrary<Json> {
  const R = RISK_FIELDS;
  return fc
    .tuple(
      spelt(R, 'description', nonBlankTextArb),
      optional(spelt(R, 'severity', fc.constantFrom(...RISK_SEVERITIES))),
      optional(spelt(R, 'taskId', fc.constantFrom(...ids))),
      optional(spelt(R, 'mitigation', textArb)),
    )
    .map(objectOf);
}

const resourceEntryArb = fc
  .tuple(spelt(RESOURCE_ENTRY_FIELDS, 'tasks', fc.nat({ max: 1000 })), spelt(RESOURCE_ENTRY_FIELDS, 'estimatedMs', finite(0, 1e12)))
  .map(objectOf);

/** A plan the validator accepts, but for parallel groups whose members depend on each other, and ids too long in UTF-16. */
export const validPlanArb: fc.Arbitrary<Json> = fc.uniqueArray(idArb, { minLength: 1, maxLength: SMALL_LIMITS.maxTasks }).chain((ids) => {
  const P = PLAN_FIELDS;
  const seconds = finite(0, 1e9);
  return fc
    .tuple(
      optional(fc.constant<Entry>(['$schema', '../schemas/plan.schema.json'])),
      optional(spelt(P, 'name', textArb)),
      optional(spelt(P, 'description', textArb)),
      optional(spelt(P, 'request', fc.string({ maxLength: 40 }))),
      optional(spelt(P, 'coordinationStrategy', fc.constantFrom(...COORDINATION_STRATEGIES))),
      optional(spelt(P, 'parallelThreshold', fc.integer({ min: 1, max: 1e6 }))),
      optional(spelt(P, 'maxConcurrency', fc.integer({ min: 1, max: 1e6 }))),
      optional(spelt(P, 'qualityPolicy', fc.constantFrom(...QUALITY_POLICIES))),
      spelt(P, 'tasks', fc.tuple(...ids.map((_, i) => taskArb(ids, i)))),
      optional(spelt(P, 'criticalPath', fc.shuffledSubarray([...ids]))),
      optional(spelt(P, 'estimatedTotalTime', finite(0, 1e12), { seconds })),
      optional(spelt(P, 'estimatedParallelTime', finite(0, 1e12), { seconds })),
      optional(spelt(P, 'estimatedTimeSaved', finite(0, 1e12), { seconds })),
      optional(spelt(P, 'parallelGroups', fc.array(groupArb(ids), { maxLength: 2 }))),
      optional(spelt(P, 'qualityValidationPlan', smallObject)),
      optional(spelt(P, 'resourceBreakdown', fc.array(fc.tuple(idArb, resourceEntryArb), { maxLength: 2 }).map((entries) => Object.fromEntries(entries)))),
      optional(spelt(P, 'risks', fc.array(riskArb(ids), { maxLength: 2 }))),
    )
    .map(objectOf);
});

/** Every number rule of the validator, durations in both units: their edges are the numbers worth trying. */
const NUMBER_RULES: readonly rules.NumberRule[] = [
  rules.NON_NEGATIVE,
  rules.POSITIVE,
  rules.NON_NEGATIVE_INTEGER,
  rules.POSITIVE_INTEGER,
  rules.UNIT_INTERVAL,
  rules.RETRY_COUNT,
  ...[rules.TIMER_TIMEOUT, rules.TIMER_DURATION, rules.ESTIMATE].flatMap((rule) => [rule.ms, rule.seconds]),
];

/**
 * Values to put in place of a field: each rule's bounds and just past them, fractions, every enum's
 * values and near misses, blank, unprintable and over-long strings, id lists (repeated, unknown, longer
 * than a plan may have tasks), objects, and null.
 */
export function edgeValues(limits: PlanLimits, ids: readonly string[]): unknown[] {
  const numbers = new Set<number>([0, -1, 0.5, 1.5, 1e300, -1e300]);
  for (const rule of NUMBER_RULES) {
    for (const bound of [rule.min, rule.max]) {
      if (bound !== undefined) [bound, bound - 0.001, bound + 0.001, bound - 1, bound + 1].forEach((n) => numbers.add(n));
    }
  }
  const enums = [COORDINATION_STRATEGIES, QUALITY_POLICIES, QUALITY_DOMAINS, PRIORITY_NAMES, RISK_SEVERITIES].flatMap((choices) => [
    ...choices,
    choices[0].toUpperCase() === choices[0] ? choices[0].toLowerCase() : choices[0].toUpperCase(),
  ]);
  const longId = 'i'.repeat(limits.maxIdLength + 1);
  return [
    null,
    true,
    false,
    ...numbers,
    ...enums,
    '',
    ' ',
    '\u00a0\t',
    'x',
    'a\u0007b',
    'a\u202eb',
    'a\u2028b',
    'analytİcal',
    'x'.repeat(limits.maxDescriptionLength + 1),
    longId,
    [],
    [ids[0]],
    [ids[0], ids[0]],
    ['nowhere'],
    [' '],
    [longId],
    [1],
    {},
    { tasks: 1, estimatedMs: 2 },
    { a: 1 },
  ];
}

/** A list of ids longer than a plan may have tasks. */
const tooLongList = (limits: PlanLimits): string[] => Array.from({ length: limits.maxTasks + 1 }, (_, i) => `t${i}`);

/** Values a mutation puts in place of a field: the edge values, any JSON, lists past the limits. */
const badValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...edgeValues(SMALL_LIMITS, ['a'])) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(idArb, { minLength: SMALL_LIMITS.maxTasks + 1, maxLength: SMALL_LIMITS.maxTasks + 2 }) },
);

/** Keys a plan format does not define (synonyms, another object's fields, near misses) and some it does. */
const otherKeyArb = fc.oneof(
  fc.constantFrom('dependsOn', 'retries', 'agentName', 'steps', 'estimated_durations', 'timeoutMS', 'enable_tracing', 'severity', 'tasks', 'estimatedMs', '$schema', '__proto__', 'constructor', 'id', 'name'),
  fc.string({ maxLength: 6 }),
);

export const MUTATION_KINDS = ['value', 'other-key', 'both-spellings', 'drop', 'repeat-entry', 'replace'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  readonly kind: MutationKind;
  /** Which object of the plan (modulo their number), which of its names (modulo theirs). */
  readonly target: number;
  readonly pick: number;
  readonly key: string;
  readonly value: unknown;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  target: fc.nat(),
  pick: fc.nat(),
  key: otherKeyArb,
  value: badValueArb,
});

/** An object of the plan with its table, and how to put another value in its place. */
interface Target {
  readonly object: Json;
  readonly table: ObjectFields<string>;
  readonly replace: (value: unknown) => void;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets an own key, even `__proto__` (plain assignment would set the prototype). */
function setKey(object: Json, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function targetsOf(root: { plan: unknown }): Target[] {
  const plan = root.plan;
  const targets: Target[] = [];
  const asTable = <F extends string>(table: ObjectFields<F>) => table as unknown as ObjectFields<string>;
  if (!isObject(plan)) return targets;
  targets.push({ object: plan, table: asTable(PLAN_FIELDS), replace: (value) => (root.plan = value) });
  const listed = (keys: string[], table: ObjectFields<string>) => {
    for (const key of keys) {
      const list = plan[key];
      if (!Array.isArray(list)) continue;
      list.forEach((item, i) => {
        if (isObject(item)) targets.push({ object: item, table, replace: (value) => (list[i] = value) });
      });
    }
  };
  listed(['tasks'], asTable(TASK_FIELDS));
  listed(['parallelGroups', 'parallel_groups'], asTable(PARALLEL_GROUP_FIELDS));
  listed(['risks'], asTable(RISK_FIELDS));
  for (const key of ['resourceBreakdown', 'resource_breakdown']) {
    const breakdown = plan[key];
    if (!isObject(breakdown)) continue;
    for (const agent of Object.keys(breakdown)) {
      const entry = breakdown[agent];
      if (isObject(entry)) targets.push({ object: entry, table: asTable(RESOURCE_ENTRY_FIELDS), replace: (value) => setKey(breakdown, agent, value) });
    }
  }
  return targets;
}

/** Applies the mutations in turn and returns the value as JSON would carry it. */
export function mutate(plan: Json, mutations: readonly Mutation[]): unknown {
  const root: { plan: unknown } = { plan: jsonCopy(plan) };
  for (const mutation of mutations) {
    const targets = targetsOf(root);
    if (targets.length === 0) break;
    applyMutation(targets[mutation.target % targets.length], mutation);
  }
  return jsonCopy(root.plan);
}

/** The value as JSON carries it (own `__proto__` keys stay own keys, -0 becomes 0). */
function jsonCopy(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function applyMutation({ object, table, replace }: Target, mutation: Mutation): void {
  const { kind, pick, key } = mutation;
  // A copy: fast-check hands out the same constant objects again, and later mutations may change this one.
  const value = jsonCopy(mutation.value);
  const fields = table.fields();
  const names = [...fields, ...table.originalFields().map((o) => o.original)];
  switch (kind) {
    case 'value':
      return setKey(object, names[pick % names.length], value);
    case 'other-key':
      return setKey(object, key, value);
    case 'both-spellings': {
      const originals = table.originalFields();
      if (originals.length === 0) return setKey(object, key, value);
      const { field, original } = originals[pick % originals.length];
      const present = object[field] ?? object[original] ?? value;
      setKey(object, field, present);
      return setKey(object, original, present);
    }
    case 'drop':
      for (const name of spellingsOf(table, fields[pick % fields.length])) delete object[name];
      return;
    case 'repeat-entry': {
      const lists = Object.values(object).filter((v): v is unknown[] => Array.isArray(v) && v.length > 0);
      if (lists.length === 0) return;
      const list = lists[pick % lists.length];
      list.push(jsonCopy(list[0]));
      return;
    }
    case 'replace':
      return replace(value);
  }
}

/**
 * A valid plan with every field of every kind of object, in this format's names: the base the
 * mutation matrix changes one name at a time. Fits SMALL_LIMITS.
 */
export function fullPlan(): Json {
  const taskFields = (id: string, dependencies: string[]): Json => ({
    id,
    description: `do ${id}`,
    agent: 'worker',
    dependencies,
    input: { n: 1 },
    qualityDomain: 'SERVICE',
    qualityThreshold: 0.5,
    qualityPolicy: 'retry',
    estimatedDuration: 10,
    parallelSafe: true,
    priority: 'high',
    timeoutMs: 1000,
    maxRetries: 2,
  });
  return {
    $schema: '../schemas/plan.schema.json',
    name: 'full',
    description: 'every field',
    request: 'do a then b and c',
    coordinationStrategy: 'hybrid',
    parallelThreshold: 2,
    maxConcurrency: 4,
    qualityPolicy: 'warn',
    tasks: [taskFields('a', []), taskFields('b', ['a']), taskFields('c', ['a'])],
    criticalPath: ['a', 'b'],
    estimatedTotalTime: 30,
    estimatedParallelTime: 20,
    estimatedTimeSaved: 10,
    parallelGroups: [{ name: 'level 1', tasks: ['b', 'c'] }],
    qualityValidationPlan: { minScore: 0.5 },
    resourceBreakdown: { worker: { tasks: 3, estimatedMs: 30 } },
    risks: [{ description: 'slow', severity: 'low', taskId: 'b', mitigation: 'wait' }],
  };
}

/** One case of the matrix: what was changed, and the value. */
export interface MatrixCase {
  readonly label: string;
  readonly value: unknown;
}

/** The objects of fullPlan() the matrix changes: where they are, their table, how to reach them. */
interface MatrixTarget {
  readonly path: string;
  readonly table: ObjectFields<string>;
  readonly get: (plan: Json) => Json;
  readonly put: (plan: Json, value: unknown) => void;
}

const MATRIX_TARGETS: readonly MatrixTarget[] = [
  { path: '', table: PLAN_FIELDS, get: (plan) => plan, put: () => undefined },
  { path: 'tasks[1]', table: TASK_FIELDS, get: (plan) => (plan.tasks as Json[])[1], put: (plan, value) => ((plan.tasks as unknown[])[1] = value) },
  { path: 'parallelGroups[0]', table: PARALLEL_GROUP_FIELDS, get: (plan) => (plan.parallelGroups as Json[])[0], put: (plan, value) => ((plan.parallelGroups as unknown[])[0] = value) },
  { path: 'risks[0]', table: RISK_FIELDS, get: (plan) => (plan.risks as Json[])[0], put: (plan, value) => ((plan.risks as unknown[])[0] = value) },
  { path: 'resourceBreakdown.worker', table: RESOURCE_ENTRY_FIELDS, get: (plan) => (plan.resourceBreakdown as Record<string, Json>).worker, put: (plan, value) => ((plan.resourceBreakdown as Record<string, unknown>).worker = value) },
];

/** Keys no table holds: synonyms the validator suggests for, another object's fields, near misses. */
const OTHER_KEYS = ['dependsOn', 'retries', 'agentName', 'steps', 'estimated_durations', 'timeoutMS', 'enable_tracing', 'severity', 'estimatedMs', '$schema', '__proto__', 'constructor', ''];

/**
 * fullPlan() changed in one place, every way: each name of each field (both spellings) set to each edge
 * value, each field dropped, each field in two spellings, each other key added, each object replaced.
 */
export function mutationMatrix(limits: PlanLimits, { pastMaxTasks = true } = {}): MatrixCase[] {
  const cases: MatrixCase[] = [];
  const edges = edgeValues(limits, ['a']);
  // Lists past maxTasks only where lists are (a 100 000-entry list in every field would be slow, and says nothing more).
  // Also the list itself grown past maxTasks (a plan of maxTasks + 1 tasks); `pastMaxTasks: false` spares
  // lists of 100 000 entries when the limits are large.
  const listEdges = (list: unknown[]) => (pastMaxTasks ? [...edges, tooLongList(limits), Array.from({ length: limits.maxTasks + 1 }, () => list[0])] : edges);
  const at = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  for (const { path, table, get, put } of MATRIX_TARGETS) {
    const change = (label: string, edit: (object: Json, plan: Json) => void) => {
      const plan = jsonCopy(fullPlan()) as Json;
      edit(get(plan), plan);
      cases.push({ label, value: jsonCopy(plan) });
    };
    for (const field of table.fields()) {
      const names = spellingsOf(table, field);
      const base = get(fullPlan())[field];
      const values = Array.isArray(base) ? listEdges(base) : edges;
      for (const name of names) {
        for (const value of values) {
          change(`${at(path, name)} = ${JSON.stringify(value)}`, (object) => {
            names.forEach((other) => delete object[other]);
            setKey(object, name, jsonCopy(value));
          });
        }
      }
      change(`${at(path, field)} dropped`, (object) => names.forEach((name) => delete object[name]));
    }
    for (const { field, original } of table.originalFields()) {
      change(`${at(path, field)} also as ${original}`, (object) => setKey(object, original, object[field]));
    }
    for (const key of OTHER_KEYS) change(`${at(path, JSON.stringify(key))} added`, (object) => setKey(object, key, 1));
    if (path !== '') for (const value of [null, 1, 'x', [], [{}]]) change(`${path} = ${JSON.stringify(value)}`, (_object, plan) => put(plan, value));
  }
  return cases;
}
