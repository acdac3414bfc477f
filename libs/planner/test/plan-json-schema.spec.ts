import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  DEFAULT_PLAN_LIMITS,
  PLAN_SCHEMA_ID,
  PlanConfigError,
  QUALITY_DOMAINS,
  planJsonSchema,
  validatePlan,
  type JsonSchema,
  type PlanLimits,
} from '../src';
import { isNonBlankString } from '../src/validation/field-readers';
import { isUsableIdentifier } from '../src/validation/identifiers';
import { ObjectFields, PARALLEL_GROUP_FIELDS, PLAN_FIELDS, RESOURCE_ENTRY_FIELDS, RISK_FIELDS, TASK_FIELDS } from '../src/validation/object-fields';
import { anyCasePattern } from '../src/schema/any-case-pattern';
import { objectSchema } from '../src/schema/object-schema';
import { PlanSchemaError } from '../src/schema/schema-error';
import { EXAMPLES_DIR, task } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'schemas', 'plan.schema.json');
const WRITE_COMMAND = 'npx nx run planner:build && node tools/contract/write-plan-schema.js';

function compile(schema: JsonSchema) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

/** A sub-schema the test knows is there (fails the test with its path when it is not). */
function at(schema: JsonSchema, ...path: string[]): JsonSchema {
  let node: unknown = schema;
  for (const key of path) {
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`the schema has nothing at ${path.join('/')}`);
  }
  return node as JsonSchema;
}

/** Each kind of object in a plan: where the schema states it, and the validator's table for it. */
const OBJECTS: [string, string[], ObjectFields<string>][] = [
  ['plan', [], PLAN_FIELDS],
  ['task', ['$defs', 'task'], TASK_FIELDS],
  ['parallel group', ['$defs', 'parallelGroup'], PARALLEL_GROUP_FIELDS],
  ['risk', ['$defs', 'risk'], RISK_FIELDS],
  ['resourceBreakdown entry', ['$defs', 'resourceBreakdownEntry'], RESOURCE_ENTRY_FIELDS],
];

describe('schemas/plan.schema.json', () => {
  it('is planJsonSchema() as tools/contract/write-plan-schema.js writes it (2-space JSON, final newline)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const expected = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
    if (committed !== expected) {
      const line = committed.split('\n').findIndex((text, i) => text !== expected.split('\n')[i]);
      throw new Error(`schemas/plan.schema.json is out of date (first difference at line ${line + 1}): run \`${WRITE_COMMAND}\``);
    }
  });

  it('is a draft 2020-12 schema with a stable $id', () => {
    const schema = planJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(PLAN_SCHEMA_ID);
    expect(planJsonSchema({ maxTasks: 3 }).$id).toBe(PLAN_SCHEMA_ID);
  });

  it('compiles in ajv strict mode and is valid against the draft 2020-12 meta-schema', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(planJsonSchema())).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
    expect(() => compile(planJsonSchema())).not.toThrow();
    expect(() => compile(planJsonSchema({ maxTasks: 1, maxIdLength: 1, maxDescriptionLength: 1, maxInputBytes: 1 }))).not.toThrow();
  });
});

describe('the schema is made from the validator tables', () => {
  describe.each(OBJECTS)('%s', (_name, path, table) => {
    const schema = () => at(planJsonSchema(), ...path);
    const tableNames = (): string[] => [...table.ignoredKeys(), ...table.fields(), ...table.originalFields().map((o) => o.original)];

    it('has a property for every name the table accepts, in both spellings', () => {
      const properties = Object.keys(at(schema(), 'properties'));
      expect(tableNames().filter((name) => !properties.includes(name))).toEqual([]);
    });

    it('has no property the table does not accept, and refuses any other key', () => {
      const names = tableNames();
      expect(Object.keys(at(schema(), 'properties')).filter((name) => !names.includes(name))).toEqual([]);
      expect(schema().additionalProperties).toBe(false);
    });

    it('refuses a field in two spellings (DUPLICATE_FIELD)', () => {
      const spellings = (field: string) => [field, ...table.originalFields().filter((o) => o.field === field).map((o) => o.original)];
      const expected = Object.fromEntries(
        table.originalFields().map((o) => [o.original, { properties: Object.fromEntries(spellings(o.field).filter((n) => n !== o.original).map((n) => [n, false])) }]),
      );
      expect(schema().dependentSchemas ?? {}).toEqual(expected);
    });

    it('describes every property; an original name as the original framework\'s, "in seconds" when it is', () => {
      const properties = at(schema(), 'properties');
      for (const name of tableNames()) expect(at(properties, name).description).toMatch(/\w/);
      for (const original of table.originalFields()) {
        const description = at(properties, original.original).description;
        expect(description).toContain(`The original Python framework's spelling of \`${original.field}\``);
        expect(description?.includes(', in seconds')).toBe(original.unit === 'seconds');
      }
    });

    it('gives an original name in seconds the bounds of its field divided by 1000', () => {
      const properties = at(schema(), 'properties');
      for (const original of table.originalFields().filter((o) => o.unit === 'seconds')) {
        const ms = at(properties, original.field);
        const seconds = at(properties, original.original);
        expect([seconds.type, seconds.minimum, seconds.exclusiveMinimum, seconds.maximum]).toEqual([
          ms.type,
          ms.minimum === undefined ? undefined : ms.minimum / 1000,
          ms.exclusiveMinimum === undefined ? undefined : ms.exclusiveMinimum / 1000,
          ms.maximum === undefined ? undefined : ms.maximum / 1000,
        ]);
      }
    });
  });

  it('puts the limits it is given where the validator applies them', () => {
    const limits: PlanLimits = { maxTasks: 7, maxIdLength: 9, maxDescriptionLength: 11, maxInputBytes: 13 };
    const schema = planJsonSchema(limits);
    const task = at(schema, '$defs', 'task', 'properties');
    expect(at(schema, 'properties', 'tasks').maxItems).toBe(7);
    expect(at(task, 'dependencies').maxItems).toBe(7);
    expect(at(task, 'id').maxLength).toBe(9);
    expect(at(task, 'agent').maxLength).toBe(9);
    expect(at(schema, 'properties', 'resourceBreakdown', 'propertyNames').maxLength).toBe(9);
    expect(at(schema, 'properties', 'name').maxLength).toBe(11);
    expect(at(task, 'description').maxLength).toBe(11);
    expect(at(task, 'input').description).toContain('at most 13 bytes');
    expect(at(planJsonSchema(), 'properties', 'tasks').maxItems).toBe(DEFAULT_PLAN_LIMITS.maxTasks);
  });

  it('throws PlanConfigError for limits validatePlan refuses', () => {
    expect(() => planJsonSchema({ maxTasks: 0 })).toThrow(PlanConfigError);
    expect(() => planJsonSchema({ maxIdLength: 1.5 })).toThrow('limits.maxIdLength');
  });

  it('is not made from a table it has no rule for (PLAN_SCHEMA_MISMATCH)', () => {
    const inSeconds = new ObjectFields<'waitMs'>('a test', { waitMs: true }, [{ original: 'wait', field: 'waitMs', unit: 'seconds' }], {});
    expect(() => objectSchema(inSeconds, { waitMs: { schema: { type: 'number' } } }, 'no seconds schema')).toThrow(PlanSchemaError);
    expect(() => anyCasePattern(['lower'])).toThrow(expect.objectContaining({ code: 'PLAN_SCHEMA_MISMATCH', message: expect.stringContaining('"l"') }));
  });

  it('says in its description what only the validator checks', () => {
    const { description } = planJsonSchema();
    for (const check of ['unique', 'names a task of the plan', 'cycle', 'parallel group', 'bytes', 'nesting depth', 'registered']) {
      expect(description).toContain(check);
    }
  });
});

describe('the id pattern and the validator agree on every BMP character', () => {
  const schema = planJsonSchema();
  const taskId = new RegExp(at(schema, '$defs', 'task', 'properties', 'id').pattern as string, 'u');
  const agentKey = new RegExp(at(schema, 'properties', 'resourceBreakdown', 'propertyNames').pattern as string, 'u');
  const text = new RegExp(at(schema, '$defs', 'task', 'properties', 'description').pattern as string, 'u');

  it('task ids, agent names and references: not blank and printable', () => {
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      for (const value of [char, `a${char}`, ` ${char} `]) {
        if (taskId.test(value) !== (isNonBlankString(value) && isUsableIdentifier(value, DEFAULT_PLAN_LIMITS))) disagreements.push(JSON.stringify(value));
        if (agentKey.test(value) !== isUsableIdentifier(value, DEFAULT_PLAN_LIMITS)) disagreements.push(`key ${JSON.stringify(value)}`);
      }
      if (text.test(` ${char} `) !== isNonBlankString(` ${char} `)) disagreements.push(`text ${JSON.stringify(char)}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe("the original framework's quality_domain, in any case", () => {
  const pattern = new RegExp(at(planJsonSchema(), '$defs', 'task', 'properties', 'quality_domain').pattern as string, 'u');
  const longest = Math.max(...QUALITY_DOMAINS.map((domain) => domain.length));
  /** How the validator reads it (validate-task.ts, readQualityDomain). */
  const validatorReads = (value: string): boolean => value.length <= longest && (QUALITY_DOMAINS as readonly string[]).includes(value.toUpperCase());

  const validateAll = compile(planJsonSchema());

  it.each(['analytical', 'Business', 'sErViCe', 'GENERIC', 'analytıcal', 'ſervice', 'busineß', 'BUSINEẞ', 'analytİcal', 'ＧＥＮＥＲＩＣ', 'generic ', 'generics', ''])(
    '%j: the schema and validatePlan agree',
    (value) => {
      const plan = { tasks: [{ ...task('a'), quality_domain: value }] };
      expect(validateAll(plan)).toBe(validatePlan(plan).ok);
      expect(pattern.test(value)).toBe(validatorReads(value));
    },
  );

  it('matches a word with any BMP character in place of one letter (or of SS) exactly when it upper-cases to the word', () => {
    const disagreements: string[] = [];
    const letters = new Set(QUALITY_DOMAINS.join(''));
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      for (const letter of letters) {
        const word = QUALITY_DOMAINS.find((domain) => domain.includes(letter)) as string;
        const value = word.replace(letter, char);
        if (pattern.test(value) !== validatorReads(value)) disagreements.push(JSON.stringify(value));
      }
      const twoLetters = 'BUSINESS'.replace(/SS$/, char);
      if (pattern.test(twoLetters) !== validatorReads(twoLetters)) disagreements.push(JSON.stringify(twoLetters));
    }
    expect(disagreements).toEqual([]);
  });
});

/** Project files of the example projects: not plans (and tsconfig files are not strict JSON). */
const PROJECT_FILE = /^(package|project|tsconfig(\.\w+)?)\.json$/;

/** Every JSON file under examples/ that is a plan (it has `tasks`); configuration files are not. */
function examplePlanFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.json') && !PROJECT_FILE.test(entry.name)) {
        const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
        if (typeof value === 'object' && value !== null && 'tasks' in value) found.push(relative(EXAMPLES_DIR, path).split(sep).join('/'));
      }
    }
  };
  walk(EXAMPLES_DIR);
  return found.sort();
}

/**
 * examples/invalid/ plans whose defect needs the whole plan (a cycle, an unknown dependency, a
 * duplicate id…), which no JSON Schema states: the schema accepts them, only the validator refuses
 * them. None so far: negative-duration.json's negative estimatedDuration is a range the schema states.
 */
const NOT_STRUCTURAL: Readonly<Record<string, string>> = {};

describe('the example plans', () => {
  const files = examplePlanFiles();
  const validate = compile(planJsonSchema());
  const valid = files.filter((file) => !file.startsWith('invalid/'));
  const invalid = files.filter((file) => file.startsWith('invalid/'));
  const load = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;

  it('are found, in examples/ and its folders, valid and invalid ones', () => {
    expect(valid).toContain('ecommerce-order.json');
    expect(valid.some((file) => file.includes('/'))).toBe(true);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(files)('%s names the committed schema in "$schema", its first key', (file) => {
    const schemaPath = relative(dirname(join(EXAMPLES_DIR, file)), SCHEMA_FILE).split(sep).join('/');
    expect(Object.entries(load(file))[0]).toEqual(['$schema', schemaPath]);
  });

  it.each(valid)('%s is accepted', (file) => {
    const accepted = validate(load(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(accepted).toBe(true);
  });

  it.each(invalid)('%s is refused by the validator, and by the schema unless its defect needs the whole plan', (file) => {
    const plan = load(file);
    expect(validatePlan(plan).ok).toBe(false);
    expect(validate(plan)).toBe(file.slice('invalid/'.length) in NOT_STRUCTURAL);
  });
});
