import { ORIGINAL_PLAN_FIELDS, ORIGINAL_TASK_FIELDS, parsePlan, validatePlan, type Plan, type PlanIssue } from '../src';
import { issuesOf, loadExample, task } from './helpers';

const DEMO_AGENTS = ['data_processor', 'analytics_specialist', 'payment_processor', 'reporting_agent', 'notification_agent'];

function triples(issues: readonly PlanIssue[]): [string, string, string | undefined][] {
  return issues.map((issue) => [issue.code, issue.path, issue.taskId]);
}

describe("validatePlan: the original Python framework's plan", () => {
  it('maps an original task to this format, seconds to milliseconds', () => {
    const plan = parsePlan({
      tasks: [
        {
          id: 't1',
          task: 'Analyse sales',
          node_key: 'analytics_specialist',
          dependencies: [],
          quality_domain: 'ANALYTICAL',
          estimated_duration: 2.5,
          parallel_safe: true,
        },
      ],
    });
    expect(plan.tasks).toEqual([
      {
        id: 't1',
        description: 'Analyse sales',
        agent: 'analytics_specialist',
        dependencies: [],
        qualityDomain: 'ANALYTICAL',
        estimatedDuration: 2500,
        parallelSafe: true,
      },
    ]);
  });

  it('maps every original task field', () => {
    const [mapped] = parsePlan({
      tasks: [
        {
          id: 't',
          task: 'd',
          node_key: 'simulator',
          quality_domain: 'BUSINESS',
          quality_threshold: 0.7,
          estimated_duration: 1.1,
          parallel_safe: false,
          timeout: 3600,
          max_retries: 3,
          priority: 'high',
        },
      ],
    }).tasks;
    expect(mapped).toEqual({
      id: 't',
      description: 'd',
      agent: 'simulator',
      dependencies: [],
      qualityDomain: 'BUSINESS',
      qualityThreshold: 0.7,
      estimatedDuration: 1100, // not 1100.0000000000002
      parallelSafe: false,
      timeoutMs: 3_600_000,
      maxRetries: 3,
      priority: 'high',
    });
  });

  it('reads the original "quality" as the quality threshold', () => {
    expect(parsePlan({ tasks: [task('a', [], { quality: 0.9 })] }).tasks[0].qualityThreshold).toBe(0.9);
  });

  it('maps every original plan field', () => {
    const plan = parsePlan({
      coordination_strategy: 'hybrid',
      parallel_threshold: 2,
      tasks: [task('a'), task('b'), task('c', ['a', 'b'])],
      critical_path: ['a', 'c'],
      estimated_total_time: 9,
      estimated_parallel_time: 5,
      estimated_time_saved: 4,
      parallel_groups: [{ name: 'first', tasks: ['a', 'b'] }],
      quality_validation_plan: { c: { threshold: 0.8 } },
      resource_breakdown: { simulator: { tasks: 3, estimatedMs: 3 } },
    });
    const { tasks: _tasks, ...fields } = plan;
    expect(fields).toEqual({
      coordinationStrategy: 'hybrid',
      parallelThreshold: 2,
      criticalPath: ['a', 'c'],
      estimatedTotalTime: 9000,
      estimatedParallelTime: 5000,
      estimatedTimeSaved: 4000,
      parallelGroups: [{ name: 'first', tasks: ['a', 'b'] }],
      qualityValidationPlan: { c: { threshold: 0.8 } },
      resourceBreakdown: { simulator: { tasks: 3, estimatedMs: 3 } },
    } satisfies Omit<Plan, 'tasks'>);
  });

  it('accepts an original quality domain in any case', () => {
    expect(parsePlan({ tasks: [task('a', [], { quality_domain: 'analytical' })] }).tasks[0].qualityDomain).toBe('ANALYTICAL');
    // This format's own field stays exact.
    expect(triples(issuesOf(validatePlan({ tasks: [task('a', [], { qualityDomain: 'analytical' })] })))).toEqual([
      ['INVALID_VALUE', 'tasks[0].qualityDomain', 'a'],
    ]);
  });

  it('names the original field and its unit when a value is bad', () => {
    const issues = issuesOf(
      validatePlan({ tasks: [task('a', [], { estimated_duration: -1, timeout: 0, max_retries: 1.5, quality_domain: 'FINANCIAL' })] }),
    );
    expect(triples(issues)).toEqual([
      ['INVALID_VALUE', 'tasks[0].quality_domain', 'a'],
      ['INVALID_NUMBER', 'tasks[0].estimated_duration', 'a'],
      ['INVALID_NUMBER', 'tasks[0].timeout', 'a'],
      ['INVALID_NUMBER', 'tasks[0].max_retries', 'a'],
    ]);
    expect(issues[1].message).toBe(
      'task "a" (tasks[0]): estimated_duration must be a non-negative number of seconds, at most 2147483.647, got -1',
    );
    expect(issues[2].message).toBe('task "a" (tasks[0]): timeout must be a positive number of seconds, at most 2147483.647, got 0');
  });

  it('checks timer limits in seconds too: 2147483.647 s is the longest timeout', () => {
    expect(parsePlan({ tasks: [task('a', [], { timeout: 2_147_483.647 })] }).tasks[0].timeoutMs).toBe(2_147_483_647);
    expect(triples(issuesOf(validatePlan({ tasks: [task('a', [], { timeout: 2_147_483.648 })] })))).toEqual([
      ['INVALID_NUMBER', 'tasks[0].timeout', 'a'],
    ]);
  });

  it('checks references made in the original spelling', () => {
    const issues = issuesOf(
      validatePlan({ tasks: [task('a'), task('b')], critical_path: ['a', 'ghost'], parallel_groups: [{ tasks: ['nope'] }] }),
    );
    expect(triples(issues)).toEqual([
      ['UNKNOWN_TASK', 'critical_path[1]', undefined],
      ['UNKNOWN_TASK', 'parallel_groups[0].tasks[0]', undefined],
    ]);
  });

  it('names the original field of a dependent parallel group', () => {
    const [issue] = issuesOf(validatePlan({ tasks: [task('a'), task('b', ['a'])], parallel_groups: [{ tasks: ['a', 'b'] }] }));
    expect(issue).toMatchObject({ code: 'INVALID_VALUE', path: 'parallel_groups[0].tasks' });
  });

  it.each([
    [{ description: 'x', task: 'y' }, 'tasks[0].task', '"description" and "task" are the same field: give one'],
    [{ agent: 'simulator', node_key: 'simulator' }, 'tasks[0].node_key', '"agent" and "node_key" are the same field: give one'],
    [
      { estimatedDuration: 5000, estimated_duration: 5 },
      'tasks[0].estimated_duration',
      '"estimatedDuration" and "estimated_duration" are the same field (estimated_duration in seconds, estimatedDuration in milliseconds): give one',
    ],
    [
      { timeout: 5, timeoutMs: 5000 },
      'tasks[0].timeoutMs',
      '"timeout" and "timeoutMs" are the same field (timeout in seconds, timeoutMs in milliseconds): give one',
    ],
    [{ quality: 0.5, quality_threshold: 0.6 }, 'tasks[0].quality_threshold', '"quality" and "quality_threshold" are the same field: give one'],
  ])('rejects a task field given twice (%p)', (fields, path, text) => {
    const issues = issuesOf(validatePlan({ tasks: [{ ...task('a'), ...fields }] }));
    expect(triples(issues)).toEqual([['DUPLICATE_FIELD', path, 'a']]);
    expect(issues[0].message).toBe(`task "a" (tasks[0]): ${text}`);
  });

  it('reports the second spelling, whichever comes first', () => {
    const [issue] = issuesOf(validatePlan({ tasks: [{ id: 'a', task: 'y', description: 'x', agent: 'simulator' }] }));
    expect(issue).toMatchObject({ code: 'DUPLICATE_FIELD', path: 'tasks[0].description' });
    expect(issue.message).toBe('task "a" (tasks[0]): "task" and "description" are the same field: give one');
  });

  it('rejects a plan field given twice', () => {
    const issues = issuesOf(validatePlan({ coordinationStrategy: 'parallel', coordination_strategy: 'parallel', tasks: [task('a')] }));
    expect(triples(issues)).toEqual([['DUPLICATE_FIELD', 'coordination_strategy', undefined]]);
  });

  it('lets tasks of one plan use different spellings', () => {
    const plan = parsePlan({ tasks: [task('a', [], { estimatedDuration: 5 }), { id: 'b', task: 'B', node_key: 'simulator', estimated_duration: 5 }] });
    expect(plan.tasks.map((t) => t.estimatedDuration)).toEqual([5, 5000]);
  });

  it('lists each mapped field once, with a unit only on durations', () => {
    for (const table of [ORIGINAL_PLAN_FIELDS, ORIGINAL_TASK_FIELDS]) {
      const names = table.map((entry) => entry.original);
      expect(new Set(names).size).toBe(names.length);
    }
    const inSeconds = [...ORIGINAL_PLAN_FIELDS, ...ORIGINAL_TASK_FIELDS].filter((entry) => entry.unit === 'seconds');
    expect(inSeconds.map((entry) => entry.original).sort()).toEqual(
      ['estimated_duration', 'estimated_parallel_time', 'estimated_time_saved', 'estimated_total_time', 'timeout'].sort(),
    );
  });

  describe('examples/original-format-plan.json', () => {
    const raw = loadExample('original-format-plan.json');

    it('validates with the demo agents and comes out in this format', () => {
      const result = validatePlan(raw, { knownAgents: DEMO_AGENTS });
      expect(result.issues).toEqual([]);
      if (!result.ok) return;
      const { plan } = result;
      expect(plan.coordinationStrategy).toBe('hybrid');
      expect(plan.parallelThreshold).toBe(2);
      expect(plan.tasks.map((t) => [t.id, t.agent, t.estimatedDuration])).toEqual([
        ['clean', 'data_processor', 500],
        ['reconcile', 'payment_processor', 300],
        ['analyse', 'analytics_specialist', 400],
        ['report', 'reporting_agent', 200],
        ['notify', 'notification_agent', 100],
      ]);
      expect(plan.tasks[0]).toMatchObject({ description: 'Clean the quarterly sales records', timeoutMs: 30_000, maxRetries: 2 });
      expect(plan.tasks[2].qualityThreshold).toBe(0.8);
      expect(plan.criticalPath).toEqual(['clean', 'analyse', 'report', 'notify']);
      expect([plan.estimatedTotalTime, plan.estimatedParallelTime, plan.estimatedTimeSaved]).toEqual([1500, 1200, 300]);
      expect(plan.parallelGroups).toEqual([{ name: 'level-1', tasks: ['clean', 'reconcile'] }]);
      // The normalised plan holds this format's names only.
      const keys = new Set([...Object.keys(plan), ...plan.tasks.flatMap((t) => Object.keys(t))]);
      expect([...keys].filter((key) => key.includes('_'))).toEqual([]);
    });

    it('is rejected when its agents are unknown, naming the original field', () => {
      const result = validatePlan(raw, { knownAgents: ['simulator'] });
      expect(result.ok).toBe(false);
      expect(result.issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3, 4].map((i) => `tasks[${i}].node_key`));
    });
  });
});
