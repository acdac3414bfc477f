import { strategyReasonLabel } from '../src';

// The reasons as the planner's resolveRunSettings and selectStrategy write them (the host's wording:
// "requested strategy", "ORCHESTRATION_MODE=<mode> default strategy"; the optimizer's "auto: <code>: …").
const AUTO = {
  single_task: 'auto: single_task: one task needs no coordination (parallel potential 0%, widest level 1); load: idle; changed nothing: one task at a time',
  no_parallelism: 'auto: no_parallelism: no two tasks can ever run at once (parallel potential 0%, widest level 1); load: idle; changed nothing: one task at a time',
  uniform_levels:
    'auto: uniform_levels: the levels line up with the critical path and each runs concurrently (parallelThreshold 2), so level by level loses nothing ' +
    '(parallel potential 60%, widest level 3); load: 0 runs, 0/100 slots; changed nothing: concurrency follows the plan',
  dependency_driven:
    'auto: dependency_driven: tasks start as soon as their dependencies complete (parallel potential 45%, widest level 4); ' +
    'load: 3 runs, 90/100 slots; capped concurrency 4 → 2 (fair share of the free slots)',
};

describe('strategyReasonLabel', () => {
  it.each(Object.entries(AUTO))('gives the optimizer code %s for its auto reason', (code, reason) => {
    expect(strategyReasonLabel(reason)).toBe(code);
  });

  it.each([
    ['plan coordinationStrategy hybrid', 'plan'],
    ['plan coordinationStrategy sequential', 'plan'],
    ['requested strategy parallel', 'requested'],
    // The engine's own default when the caller gives no reason.
    ['requested', 'requested'],
    ['ORCHESTRATION_MODE=enhanced default strategy auto', 'default'],
    ['ORCHESTRATION_MODE=basic default strategy sequential', 'default'],
  ])('labels %j as %s', (reason, label) => {
    expect(strategyReasonLabel(reason)).toBe(label);
  });

  it('never passes free text through: unknown auto codes and anything else are "other"', () => {
    const labels = new Set(['single_task', 'no_parallelism', 'uniform_levels', 'dependency_driven', 'plan', 'requested', 'default', 'other']);
    const odd = [
      'auto: run-42f1/task_7: injected',
      'auto: uniform_levels',
      'auto:',
      'auto:uniform_levels:tight',
      'automatic',
      'planned by someone',
      'run 7f3a9c1e chose parallel',
      '',
      '"><script>',
      'x'.repeat(10_000),
    ];
    const got = odd.map((reason) => strategyReasonLabel(reason));
    for (const label of got) expect(labels.has(label)).toBe(true);
    expect(got).toEqual(['other', 'other', 'other', 'uniform_levels', 'other', 'other', 'other', 'other', 'other', 'other']);
  });
});
