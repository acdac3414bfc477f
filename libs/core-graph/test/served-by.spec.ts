import { TaskError, WorkflowGraph, applyEvent, createRunState, runWorkflow, type TaskContext, type TaskRequest, type WorkflowEvent } from '../src';
import { finishBy, manualClock } from './support/finish-run';

/** Each attempt names a replica (`replica-<attempt>`); the first attempt of task "flaky" fails after naming one. */
const executor = {
  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    if (task.taskId === 'local') return { ok: true };
    ctx.servedBy?.(`replica-${ctx.attempt}`);
    if (task.taskId === 'flaky' && ctx.attempt === 1) throw new TaskError('AGENT_LOST', 'replica died', true);
    return { ok: true };
  },
};

describe('servedBy: where a remote attempt ran', () => {
  it('is recorded from the completing attempt on task_complete, in the fold and in the result; absent when no transport named one', async () => {
    const clock = manualClock();
    const graph = WorkflowGraph.fromSpecs([
      { id: 'remote', description: 'r', agent: 'a', dependencies: [] },
      { id: 'flaky', description: 'f', agent: 'a', dependencies: [], maxRetries: 2 },
      { id: 'local', description: 'l', agent: 'a', dependencies: [] },
    ]);
    const events: WorkflowEvent[] = [];
    const run = runWorkflow(graph, executor, { clock, random: () => 0, onEvent: (event) => events.push(event) });
    const result = await finishBy(run, clock, 60_000);

    expect(result.tasks.remote.servedBy).toBe('replica-1');
    // The retry ran elsewhere: the record names the attempt that completed, not the one that failed.
    expect(result.tasks.flaky).toMatchObject({ attempts: 2, servedBy: 'replica-2' });
    expect(result.tasks.local.servedBy).toBeUndefined();
    expect('servedBy' in result.tasks.local).toBe(false);

    const completes = events.filter((event) => event.type === 'task_complete');
    expect(completes.map((event) => [event.taskId, event.type === 'task_complete' ? event.servedBy : null]).sort()).toEqual([
      ['flaky', 'replica-2'],
      ['local', undefined],
      ['remote', 'replica-1'],
    ]);
    // Replaying the log gives the same record.
    const replayed = events.reduce((state, event) => applyEvent(state, event), createRunState(result.runId));
    expect(replayed.tasks.flaky.servedBy).toBe('replica-2');
    expect(replayed.tasks.local.servedBy).toBeUndefined();
  });
});
