import { createRunState, type RunState } from '@a2a-mcp/core-graph';
import { renderProgressBar, snapshotOf, type ProgressSnapshot } from '../src/progress-bar';

const snapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  done: 3,
  total: 5,
  failed: 0,
  running: ['payment', 'email'],
  queued: 0,
  elapsedMs: 420,
  ...overrides,
});

describe('renderProgressBar', () => {
  it('shows the bar, the count, the running tasks and the elapsed time', () => {
    expect(renderProgressBar(snapshot())).toBe('[############--------] 3/5 done · running: payment, email · 0.4s');
  });

  it('is empty at the start and full at the end', () => {
    expect(renderProgressBar(snapshot({ done: 0, running: [], elapsedMs: 0 }))).toBe('[--------------------] 0/5 done · 0.0s');
    expect(renderProgressBar(snapshot({ done: 5, running: [], elapsedMs: 1234 }))).toBe('[####################] 5/5 done · 1.2s');
  });

  it('counts failures and abbreviates a long list of running tasks', () => {
    const line = renderProgressBar(snapshot({ failed: 1, running: ['a', 'b', 'c', 'd', 'e'] }));
    expect(line).toBe('[############--------] 3/5 done · 1 failed · running: a, b, c +2 more · 0.4s');
  });

  it('stays shorter than the terminal so it never wraps', () => {
    const line = renderProgressBar(snapshot({ running: ['a_very_long_task_name', 'another_long_task_name'] }), 40);
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });

  it('handles an empty plan', () => {
    expect(renderProgressBar(snapshot({ done: 0, total: 0, running: [] }))).toBe('[####################] 0/0 done · 0.4s');
  });
});

describe('snapshotOf', () => {
  it('reads done, failed and running tasks from the run state', () => {
    const state: RunState = createRunState('run-1');
    const task = (id: string, status: RunState['tasks'][string]['status']): void => {
      state.order.push(id);
      state.tasks[id] = { id, status, agent: 'simulator', attempts: 1, description: id, dependencies: [], dependents: [], pendingDeps: 0 };
    };
    task('a', 'completed');
    task('b', 'failed');
    task('c', 'running');
    task('d', 'pending');
    task('e', 'paused');
    task('f', 'queued');
    state.finishedCount = 2;
    expect(snapshotOf(state, 100)).toEqual({ done: 2, total: 6, failed: 1, running: ['c', 'e'], queued: 1, elapsedMs: 100 });
  });

  it('counts tasks waiting for a slot apart from the running ones', () => {
    expect(renderProgressBar(snapshot({ running: ['a'], queued: 4 }))).toBe('[############--------] 3/5 done · running: a · 4 queued · 0.4s');
  });
});
