import { ParallelWorkflowGraph, runWorkflow, type WorkflowEvent } from '@a2a-mcp/core-graph';
import { AgentRegistry } from '@a2a-mcp/agents';
import { NatsAgentClient, NatsAgentServer } from '../src';
import { NATS_URL, testAgent, uniquePrefix } from './support/nats-fixtures';

/**
 * The NATS client's executor handed straight to the engine: the engine's ctx is a class instance
 * (its methods live on the prototype), so the client must not copy it with a spread.
 */
describe('NATS client executor inside runWorkflow', () => {
  const prefix = uniquePrefix();
  const reporter = testAgent('reporter', async (task, ctx) => {
    ctx.progress(25, 'reading');
    ctx.artifact({ name: `summary-${task.taskId}`, data: { taskId: task.taskId } });
    ctx.progress(100);
    return { done: task.taskId };
  });
  const server = new NatsAgentServer({ executor: new AgentRegistry([reporter]), agents: ['reporter'], servers: NATS_URL, heartbeatMs: 50, subjectPrefix: prefix, replicaId: 'engine-replica' });
  const client = new NatsAgentClient({ url: NATS_URL, heartbeatMs: 50, missedBeats: 10, subjectPrefix: prefix });

  beforeAll(() => server.start());
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('progress, artifacts, outputs and servedBy reach the run, with and without a task timeout', async () => {
    const graph = ParallelWorkflowGraph.fromSpecs([
      // A timeout makes the client combine the engine's signal with its deadline: the ctx it passes on is its own.
      { id: 'timed', description: 'with a deadline', agent: 'reporter', timeoutMs: 30_000 },
      { id: 'open', description: 'without one', agent: 'reporter' },
    ]);
    const events: WorkflowEvent[] = [];
    const run = runWorkflow(graph, client.executorFor('reporter'), { runId: `engine-${prefix}`, strategy: 'parallel', onEvent: (event) => events.push(event) });
    const result = await run.result;

    expect(result.status).toBe('completed');
    for (const taskId of ['timed', 'open']) {
      expect(result.tasks[taskId]).toMatchObject({ status: 'completed', output: { done: taskId }, servedBy: 'engine-replica' });
      const progress = events.filter((event) => event.type === 'task_progress' && event.taskId === taskId);
      expect(progress).toEqual([expect.objectContaining({ pct: 25, message: 'reading' }), expect.objectContaining({ pct: 100 })]);
      const artifacts = events.filter((event) => event.type === 'artifact' && event.taskId === taskId);
      expect(artifacts).toEqual([expect.objectContaining({ artifact: { name: `summary-${taskId}`, data: { taskId } } })]);
    }
  });
});
