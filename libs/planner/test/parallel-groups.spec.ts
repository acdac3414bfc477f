import { validatePlan } from '../src';
import { issuesOf, task } from './helpers';

const groupIssues = (tasks: Record<string, unknown>[], groups: { name?: string; tasks: string[] }[]) =>
  issuesOf(validatePlan({ tasks, parallelGroups: groups })).map((issue) => [issue.code, issue.path, issue.message]);

describe('parallel groups: members must not depend on each other, even through other tasks', () => {
  // a <- b <- c (c depends on a only through b); x stands alone; y depends on x.
  const tasks = [task('a'), task('b', ['a']), task('c', ['b']), task('x'), task('y', ['x'])];

  it('refuses a transitive dependency between two members, naming both', () => {
    expect(groupIssues(tasks, [{ name: 'g', tasks: ['a', 'c'] }])).toEqual([
      ['INVALID_VALUE', 'parallelGroups[0].tasks', 'plan: parallel group 0 ("g"): task "c" depends on "a", so they cannot run in parallel'],
    ]);
    // Member order does not hide it, and an unnamed group is named by its index.
    expect(groupIssues(tasks, [{ tasks: ['c', 'x', 'a'] }])).toEqual([
      ['INVALID_VALUE', 'parallelGroups[0].tasks', 'plan: parallel group 0: task "c" depends on "a", so they cannot run in parallel'],
    ]);
  });

  it('refuses a dependency many steps up a chain', () => {
    const chain = Array.from({ length: 8 }, (_, i) => task(`t${i}`, i === 0 ? [] : [`t${i - 1}`]));
    expect(groupIssues(chain, [{ tasks: ['t7', 't0'] }])[0][2]).toBe('plan: parallel group 0: task "t7" depends on "t0", so they cannot run in parallel');
  });

  it('accepts members at different depths that do not depend on each other', () => {
    expect(validatePlan({ tasks, parallelGroups: [{ tasks: ['c', 'y'] }, { tasks: ['a', 'y'] }, { tasks: ['b', 'x'] }] }).ok).toBe(true);
  });

  it('reports each bad group at its own index, and only those', () => {
    const issues = groupIssues(tasks, [{ tasks: ['a', 'x'] }, { tasks: ['x', 'y'] }, { tasks: ['c'] }, { tasks: ['b', 'c'] }]);
    expect(issues.map(([, path]) => path)).toEqual(['parallelGroups[1].tasks', 'parallelGroups[3].tasks']);
    expect(issues[0][2]).toContain('task "y" depends on "x"');
    expect(issues[1][2]).toContain('task "c" depends on "b"');
  });

  it('a shared ancestor of two members is not a dependency between them', () => {
    const diamond = [task('root'), task('left', ['root']), task('right', ['root']), task('deep', ['left'])];
    expect(validatePlan({ tasks: diamond, parallelGroups: [{ tasks: ['deep', 'right'] }] }).ok).toBe(true);
    // The first member (in group order) with a member above it is the one named.
    expect(groupIssues(diamond, [{ tasks: ['right', 'deep', 'root'] }])[0][2]).toContain('task "right" depends on "root"');
    expect(groupIssues(diamond, [{ tasks: ['deep', 'right', 'root'] }])[0][2]).toContain('task "deep" depends on "root"');
  });
});

describe('parallel groups on shapes that punish repeated work', () => {
  it('a ladder of 60 diamonds with a group across it validates (each task is ordered once, not once per path)', () => {
    // top_i -> left_i, right_i -> top_{i+1}: 2^60 paths from the first top to the last.
    const tasks: Record<string, unknown>[] = [task('top0')];
    for (let i = 0; i < 60; i++) {
      tasks.push(task(`left${i}`, [`top${i}`]), task(`right${i}`, [`top${i}`]), task(`top${i + 1}`, [`left${i}`, `right${i}`]));
    }
    const result = validatePlan({ tasks, parallelGroups: [{ tasks: ['left59', 'right59'] }, { tasks: ['left0', 'right30'] }] });
    expect(result.ok).toBe(false);
    expect(issuesOf(result).map((issue) => issue.path)).toEqual(['parallelGroups[1].tasks']);
    expect(issuesOf(result)[0].message).toContain('task "right30" depends on "left0"');
  });
});
