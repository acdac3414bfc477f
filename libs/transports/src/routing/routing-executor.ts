import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import type { AgentRoute } from './agent-route';

/**
 * The engine's one executor: sends each task to where its agent lives (in process, NATS, gRPC).
 * Routes change while runs go on (a replica announces itself, an agent is pinned by AGENTS_CONFIG):
 * a task is routed when its attempt starts, so a retry may go elsewhere.
 */
export class RoutingExecutor implements TaskExecutor {
  private readonly routes = new Map<string, AgentRoute>();

  constructor(routes: Iterable<AgentRoute> = []) {
    for (const route of routes) this.setRoute(route);
  }

  setRoute(route: AgentRoute): void {
    this.routes.set(route.agent, route);
  }

  removeRoute(agent: string): boolean {
    return this.routes.delete(agent);
  }

  routeOf(agent: string): AgentRoute | undefined {
    return this.routes.get(agent);
  }

  allRoutes(): AgentRoute[] {
    return [...this.routes.values()];
  }

  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const route = this.routes.get(task.agent);
    if (route === undefined) {
      return Promise.reject(new TaskError('UNKNOWN_AGENT', `task "${task.taskId}": no route to agent "${task.agent}"`, false));
    }
    return route.executor.execute(task, ctx);
  }
}
