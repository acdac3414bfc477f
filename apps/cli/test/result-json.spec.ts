import type { RunResult, TaskSummary } from '@a2a-mcp/core-graph';
import { toResultJson } from '../src/result-json';

/** The `--json` task line written the plain way: every contract key, nulls for unknowns, optional keys in place. */
function referenceLine(task: TaskSummary): Record<string, unknown> {
  return {
    status: task.status,
    agent: task.agent,
    attempts: task.attempts,
    startedAtMs: task.startedAtMs ?? null,
    finishedAtMs: task.finishedAtMs ?? null,
    durationMs: task.durationMs ?? null,
    ...(task.queueWaitMs === undefined ? {} : { queueWaitMs: task.queueWaitMs }),
    qualityScore: task.qualityScore ?? null,
    ...(task.error === undefined ? {} : { error: task.error }),
    ...(task.output === undefined ? {} : { output: task.output }),
  };
}

describe('toResultJson', () => {
  it('prints every kind of task line with the same keys, in the same order, as the plain version', () => {
    const lines: TaskSummary[] = [
      { status: 'completed', agent: 'a', attempts: 1, startedAtMs: 0.5, finishedAtMs: 2, durationMs: 1.5, qualityScore: 0.9, output: { ok: true } },
      { status: 'completed', agent: 'a', attempts: 1, startedAtMs: 0, finishedAtMs: 1, durationMs: 1, qualityScore: undefined, output: 'text' },
      { status: 'completed', agent: 'a', attempts: 2, startedAtMs: 3, finishedAtMs: 9, durationMs: 6, queueWaitMs: 4, output: [1, 2] },
      { status: 'completed', agent: 'a', attempts: 1, startedAtMs: 0, finishedAtMs: 1, durationMs: 1, output: undefined },
      { status: 'failed', agent: 'b', attempts: 3, startedAtMs: 1, finishedAtMs: 5, durationMs: 4, error: { code: 'X', message: 'no' }, output: undefined },
      { status: 'failed', agent: 'b', attempts: 1, startedAtMs: 1, finishedAtMs: 5, durationMs: 4, queueWaitMs: 2, error: { code: 'Y', message: 'late' }, output: 0 },
      { status: 'skipped', agent: 'c', attempts: 0, error: { code: 'SKIPPED', message: 'dependency "b" did not complete' } },
      { status: 'cancelled', agent: 'd', attempts: 0, output: null },
    ];
    const tasks = Object.create(null) as Record<string, TaskSummary>;
    lines.forEach((line, i) => (tasks[i === 0 ? '__proto__' : `t${i}`] = line));
    const result = {
      runId: 'r',
      status: 'partial',
      strategy: 'hybrid',
      strategyReason: 'requested',
      makespanMs: 9,
      criticalPath: ['t2'],
      criticalPathMs: 6,
      totalTaskMs: 18,
      parallelEfficiency: 0.5,
      successful: ['__proto__', 't1', 't2', 't3'],
      failed: ['t4', 't5'],
      skipped: ['t6'],
      cancelled: ['t7'],
      partialCompletion: true,
      totalQueueWaitMs: 6,
      tasks,
    } satisfies RunResult;
    const printed = JSON.stringify(toResultJson(result), null, 2);
    const expectedTasks = Object.fromEntries(Object.keys(tasks).map((id) => [id, referenceLine(tasks[id])]));
    expect(printed).toBe(JSON.stringify({ ...result, tasks: expectedTasks }, null, 2));
    // "__proto__" stays an ordinary key of the printed object.
    expect(Object.keys(JSON.parse(printed).tasks)).toEqual(['__proto__', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
  });
});
