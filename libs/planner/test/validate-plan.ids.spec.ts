import { parsePlan, parsePlanText, validatePlan, type PlanIssue } from '../src';
import { issuesOf, task } from './helpers';

function triples(issues: readonly PlanIssue[]): [string, string, string | undefined][] {
  return issues.map((issue) => [issue.code, issue.path, issue.taskId]);
}

/** Characters an id may not hold, one of each range's ends. */
const UNPRINTABLE: [string, string][] = [
  ['NUL', '\u0000'],
  ['newline', '\n'],
  ['unit separator', '\u001F'],
  ['DEL', '\u007F'],
  ['C1 start', '\u0080'],
  ['C1 end (APC)', '\u009F'],
  ['line separator', '\u2028'],
  ['paragraph separator', '\u2029'],
  ['LRE', '\u202A'],
  ['RLO', '\u202E'],
  ['LRI', '\u2066'],
  ['PDI', '\u2069'],
];

describe('validatePlan: printable ids', () => {
  it.each(UNPRINTABLE)('refuses a task id holding %s', (_, char) => {
    const issues = issuesOf(validatePlan({ tasks: [task(`pay${char}ment`)] }));
    expect(triples(issues)).toEqual([['INVALID_ID', 'tasks[0].id', undefined]]);
    const hex = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    expect(issues[0].message).toContain(`holds U+${hex}`);
    expect(issues[0].message).toContain('at index 3');
  });

  it.each(UNPRINTABLE)('refuses an agent name and a reference holding %s', (_, char) => {
    const issues = issuesOf(
      validatePlan({ tasks: [task('a'), task('b', [`a${char}`], { agent: `sim${char}` })], criticalPath: [`a${char}`] }),
    );
    expect(triples(issues)).toEqual([
      ['INVALID_ID', 'tasks[1].agent', 'b'],
      ['INVALID_ID', 'tasks[1].dependencies[0]', 'b'],
      ['INVALID_ID', 'criticalPath[0]', undefined],
    ]);
  });

  it('escapes what JSON.stringify leaves as it is, so no message carries a control or bidi character', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a', ['x\u202Ey\u0085z\u2028'])] }));
    expect(issues[0].message).toContain('"x\\u202ey\\u0085z\\u2028"');
    expect(issues[0].message).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
  });

  it('accepts ids in any script, with spaces and punctuation', () => {
    const ids = ['paiement-café', '支払い', 'step 1: fetch', 'a"b\\c', '😀', 'ZWJ\u200Dkept'];
    const plan = parsePlan({ tasks: ids.map((id, i) => task(id, i === 0 ? [] : [ids[i - 1]])) });
    expect(plan.tasks.map((t) => t.dependencies)).toEqual([[], ...ids.slice(0, -1).map((id) => [id])]);
  });

  it('quotes an id with quotes in messages, JSON-style', () => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a"b', [], { timeoutMs: -1 })] }));
    expect(issue.message).toMatch(/^task "a\\"b" \(tasks\[0\]\): timeoutMs /);
  });
});

describe('validatePlan: short messages', () => {
  const huge = 'q'.repeat(5_000_000);

  it.each([
    ['an unknown dependency', { tasks: [task('a', ['q'.repeat(150)])] }, 'UNKNOWN_DEPENDENCY'],
    ['an unknown agent', { tasks: [task('a', [], { agent: 'q'.repeat(150) })] }, 'UNKNOWN_AGENT'],
    ['a duplicate dependency', { tasks: [task('q'.repeat(150)), task('a', ['q'.repeat(150), 'q'.repeat(150)])] }, 'DUPLICATE_DEPENDENCY'],
    ['a bad string value', { tasks: [task('a', [], { qualityDomain: huge })] }, 'INVALID_VALUE'],
    ['a bad priority', { tasks: [task('a', [], { priority: huge })] }, 'INVALID_VALUE'],
    ['an unknown critical-path task', { tasks: [task('a')], criticalPath: ['q'.repeat(150)] }, 'UNKNOWN_TASK'],
    ['an unknown risk task', { tasks: [task('a')], risks: [{ description: 'r', taskId: 'q'.repeat(150) }] }, 'UNKNOWN_TASK'],
    ['a too-long plan name', { name: huge, tasks: [task('a')] }, 'TEXT_TOO_LONG'],
  ])('cuts the value echoed for %s to 80 characters', (_, plan, code) => {
    const issues = issuesOf(validatePlan(plan, { knownAgents: ['simulator'] }));
    expect(issues[0].code).toBe(code);
    expect(issues[0].message).toContain(`"${'q'.repeat(80)}…"`);
    expect(issues[0].message).not.toContain('q'.repeat(81));
    expect(issues[0].message.length).toBeLessThan(300);
  });

  it('never cuts inside a surrogate pair', () => {
    const id = `${'a'.repeat(79)}😀tail`;
    const [issue] = issuesOf(validatePlan({ tasks: [task('x', [id])] }));
    expect(issue.message).toContain(`"${'a'.repeat(79)}…"`);
  });
});

describe('validatePlan: ids that are Object.prototype names', () => {
  it('keeps a task "__proto__" that depends on "constructor", with its dependencies', () => {
    const raw = parsePlanText(
      JSON.stringify({
        tasks: [
          { id: 'constructor', description: 'c', agent: 'simulator', dependencies: [] },
          { id: '__proto__', description: 'p', agent: 'simulator', dependencies: ['constructor'] },
          { id: 'hasOwnProperty', description: 'h', agent: 'simulator', dependencies: ['__proto__', 'constructor'] },
        ],
        criticalPath: ['constructor', '__proto__', 'hasOwnProperty'],
        parallelGroups: [{ tasks: ['constructor'] }],
        // A computed key is an own property; a literal `__proto__:` would set the prototype instead.
        resourceBreakdown: { ['__proto__']: { tasks: 3, estimatedMs: 3 } },
      }),
    );
    const plan = parsePlan(raw, { knownAgents: ['simulator'] });
    expect(plan.tasks.map((t) => [t.id, t.dependencies])).toEqual([
      ['constructor', []],
      ['__proto__', ['constructor']],
      ['hasOwnProperty', ['__proto__', 'constructor']],
    ]);
    expect(plan.criticalPath).toEqual(['constructor', '__proto__', 'hasOwnProperty']);
    expect(Object.keys(plan.resourceBreakdown ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(plan.resourceBreakdown)).toBe(Object.prototype);
    for (const t of plan.tasks) expect(Object.getPrototypeOf(t)).toBe(Object.prototype);
  });

  it('finds a cycle and unknown references among such ids', () => {
    const cyclic = [task('__proto__', ['constructor']), task('constructor', ['__proto__'])];
    expect(issuesOf(validatePlan({ tasks: cyclic })).map((issue) => issue.code)).toEqual(['CYCLE']);
    const issues = issuesOf(validatePlan({ tasks: [task('a', ['toString', 'valueOf'])] }));
    expect(triples(issues)).toEqual([
      ['UNKNOWN_DEPENDENCY', 'tasks[0].dependencies[0]', 'a'],
      ['UNKNOWN_DEPENDENCY', 'tasks[0].dependencies[1]', 'a'],
    ]);
  });

  it('keeps an input key "__proto__" as data, not as the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "n": 1}') as Record<string, unknown>;
    const plan = parsePlan({ tasks: [task('a', [], { input })] });
    const copied = plan.tasks[0].input ?? {};
    expect(Object.keys(copied)).toEqual(['__proto__', 'n']);
    expect((copied as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('accepts an agent named "constructor" only when it is known', () => {
    expect(validatePlan({ tasks: [task('a', [], { agent: 'constructor' })] }, { knownAgents: ['simulator'] }).ok).toBe(false);
    expect(validatePlan({ tasks: [task('a', [], { agent: 'constructor' })] }, { knownAgents: ['constructor'] }).ok).toBe(true);
  });
});
