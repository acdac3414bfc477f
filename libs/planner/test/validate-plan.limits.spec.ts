import {
  DEFAULT_PLAN_LIMITS,
  MAX_INPUT_DEPTH,
  MAX_TASK_RETRIES,
  MAX_TIMER_MS,
  PlanConfigError,
  parsePlan,
  planLimitsFromEnv,
  validatePlan,
  type PlanIssue,
} from '../src';
import { issuesOf, task } from './helpers';

function triples(issues: readonly PlanIssue[]): [string, string, string | undefined][] {
  return issues.map((issue) => [issue.code, issue.path, issue.taskId]);
}

/** The PlanConfigError `run` throws (fails the test when it throws nothing or something else). */
function configErrorOf(run: () => unknown): PlanConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanConfigError);
    return error as PlanConfigError;
  }
  throw new Error('expected a PlanConfigError');
}

describe('plan limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_PLAN_LIMITS).toEqual({ maxTasks: 100_000, maxIdLength: 200, maxInputBytes: 1_048_576, maxDescriptionLength: 10_000 });
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });

  describe('planLimitsFromEnv', () => {
    it('keeps the defaults for unset or empty variables', () => {
      expect(planLimitsFromEnv({})).toEqual(DEFAULT_PLAN_LIMITS);
      expect(planLimitsFromEnv({ PLAN_MAX_TASKS: '', PLAN_MAX_ID_LENGTH: '  ' })).toEqual(DEFAULT_PLAN_LIMITS);
    });

    it('reads every variable', () => {
      expect(
        planLimitsFromEnv({ PLAN_MAX_TASKS: '10', PLAN_MAX_ID_LENGTH: ' 32 ', PLAN_MAX_INPUT_BYTES: '4096', PLAN_MAX_DESCRIPTION_LENGTH: '500' }),
      ).toEqual({ maxTasks: 10, maxIdLength: 32, maxInputBytes: 4096, maxDescriptionLength: 500 });
    });

    it.each(['0', '-1', '1.5', '1e3', '12abc', 'lots', '9007199254740993'])('refuses PLAN_MAX_TASKS=%p', (value) => {
      const error = configErrorOf(() => planLimitsFromEnv({ PLAN_MAX_TASKS: value }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.issues).toEqual([{ variable: 'PLAN_MAX_TASKS', value, allowed: 'an integer from 1 to 9007199254740991' }]);
      expect(error.message).toBe(`invalid plan limits: PLAN_MAX_TASKS=${JSON.stringify(value)} (allowed: an integer from 1 to 9007199254740991)`);
    });

    it('names every bad variable at once, and cuts a long value', () => {
      const error = configErrorOf(() => planLimitsFromEnv({ PLAN_MAX_ID_LENGTH: 'x'.repeat(10_000), PLAN_MAX_INPUT_BYTES: '-5' }));
      expect(error.issues.map((issue) => issue.variable)).toEqual(['PLAN_MAX_ID_LENGTH', 'PLAN_MAX_INPUT_BYTES']);
      expect(error.message.length).toBeLessThan(300);
    });
  });

  it.each([[{ maxTasks: 0 }], [{ maxIdLength: 2.5 }], [{ maxInputBytes: Number.NaN }], [{ maxDescriptionLength: -1 }]])(
    'refuses bad limits in the options (%p)',
    (limits) => {
      const error = configErrorOf(() => validatePlan({ tasks: [task('a')] }, { limits }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.issues[0].variable).toBe(`limits.${Object.keys(limits)[0]}`);
    },
  );

  describe('maxTasks', () => {
    it('accepts exactly maxTasks tasks', () => {
      expect(validatePlan({ tasks: [task('a'), task('b')] }, { limits: { maxTasks: 2 } }).ok).toBe(true);
    });

    it('reports one issue, before looking at any task or other field', () => {
      const tasks: unknown[] = [task('a'), task('b'), task('c')];
      // A task that throws when read proves no task is looked at.
      Object.defineProperty(tasks, 1, {
        get() {
          throw new Error('task read');
        },
      });
      const issues = issuesOf(validatePlan({ maxConcurrency: -1, tasks, whatever: 1 }, { limits: { maxTasks: 2 } }));
      expect(issues).toEqual([{ code: 'TOO_MANY_TASKS', path: 'tasks', message: 'plan: the plan has 3 tasks, more than the 2 allowed' }]);
    });

    it('bounds the task-id lists as well', () => {
      const tasks = [task('a'), task('b', [], { dependencies: ['a', 'a', 'a'] })];
      const issues = issuesOf(
        validatePlan({ tasks, criticalPath: ['a', 'b', 'a'], parallelGroups: [{ tasks: ['a', 'a', 'a'] }] }, { limits: { maxTasks: 2 } }),
      );
      expect(triples(issues)).toEqual([
        ['TOO_MANY_TASKS', 'tasks[1].dependencies', 'b'],
        ['TOO_MANY_TASKS', 'criticalPath', undefined],
        ['TOO_MANY_TASKS', 'parallelGroups[0].tasks', undefined],
      ]);
      expect(issues[1].message).toBe('plan: criticalPath has 3 entries, more than the 2 tasks a plan may have');
    });
  });

  describe('maxIdLength', () => {
    const long = 'x'.repeat(201);

    it('accepts an id of exactly maxIdLength characters', () => {
      expect(validatePlan({ tasks: [task('x'.repeat(200))] }).ok).toBe(true);
    });

    it('refuses a longer id, agent name or reference, echoing a short part of it', () => {
      const issues = issuesOf(
        validatePlan({
          tasks: [task(long), task('b', [long], { agent: long })],
          criticalPath: [long],
          risks: [{ description: 'r', taskId: long }],
          resourceBreakdown: { [long]: { tasks: 1, estimatedMs: 1 } },
        }),
      );
      expect(triples(issues)).toEqual([
        ['ID_TOO_LONG', 'tasks[0].id', undefined],
        ['ID_TOO_LONG', 'tasks[1].agent', 'b'],
        ['ID_TOO_LONG', 'tasks[1].dependencies[0]', 'b'],
        ['ID_TOO_LONG', 'criticalPath[0]', undefined],
        ['ID_TOO_LONG', `resourceBreakdown["${'x'.repeat(80)}…"]`, undefined],
        ['ID_TOO_LONG', 'risks[0].taskId', undefined],
      ]);
      expect(issues[0].message).toBe(`tasks[0]: id is too long: 201 characters, at most 200 allowed for a task id ("${'x'.repeat(80)}…")`);
      expect(issues[4].message).toMatch(/: the agent name is too long: 201 characters/);
    });

    it('echoes a 5 MB dependency name once, in 80 characters', () => {
      const huge = 'd'.repeat(5_000_000);
      const [issue] = issuesOf(validatePlan({ tasks: [task('a', [huge])] }));
      expect(issue.code).toBe('ID_TOO_LONG');
      expect(issue.message.length).toBeLessThan(250);
      expect(issue.message.split('d'.repeat(80))).toHaveLength(2);
    });

    it('follows the configured limit', () => {
      expect(validatePlan({ tasks: [task('abcdefghi')] }, { limits: { maxIdLength: 9 } }).ok).toBe(true);
      expect(triples(issuesOf(validatePlan({ tasks: [task('abcdefghij')] }, { limits: { maxIdLength: 9 } })))).toEqual([
        ['ID_TOO_LONG', 'tasks[0].id', undefined],
      ]);
    });
  });

  describe('maxInputBytes', () => {
    /** An input whose JSON text is exactly `bytes` bytes (multi-byte characters included). */
    function inputOfSize(bytes: number): Record<string, unknown> {
      const base = { note: 'é€😀' };
      const baseBytes = Buffer.byteLength(JSON.stringify(base));
      const input = { note: `é€😀${'a'.repeat(bytes - baseBytes)}` };
      expect(Buffer.byteLength(JSON.stringify(input))).toBe(bytes);
      return input;
    }

    it('accepts an input of exactly maxInputBytes bytes of JSON and refuses one more', () => {
      const limits = { maxInputBytes: 100 };
      expect(validatePlan({ tasks: [task('a', [], { input: inputOfSize(100) })] }, { limits }).ok).toBe(true);
      const issues = issuesOf(validatePlan({ tasks: [task('a', [], { input: inputOfSize(101) })] }, { limits }));
      expect(issues).toEqual([
        {
          code: 'INPUT_TOO_LARGE',
          path: 'tasks[0].input',
          taskId: 'a',
          message: 'task "a" (tasks[0]): input is too large: more than the 100 bytes of JSON allowed',
        },
      ]);
    });

    it('refuses a 2 MB input by default', () => {
      const [issue] = issuesOf(validatePlan({ tasks: [task('a', [], { input: { blob: 'z'.repeat(2_000_000) } })] }));
      expect(issue.code).toBe('INPUT_TOO_LARGE');
    });

    it(`refuses an input nested deeper than ${MAX_INPUT_DEPTH} levels`, () => {
      const nested = (levels: number): Record<string, unknown> => {
        let value: Record<string, unknown> = {};
        for (let i = 1; i < levels; i++) value = { next: value };
        return value;
      };
      expect(validatePlan({ tasks: [task('a', [], { input: nested(MAX_INPUT_DEPTH) })] }).ok).toBe(true);
      expect(triples(issuesOf(validatePlan({ tasks: [task('a', [], { input: nested(MAX_INPUT_DEPTH + 1) })] })))).toEqual([
        ['INPUT_TOO_DEEP', 'tasks[0].input', 'a'],
      ]);
    });

    it('refuses a cyclic input instead of walking it forever', () => {
      const input: Record<string, unknown> = { a: 1 };
      input['self'] = input;
      expect(validatePlan({ tasks: [task('a', [], { input })] }).ok).toBe(false);
    });
  });

  describe('maxDescriptionLength', () => {
    it('accepts a description of exactly the limit and refuses a longer one, in either spelling', () => {
      expect(validatePlan({ tasks: [task('a', [], { description: 'd'.repeat(10_000) })] }).ok).toBe(true);
      const raw = { id: 'b', task: 'd'.repeat(10_001), node_key: 'simulator' };
      const issues = issuesOf(validatePlan({ tasks: [task('a', [], { description: 'd'.repeat(10_001) }), raw] }));
      expect(triples(issues)).toEqual([
        ['TEXT_TOO_LONG', 'tasks[0].description', 'a'],
        ['TEXT_TOO_LONG', 'tasks[1].task', 'b'],
      ]);
      expect(issues[0].message.length).toBeLessThan(250);
    });

    it('bounds the plan name and description, group names and risk texts, but not the request', () => {
      const text = 't'.repeat(11);
      const issues = issuesOf(
        validatePlan(
          {
            name: text,
            description: text,
            request: text,
            tasks: [task('a')],
            parallelGroups: [{ name: text, tasks: ['a'] }],
            risks: [{ description: text, mitigation: text }],
          },
          { limits: { maxDescriptionLength: 10 } },
        ),
      );
      expect(triples(issues)).toEqual([
        ['TEXT_TOO_LONG', 'name', undefined],
        ['TEXT_TOO_LONG', 'description', undefined],
        ['TEXT_TOO_LONG', 'parallelGroups[0].name', undefined],
        ['TEXT_TOO_LONG', 'risks[0].description', undefined],
        ['TEXT_TOO_LONG', 'risks[0].mitigation', undefined],
      ]);
    });
  });

  describe('timer-safe numbers', () => {
    it.each([
      ['timeoutMs', MAX_TIMER_MS, true],
      ['timeoutMs', MAX_TIMER_MS + 1, false],
      ['estimatedDuration', MAX_TIMER_MS, true],
      ['estimatedDuration', MAX_TIMER_MS + 0.5, false],
      ['maxRetries', MAX_TASK_RETRIES, true],
      ['maxRetries', MAX_TASK_RETRIES + 1, false],
    ])('%s = %p is accepted: %p', (field, value, ok) => {
      const result = validatePlan({ tasks: [task('a', [], { [field]: value })] });
      expect(result.ok).toBe(ok);
      if (!result.ok) expect(triples(result.issues)).toEqual([['INVALID_NUMBER', `tasks[0].${field}`, 'a']]);
    });

    it('names the allowed range', () => {
      const issues = issuesOf(validatePlan({ tasks: [task('a', [], { timeoutMs: 3e9, estimatedDuration: 3e9, maxRetries: 1000 })] }));
      expect(issues.map((issue) => issue.message.replace('task "a" (tasks[0]): ', ''))).toEqual([
        'estimatedDuration must be a non-negative number of milliseconds, at most 2147483647, got 3000000000',
        'timeoutMs must be a positive number of milliseconds, at most 2147483647, got 3000000000',
        'maxRetries must be an integer from 0 to 100, got 1000',
      ]);
    });

    it('does not cap the informative totals, which sum many tasks', () => {
      expect(parsePlan({ tasks: [task('a')], estimatedTotalTime: 1e12 }).estimatedTotalTime).toBe(1e12);
    });
  });
});
