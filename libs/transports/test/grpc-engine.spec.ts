import { ParallelWorkflowGraph, runWorkflow, type WorkflowEvent } from '@a2a-mcp/core-graph';
import { GrpcAgentClient, type RunningGrpcAgentServer } from '../src';
import { HEARTBEAT_MS, MISSED_BEATS, executorOf, startReplica } from './support/grpc-fixtures';

/** The gRPC client's executor handed straight to the engine, whose ctx is a class instance. */
describe('gRPC client executor inside runWorkflow', () => {
  let server: RunningGrpcAgentServer;
  const client = new GrpcAgentClient({ poolSize: 2, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });

  beforeAll(async () => {
    const reporter = executorOf(async (task, ctx) => {
      ctx.progress(25, 'reading');
      ctx.artifact({ name: `summary-${task.taskId}`, data: { taskId: task.taskId } });
      ctx.progress(100);
      return { done: task.taskId };
    });
    server = await startReplica({ executor: reporter, replicaId: 'engine-grpc' });
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  it('progress, artifacts, outputs and servedBy reach the run, with and without a task timeout', async () => {
    const graph = ParallelWorkflowGraph.fromSpecs([
      { id: 'timed', description: 'with a deadline', agent: 'reporter', timeoutMs: 30_000 },
      { id: 'open', description: 'without one', agent: 'reporter' },
    ]);
    const events: WorkflowEvent[] = [];
    const run = runWorkflow(graph, client.executorFor('reporter', server.address), { runId: 'engine-grpc-run', strategy: 'parallel', onEvent: (event) => events.push(event) });
    const result = await run.result;

    expect(result.status).toBe('completed');
    for (const taskId of ['timed', 'open']) {
      expect(result.tasks[taskId]).toMatchObject({ status: 'completed', output: { done: taskId }, servedBy: 'engine-grpc' });
      const progress = events.filter((event) => event.type === 'task_progress' && event.taskId === taskId);
      expect(progress).toEqual([expect.objectContaining({ pct: 25, message: 'reading' }), expect.objectContaining({ pct: 100 })]);
      const artifacts = events.filter((event) => event.type === 'artifact' && event.taskId === taskId);
      expect(artifacts).toEqual([expect.objectContaining({ artifact: { name: `summary-${taskId}`, data: { taskId } } })]);
    }
  });
});
