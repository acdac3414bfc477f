import { parsePlan, validatePlan, type PlanIssue } from '../src';
import { issuesOf, task } from './helpers';

function triples(issues: readonly PlanIssue[]): [string, string, string | undefined][] {
  return issues.map((issue) => [issue.code, issue.path, issue.taskId]);
}

describe('validatePlan: unknown fields', () => {
  it('rejects a misspelt dependency list instead of running the task without it', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), task('b'), { ...task('c'), dependencies: undefined, dependsOn: ['a'] }] }));
    expect(triples(issues)).toEqual([['UNKNOWN_FIELD', 'tasks[2].dependsOn', 'c']]);
    expect(issues[0].message).toBe('task "c" (tasks[2]): unknown field "dependsOn" (did you mean "dependencies"?)');
  });

  it.each([
    ['dependsOn', 'dependencies'],
    ['depends_on', 'dependencies'],
    ['deps', 'dependencies'],
    ['retries', 'maxRetries'],
    ['max_retry', 'maxRetries'],
    ['agentName', 'agent'],
    ['agent_name', 'agent'],
    ['nodeKey', 'agent'],
    ['desc', 'description'],
    ['timeoutMS', 'timeoutMs'],
    ['timeout_ms', 'timeoutMs'],
    ['estimatedDurationMs', 'estimatedDuration'],
    ['estimatedDuraton', 'estimatedDuration'],
    ['qualityDomian', 'qualityDomain'],
    ['parallel_safety', 'parallel_safe'],
    ['parallelSafety', 'parallelSafe'],
    ['node_keys', 'node_key'],
    ['estimated_durations', 'estimated_duration'],
    ['inputs', 'input'],
  ])('suggests a known field for %s', (key, suggestion) => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a', [], { [key]: 1 })] }));
    expect(issue).toMatchObject({ code: 'UNKNOWN_FIELD', path: `tasks[0].${key}`, taskId: 'a' });
    expect(issue.message).toContain(`did you mean "${suggestion}"?`);
  });

  it('lists the fields when nothing resembles the unknown one', () => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a', [], { colour: 'blue' })] }));
    expect(issue.message).toBe(
      'task "a" (tasks[0]): unknown field "colour" (a task\'s fields are id, description, agent, dependencies, input, ' +
        'qualityDomain, qualityThreshold, qualityPolicy, estimatedDuration, parallelSafe, priority, timeoutMs, maxRetries)',
    );
  });

  it('reports unknown fields after the id and before the other fields of the task', () => {
    const issues = issuesOf(validatePlan({ tasks: [{ id: 'a', agent: 'simulator', desc: 'x', timeoutMs: -1 }] }));
    expect(triples(issues)).toEqual([
      ['UNKNOWN_FIELD', 'tasks[0].desc', 'a'],
      ['MISSING_FIELD', 'tasks[0].description', 'a'],
      ['INVALID_NUMBER', 'tasks[0].timeoutMs', 'a'],
    ]);
  });

  it('names a task without a usable id by its position', () => {
    const issues = issuesOf(validatePlan({ tasks: [task('a'), { description: 'd', agent: 'simulator', taskId: 'b' }] }));
    expect(triples(issues)).toEqual([
      ['MISSING_FIELD', 'tasks[1].id', undefined],
      ['UNKNOWN_FIELD', 'tasks[1].taskId', undefined],
    ]);
    expect(issues[1].message).toBe('tasks[1]: unknown field "taskId" (did you mean "id"?)');
  });

  it.each([
    [{ strategy: 'parallel' }, 'strategy', 'coordinationStrategy'],
    [{ max_concurrency: 2 }, 'max_concurrency', 'maxConcurrency'],
    [{ parallelGroup: [] }, 'parallelGroup', 'parallelGroups'],
    [{ criticalpath: [] }, 'criticalpath', 'criticalPath'],
  ])('rejects an unknown plan field %p', (fields, key, suggestion) => {
    const [issue] = issuesOf(validatePlan({ ...fields, tasks: [task('a')] }));
    expect(issue).toEqual({
      code: 'UNKNOWN_FIELD',
      path: key,
      message: `plan: unknown field "${key}" (did you mean "${suggestion}"?)`,
    });
  });

  it('allows $schema at plan level only, and drops it', () => {
    expect(parsePlan({ $schema: 'https://example.test/plan.json', tasks: [task('a')] })).toEqual({
      tasks: [{ id: 'a', description: 'do a', agent: 'simulator', dependencies: [] }],
    });
    expect(triples(issuesOf(validatePlan({ tasks: [task('a', [], { $schema: 'x' })] })))).toEqual([
      ['UNKNOWN_FIELD', 'tasks[0].$schema', 'a'],
    ]);
  });

  it.each([
    [{ parallelGroups: [{ tasks: ['a'], ids: ['a'] }] }, 'parallelGroups[0].ids', 'tasks'],
    [{ risks: [{ description: 'r', level: 'high' }] }, 'risks[0].level', 'severity'],
    [{ resourceBreakdown: { simulator: { tasks: 1, estimatedMs: 1, count: 1 } } }, 'resourceBreakdown["simulator"].count', 'tasks'],
  ])('rejects unknown fields in nested objects (%p)', (fields, path, suggestion) => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a')], ...fields }));
    expect(issue).toMatchObject({ code: 'UNKNOWN_FIELD', path });
    expect(issue.message).toContain(`did you mean "${suggestion}"?`);
  });

  it('quotes an odd key in the path and cuts a long one', () => {
    const longKey = 'k'.repeat(5000);
    const issues = issuesOf(validatePlan({ tasks: [task('a', [], { 'two words': 1, [longKey]: 1 })] }));
    expect(issues.map((issue) => issue.path)).toEqual(['tasks[0]["two words"]', `tasks[0]["${'k'.repeat(80)}…"]`]);
    expect(issues[1].message.length).toBeLessThan(400);
  });

  it('reports ten unknown fields of one object, then counts the rest', () => {
    const extra = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`x${i}`, i]));
    const issues = issuesOf(validatePlan({ tasks: [task('a', [], extra)] }));
    expect(issues).toHaveLength(11);
    expect(issues.slice(0, 10).map((issue) => issue.path)).toEqual(Array.from({ length: 10 }, (_, i) => `tasks[0].x${i}`));
    expect(issues[10]).toEqual({ code: 'UNKNOWN_FIELD', path: 'tasks[0]', taskId: 'a', message: 'task "a" (tasks[0]): 15 more unknown fields' });
  });

  it('treats "__proto__" and "constructor" keys as unknown fields, not as the prototype', () => {
    const raw = JSON.parse('{"id": "a", "description": "d", "agent": "simulator", "__proto__": {"dependencies": ["x"]}, "constructor": 1}') as unknown;
    const issues = issuesOf(validatePlan({ tasks: [raw] }));
    expect(triples(issues)).toEqual([
      ['UNKNOWN_FIELD', 'tasks[0].__proto__', 'a'],
      ['UNKNOWN_FIELD', 'tasks[0].constructor', 'a'],
    ]);
  });

  it('ignores inherited properties: only own keys are fields', () => {
    const inherited = Object.assign(Object.create({ dependsOn: ['x'] }) as Record<string, unknown>, task('a'));
    expect(validatePlan({ tasks: [inherited] }).ok).toBe(true);
  });
});
