import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { createStandaloneContext } from '@a2a-mcp/core-graph/testing';
import { RoutingExecutor, type AgentRoute } from '../src';

const request = (agent: string): TaskRequest => ({ runId: 'r', taskId: 't', description: 'd', agent, input: {}, dependencyOutputs: {}, metadata: {} });

function route(agent: string, answer: string): AgentRoute {
  return { agent, transport: 'local', address: 'in-process', executor: { execute: async (task: TaskRequest) => `${answer}:${task.agent}` } };
}

describe('RoutingExecutor', () => {
  let ctx: TaskContext;
  beforeEach(() => {
    ctx = createStandaloneContext().ctx;
  });

  it('sends each task to its agent route, and follows a route changed between attempts', async () => {
    const routing = new RoutingExecutor([route('a', 'first'), route('b', 'second')]);
    await expect(routing.execute(request('a'), ctx)).resolves.toBe('first:a');
    await expect(routing.execute(request('b'), ctx)).resolves.toBe('second:b');
    routing.setRoute(route('a', 'moved'));
    await expect(routing.execute(request('a'), ctx)).resolves.toBe('moved:a');
    expect(routing.allRoutes().map((r) => r.agent).sort()).toEqual(['a', 'b']);
  });

  it('fails a task whose agent has no route, not retryable, naming task and agent', async () => {
    const routing = new RoutingExecutor([route('a', 'x')]);
    expect(routing.removeRoute('a')).toBe(true);
    await expect(routing.execute(request('a'), ctx)).rejects.toMatchObject({ code: 'UNKNOWN_AGENT', retryable: false, message: 'task "t": no route to agent "a"' });
  });
});
