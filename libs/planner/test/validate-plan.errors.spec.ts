import { PlanValidationError, parsePlan, validatePlan, type PlanIssue } from '../src';
import { issuesOf, task } from './helpers';

/** The issues of a one-task plan whose task has `extra` fields. */
function issuesOfTask(extra: Record<string, unknown>, id = 'payment'): PlanIssue[] {
  return issuesOf(validatePlan({ tasks: [task(id, [], extra)] }));
}

function codesAndPaths(issues: readonly PlanIssue[]): [string, string, string | undefined][] {
  return issues.map((issue) => [issue.code, issue.path, issue.taskId]);
}

describe('validatePlan: plan shape', () => {
  it.each([null, undefined, 42, 'plan', [task('a')]])('rejects a plan that is not an object (%p)', (input) => {
    const [issue] = issuesOf(validatePlan(input));
    expect(issue).toMatchObject({ code: 'INVALID_TYPE', path: '' });
    expect(issue.message).toMatch(/^plan: a plan must be a JSON object, got /);
  });

  it('requires tasks', () => {
    expect(codesAndPaths(issuesOf(validatePlan({ name: 'x' })))).toEqual([['MISSING_FIELD', 'tasks', undefined]]);
  });

  it.each([{}, 'a', 3, null])('requires tasks to be an array (%p)', (tasks) => {
    expect(codesAndPaths(issuesOf(validatePlan({ tasks })))).toEqual([['INVALID_TYPE', 'tasks', undefined]]);
  });

  it('rejects an empty plan', () => {
    const issues = issuesOf(validatePlan({ tasks: [] }));
    expect(codesAndPaths(issues)).toEqual([['EMPTY_PLAN', 'tasks', undefined]]);
    expect(issues[0].message).toBe('plan: the plan has no tasks');
  });

  it.each([null, 7, 'a', [1]])('rejects a task that is not an object (%p)', (bad) => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), bad] }));
    expect(codesAndPaths(issues)).toEqual([['INVALID_TYPE', 'tasks[1]', undefined]]);
    expect(issues[0].message).toMatch(/^tasks\[1\]: a task must be an object, got /);
  });
});

describe('validatePlan: ids, descriptions, agents', () => {
  it.each([
    ['missing', undefined, 'MISSING_FIELD'],
    ['empty', '', 'MISSING_FIELD'],
    ['blank', '   ', 'MISSING_FIELD'],
    ['null', null, 'MISSING_FIELD'],
    ['a number', 5, 'INVALID_TYPE'],
  ])('rejects an id that is %s', (_, id, code) => {
    const raw = { description: 'd', agent: 'simulator', ...(id === undefined ? {} : { id }) };
    const issues = issuesOf(validatePlan({ tasks: [task('ok'), raw] }));
    expect(codesAndPaths(issues)).toEqual([[code, 'tasks[1].id', undefined]]);
    expect(issues[0].message).toMatch(/^tasks\[1\]: id /);
  });

  it('names both positions of a duplicate id', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), task('b'), task('a')] }));
    expect(codesAndPaths(issues)).toEqual([['DUPLICATE_ID', 'tasks[2].id', 'a']]);
    expect(issues[0].message).toBe('task "a" (tasks[2]): duplicate id "a", already used by tasks[0]');
  });

  it.each([
    ['description', undefined, 'MISSING_FIELD'],
    ['description', '', 'MISSING_FIELD'],
    ['description', 3, 'INVALID_TYPE'],
    ['agent', undefined, 'MISSING_FIELD'],
    ['agent', ' ', 'MISSING_FIELD'],
    ['agent', ['simulator'], 'INVALID_TYPE'],
  ])('requires %s to be a non-empty string (got %p)', (field, value, code) => {
    const raw = task('payment');
    if (value === undefined) delete raw[field];
    else raw[field] = value;
    const issues = issuesOf(validatePlan({ tasks: [raw] }));
    expect(codesAndPaths(issues)).toEqual([[code, `tasks[0].${field}`, 'payment']]);
    expect(issues[0].message).toMatch(new RegExp(`^task "payment" \\(tasks\\[0\\]\\): ${field} `));
  });

  it('rejects an unknown agent and lists some known ones', () => {
    const issues = issuesOf(
      validatePlan({ tasks: [task('a', [], { agent: 'payment_procesor' })] }, { knownAgents: ['simulator', 'payment_processor'] }),
    );
    expect(codesAndPaths(issues)).toEqual([['UNKNOWN_AGENT', 'tasks[0].agent', 'a']]);
    expect(issues[0].message).toBe(
      'task "a" (tasks[0]): unknown agent "payment_procesor" (known agents: payment_processor, simulator)',
    );
  });

  it('shortens a long list of known agents', () => {
    const known = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
    const [issue] = issuesOf(validatePlan({ tasks: [task('t', [], { agent: 'zz' })] }, { knownAgents: known }));
    expect(issue.message).toContain('known agents: a1, a2, a3, a4, a5 and 2 more');
  });

  it('takes a single string as one agent name, not as its characters', () => {
    expect(validatePlan({ tasks: [task('t')] }, { knownAgents: 'simulator' }).ok).toBe(true);
    expect(validatePlan({ tasks: [task('t', [], { agent: 's' })] }, { knownAgents: 'simulator' }).ok).toBe(false);
  });

  it('does not check agents when no known agents are given', () => {
    expect(validatePlan({ tasks: [task('t', [], { agent: 'anything' })] }).ok).toBe(true);
  });
});

describe('validatePlan: dependencies', () => {
  it('treats missing dependencies as none', () => {
    const raw = task('a');
    delete raw['dependencies'];
    expect(parsePlan({ tasks: [raw] }).tasks[0].dependencies).toEqual([]);
  });

  it.each([null, 'a', { a: true }])('requires dependencies to be an array (%p)', (dependencies) => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), task('b', [], { dependencies })] }));
    expect(codesAndPaths(issues)).toEqual([['INVALID_TYPE', 'tasks[1].dependencies', 'b']]);
  });

  it('requires every dependency to be a string', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), task('b', [], { dependencies: ['a', 1] })] }));
    expect(codesAndPaths(issues)).toEqual([['INVALID_TYPE', 'tasks[1].dependencies[1]', 'b']]);
  });

  it('rejects an unknown dependency', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('payment'), task('shipping', ['paymnt'])] }));
    expect(codesAndPaths(issues)).toEqual([['UNKNOWN_DEPENDENCY', 'tasks[1].dependencies[0]', 'shipping']]);
    expect(issues[0].message).toBe('task "shipping" (tasks[1]): depends on unknown task "paymnt" (dependencies[0])');
  });

  it('accepts a dependency on a later task', () => {
    expect(validatePlan({ tasks: [task('b', ['a']), task('a')] }).ok).toBe(true);
  });

  it('rejects a self dependency', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a', ['a'])] }));
    expect(codesAndPaths(issues)).toEqual([['SELF_DEPENDENCY', 'tasks[0].dependencies[0]', 'a']]);
  });

  it('rejects a duplicate dependency', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), task('b', ['a', 'a'])] }));
    expect(codesAndPaths(issues)).toEqual([['DUPLICATE_DEPENDENCY', 'tasks[1].dependencies[1]', 'b']]);
  });

  it('names a cycle in execution order, starting with the task that is reported', () => {
    // a needs c, b needs a, c needs b: runs would go a -> b -> c -> a.
    const issues = issuesOf(validatePlan({ tasks: [task('x'), task('a', ['x', 'c']), task('b', ['a']), task('c', ['b'])] }));
    expect(codesAndPaths(issues)).toEqual([['CYCLE', 'tasks[1].dependencies', 'a']]);
    expect(issues[0].message).toBe('dependency cycle: a -> b -> c -> a');
  });

  it('finds a two-task cycle', () => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a', ['b']), task('b', ['a'])] }));
    expect(issue.code).toBe('CYCLE');
    expect(issue.message).toMatch(/^dependency cycle: (a -> b -> a|b -> a -> b)$/);
  });

  it('does not search for cycles when a dependency is unknown', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a', ['b']), task('b', ['a', 'ghost'])] }));
    expect(issues.map((issue) => issue.code)).toEqual(['UNKNOWN_DEPENDENCY']);
  });

  it('still finds a cycle when other fields are bad', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a', ['b'], { timeoutMs: 0 }), task('b', ['a'])] }));
    expect(issues.map((issue) => issue.code)).toEqual(['INVALID_NUMBER', 'CYCLE']);
  });
});

describe('validatePlan: numbers and choices', () => {
  it('names the task and the field', () => {
    const [issue] = issuesOfTask({ estimatedDuration: -5 });
    expect(issue).toEqual({
      code: 'INVALID_NUMBER',
      taskId: 'payment',
      path: 'tasks[0].estimatedDuration',
      message: 'task "payment" (tasks[0]): estimatedDuration must be a non-negative number of milliseconds, at most 2147483647, got -5',
    });
  });

  it.each([
    ['estimatedDuration', -5],
    ['estimatedDuration', Number.NaN],
    ['estimatedDuration', Number.POSITIVE_INFINITY],
    ['estimatedDuration', '5'],
    ['estimatedDuration', null],
    ['timeoutMs', 0],
    ['timeoutMs', -1],
    ['timeoutMs', '100'],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
    ['maxRetries', Number.NaN],
    ['qualityThreshold', 1.2],
    ['qualityThreshold', -0.1],
    ['qualityThreshold', '0.5'],
  ])('rejects %s = %p', (field, value) => {
    expect(codesAndPaths(issuesOfTask({ [field]: value }))).toEqual([['INVALID_NUMBER', `tasks[0].${field}`, 'payment']]);
  });

  it.each([
    ['estimatedDuration', 0],
    ['timeoutMs', 0.5],
    ['maxRetries', 0],
    ['qualityThreshold', 0],
    ['qualityThreshold', 1],
    ['priority', -2.5],
    ['priority', 'low'],
  ])('accepts %s = %p', (field, value) => {
    expect(validatePlan({ tasks: [task('payment', [], { [field]: value })] }).ok).toBe(true);
  });

  it.each([
    ['urgent', 'INVALID_VALUE'],
    [Number.NaN, 'INVALID_NUMBER'],
    [true, 'INVALID_TYPE'],
  ])('rejects priority %p', (priority, code) => {
    const [issue] = issuesOfTask({ priority });
    expect(issue).toMatchObject({ code, path: 'tasks[0].priority', taskId: 'payment' });
    expect(issue.message).toContain('low, normal, high, critical');
  });

  it.each([
    ['analytical', 'INVALID_VALUE'],
    ['FINANCIAL', 'INVALID_VALUE'],
    [1, 'INVALID_TYPE'],
  ])('rejects qualityDomain %p', (qualityDomain, code) => {
    const [issue] = issuesOfTask({ qualityDomain });
    expect(issue).toMatchObject({ code, path: 'tasks[0].qualityDomain' });
    expect(issue.message).toContain('GENERIC, ANALYTICAL, BUSINESS, ACADEMIC, SERVICE, CREATIVE');
  });

  it.each([[[1]], ['x'], [null], [new Map()], [new Date(0)]])('requires input to be a plain object (%p)', (input) => {
    expect(codesAndPaths(issuesOfTask({ input }))).toEqual([['INVALID_TYPE', 'tasks[0].input', 'payment']]);
  });

  it('accepts an input object without a prototype', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { durationMs: 3 });
    expect(parsePlan({ tasks: [task('a', [], { input })] }).tasks[0].input).toEqual({ durationMs: 3 });
  });

  it('requires parallelSafe to be a boolean', () => {
    expect(codesAndPaths(issuesOfTask({ parallelSafe: 'yes' }))).toEqual([['INVALID_TYPE', 'tasks[0].parallelSafe', 'payment']]);
  });

  it.each([
    ['parallelThreshold', 0, 'INVALID_NUMBER'],
    ['parallelThreshold', 2.5, 'INVALID_NUMBER'],
    ['parallelThreshold', '3', 'INVALID_NUMBER'],
    ['maxConcurrency', 0, 'INVALID_NUMBER'],
    ['maxConcurrency', Number.POSITIVE_INFINITY, 'INVALID_NUMBER'],
    ['coordinationStrategy', 'fastest', 'INVALID_VALUE'],
    ['coordinationStrategy', 3, 'INVALID_TYPE'],
    ['name', 3, 'INVALID_TYPE'],
  ])('rejects plan-level %s = %p', (field, value, code) => {
    const issues = issuesOf(validatePlan({ [field]: value, tasks: [task('a')] }));
    expect(codesAndPaths(issues)).toEqual([[code, field, undefined]]);
    expect(issues[0].message).toMatch(new RegExp(`^plan: ${field} must be `));
  });

  it('accepts every coordination strategy', () => {
    for (const coordinationStrategy of ['sequential', 'parallel', 'hybrid', 'auto']) {
      expect(parsePlan({ coordinationStrategy, tasks: [task('a')] }).coordinationStrategy).toBe(coordinationStrategy);
    }
  });
});

describe('validatePlan: planner-added fields', () => {
  const tasks = [task('a'), task('b'), task('c', ['a', 'b'])];

  it('requires parallel groups to name known tasks', () => {
    const issues = issuesOf(validatePlan({ tasks, parallelGroups: [{ name: 'level-1', tasks: ['a', 'ghost'] }] }));
    expect(codesAndPaths(issues)).toEqual([['UNKNOWN_TASK', 'parallelGroups[0].tasks[1]', undefined]]);
    expect(issues[0].message).toBe('parallelGroups[0]: tasks[1] refers to unknown task "ghost"');
  });

  it.each([
    [{ parallelGroups: 'a' }, 'INVALID_TYPE', 'parallelGroups'],
    [{ parallelGroups: ['a'] }, 'INVALID_TYPE', 'parallelGroups[0]'],
    [{ parallelGroups: [{ name: 'g' }] }, 'MISSING_FIELD', 'parallelGroups[0].tasks'],
    [{ parallelGroups: [{ tasks: [1] }] }, 'INVALID_TYPE', 'parallelGroups[0].tasks[0]'],
    [{ criticalPath: ['a', 'nope'] }, 'UNKNOWN_TASK', 'criticalPath[1]'],
    [{ estimatedTotalTime: -1 }, 'INVALID_NUMBER', 'estimatedTotalTime'],
    [{ estimatedParallelTime: 'soon' }, 'INVALID_NUMBER', 'estimatedParallelTime'],
    [{ qualityValidationPlan: [] }, 'INVALID_TYPE', 'qualityValidationPlan'],
    [{ resourceBreakdown: { simulator: 3 } }, 'INVALID_TYPE', 'resourceBreakdown["simulator"]'],
    [{ resourceBreakdown: { simulator: { tasks: 3 } } }, 'MISSING_FIELD', 'resourceBreakdown["simulator"].estimatedMs'],
    [{ risks: [{ severity: 'high' }] }, 'MISSING_FIELD', 'risks[0].description'],
    [{ risks: [{ description: 'x', severity: 'extreme' }] }, 'INVALID_VALUE', 'risks[0].severity'],
    [{ risks: [{ description: 'x', taskId: 'nope' }] }, 'UNKNOWN_TASK', 'risks[0].taskId'],
  ])('rejects %p', (fields, code, path) => {
    expect(codesAndPaths(issuesOf(validatePlan({ tasks, ...fields })))).toEqual([[code, path, undefined]]);
  });

  it('does not report task references when the task list itself is unusable', () => {
    const issues = issuesOf(validatePlan({ tasks: 'none', parallelGroups: [{ tasks: ['a'] }] }));
    expect(issues.map((issue) => issue.code)).toEqual(['INVALID_TYPE']);
  });
});

describe('validatePlan: several issues', () => {
  it('reports every issue, plan options first, then tasks in order, then the planner fields', () => {
    const issues = issuesOf(
      validatePlan(
        {
          maxConcurrency: 0,
          tasks: [
            task('a', ['ghost'], { estimatedDuration: -1 }),
            { id: 'b', agent: 'nobody', timeoutMs: 'soon' },
            task('a'),
            42,
          ],
          criticalPath: ['zzz'],
        },
        { knownAgents: ['simulator'] },
      ),
    );
    expect(codesAndPaths(issues)).toEqual([
      ['INVALID_NUMBER', 'maxConcurrency', undefined],
      ['UNKNOWN_DEPENDENCY', 'tasks[0].dependencies[0]', 'a'],
      ['INVALID_NUMBER', 'tasks[0].estimatedDuration', 'a'],
      ['MISSING_FIELD', 'tasks[1].description', 'b'],
      ['UNKNOWN_AGENT', 'tasks[1].agent', 'b'],
      ['INVALID_NUMBER', 'tasks[1].timeoutMs', 'b'],
      ['DUPLICATE_ID', 'tasks[2].id', 'a'],
      ['INVALID_TYPE', 'tasks[3]', undefined],
      ['UNKNOWN_TASK', 'criticalPath[0]', undefined],
    ]);
  });
});

describe('parsePlan', () => {
  it('returns the plan when it is valid', () => {
    expect(parsePlan({ tasks: [task('a')] }).tasks[0].id).toBe('a');
  });

  it('throws a PlanValidationError carrying every issue', () => {
    let caught: unknown;
    try {
      parsePlan({ tasks: [task('a', [], { timeoutMs: -1 }), task('b', ['c'])] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanValidationError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as PlanValidationError;
    expect(error.code).toBe('INVALID_PLAN');
    expect(error.name).toBe('PlanValidationError');
    expect(error.issues.map((issue) => issue.code)).toEqual(['INVALID_NUMBER', 'UNKNOWN_DEPENDENCY']);
    expect(error.message).toBe('task "a" (tasks[0]): timeoutMs must be a positive number of milliseconds, at most 2147483647, got -1 (and 1 more)');
  });

  it('shows a single issue without a count', () => {
    expect(() => parsePlan({ tasks: [] })).toThrow(/^plan: the plan has no tasks$/);
  });
});

describe('quality policy and parallel groups', () => {
  const base = (extra: Record<string, unknown> = {}, taskExtra: Record<string, unknown> = {}) => ({
    ...extra,
    tasks: [
      { id: 'a', description: 'a', agent: 'simulator', dependencies: [], ...taskExtra },
      { id: 'b', description: 'b', agent: 'simulator', dependencies: ['a'] },
      { id: 'c', description: 'c', agent: 'simulator', dependencies: [] },
    ],
  });

  it('keeps a valid qualityPolicy on the plan and on a task, and names a bad one', () => {
    const ok = validatePlan(base({ qualityPolicy: 'retry' }, { qualityPolicy: 'fail' }));
    expect(ok.ok && ok.plan.qualityPolicy).toBe('retry');
    expect(ok.ok && ok.plan.tasks[0].qualityPolicy).toBe('fail');
    const bad = validatePlan(base({}, { qualityPolicy: 'ignore' }));
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatchObject({ code: 'INVALID_VALUE', taskId: 'a', path: 'tasks[0].qualityPolicy' });
  });

  it('refuses a parallel group whose members depend on each other, accepts independent ones', () => {
    expect(validatePlan(base({ parallelGroups: [{ tasks: ['a', 'c'] }] })).ok).toBe(true);
    const bad = validatePlan(base({ parallelGroups: [{ name: 'tail', tasks: ['a', 'b'] }] }));
    expect(bad.ok).toBe(false);
    expect(bad.issues[0].path).toBe('parallelGroups[0].tasks');
    expect(bad.issues[0].message).toMatch(/task "b" depends on "a"/);
  });
});
