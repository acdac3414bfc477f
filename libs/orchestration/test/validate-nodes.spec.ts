import { DEFAULT_PLAN_LIMITS, PlanValidationError } from '@a2a-mcp/planner';
import { validateNodes } from '../src/runs/validate-nodes';

const existing = new Set(['hold', 'done']);
const options = { isExistingTask: (id: string) => existing.has(id), agentNames: ['payment_processor', 'simulator', 'sms'] };

function issuesOf(run: () => unknown): PlanValidationError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a PlanValidationError');
}

describe('validateNodes: nodes for a running run, under the planner task rules', () => {
  it('returns the nodes normalised, depending on tasks of the run and on each other, without the stand-ins', () => {
    const nodes = validateNodes(
      [
        { id: 'a', description: 'a', agent: 'sms', dependencies: ['hold', 'b'], input: { n: 1 } },
        { id: 'b', description: 'b', agent: 'simulator', dependencies: ['done'] },
        { id: 'c', description: 'c', agent: 'simulator' },
      ],
      options,
    );
    expect(nodes).toEqual([
      { id: 'a', description: 'a', agent: 'sms', dependencies: ['hold', 'b'], input: { n: 1 } },
      { id: 'b', description: 'b', agent: 'simulator', dependencies: ['done'] },
      { id: 'c', description: 'c', agent: 'simulator', dependencies: [] },
    ]);
    expect(validateNodes([], options)).toEqual([]);
  });

  it('names nodes[i] in paths and messages, for field, agent, dependency and cycle issues', () => {
    const issues = issuesOf(() =>
      validateNodes(
        [
          { id: 'a', description: 'a', agent: 'nobody', dependencies: ['ghost'] },
          { id: 'b', description: 'b', agent: 'simulator', dependencies: ['c', 'hold'], maxRetries: -1 },
          { id: 'c', description: 'c', agent: 'simulator', dependencies: ['b'] },
        ],
        options,
      ),
    );
    expect(issues.map(({ code, path, taskId }) => ({ code, path, taskId }))).toEqual([
      { code: 'UNKNOWN_AGENT', path: 'nodes[0].agent', taskId: 'a' },
      { code: 'UNKNOWN_DEPENDENCY', path: 'nodes[0].dependencies[0]', taskId: 'a' },
      { code: 'INVALID_NUMBER', path: 'nodes[1].maxRetries', taskId: 'b' },
    ]);
    expect(issues[0].message).toMatch(/^task "a" \(nodes\[0\]\): unknown agent "nobody"/);
    for (const issue of issues) expect(issue.message).not.toContain('tasks[');

    const cycle = issuesOf(() =>
      validateNodes(
        [
          { id: 'b', description: 'b', agent: 'simulator', dependencies: ['c', 'hold'] },
          { id: 'c', description: 'c', agent: 'simulator', dependencies: ['b'] },
        ],
        options,
      ),
    );
    expect(cycle).toEqual([expect.objectContaining({ code: 'CYCLE', path: 'nodes[0].dependencies' })]);
  });

  it('counts only the nodes against maxTasks, and reports too many on the list itself', () => {
    const node = (id: string) => ({ id, description: id, agent: 'simulator', dependencies: ['hold', 'done'] });
    const limits = { ...DEFAULT_PLAN_LIMITS, maxTasks: 2 };
    expect(validateNodes([node('a'), node('b')], { ...options, limits }).map((task) => task.id)).toEqual(['a', 'b']);
    const issues = issuesOf(() => validateNodes([node('a'), node('b'), node('c')], { ...options, limits }));
    expect(issues).toEqual([expect.objectContaining({ code: 'TOO_MANY_TASKS', path: 'nodes' })]);
  });

  it('a stand-in takes the shortest agent name, so a short id limit does not trip over it', () => {
    const limits = { ...DEFAULT_PLAN_LIMITS, maxIdLength: 4 };
    const nodes = validateNodes([{ id: 'a', description: 'a', agent: 'sms', dependencies: ['hold'] }], { ...options, limits });
    expect(nodes.map((task) => task.id)).toEqual(['a']);
  });
});
