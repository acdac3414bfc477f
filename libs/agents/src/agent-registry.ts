import { TaskError, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from './agent';
import type { AgentCard } from './agent-card';

export type AgentRegistryErrorCode = 'AGENT_ALREADY_REGISTERED' | 'INVALID_AGENT';

/** A refused registration; the registry is left unchanged. */
export class AgentRegistryError extends Error {
  constructor(
    readonly code: AgentRegistryErrorCode,
    message: string,
    readonly agentName?: string,
  ) {
    super(message);
    this.name = 'AgentRegistryError';
  }
}

/** The engine's executor for in-process agents: routes each task to the agent it names. */
export class AgentRegistry implements TaskExecutor {
  private readonly agents = new Map<string, Agent>();
  private readonly checks = new Set<(agent: Agent) => void>();

  constructor(agents: Iterable<Agent> = []) {
    for (const agent of agents) this.register(agent);
  }

  register(agent: Agent): this {
    const name = agent.card?.name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new AgentRegistryError('INVALID_AGENT', 'an agent must have a card with a non-empty name');
    }
    if (this.agents.has(name)) {
      throw new AgentRegistryError('AGENT_ALREADY_REGISTERED', `an agent named "${name}" is already registered`, name);
    }
    for (const check of this.checks) check(agent);
    this.agents.set(name, agent);
    return this;
  }

  /**
   * Runs `check` on every agent registered from now on, after the registry's own checks and before
   * the agent is added: what must be prepared per agent (e.g. its output schema compiled) happens at
   * registration, and a check that throws refuses the agent with its error. Returns the undo.
   */
  beforeRegister(check: (agent: Agent) => void): () => void {
    this.checks.add(check);
    return () => this.checks.delete(check);
  }

  /** Returns false when no agent had that name. */
  unregister(name: string): boolean {
    return this.agents.delete(name);
  }

  get(name: string): Agent | undefined {
    return this.agents.get(name);
  }

  has(name: string): boolean {
    return this.agents.has(name);
  }

  /** Names in registration order. */
  names(): string[] {
    return [...this.agents.keys()];
  }

  cards(): AgentCard[] {
    return Array.from(this.agents.values(), (agent) => agent.card);
  }

  get size(): number {
    return this.agents.size;
  }

  // Not `async`: on the engine's hot path we hand back the agent's own promise without wrapping it.
  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const agent = this.agents.get(task.agent);
    if (agent === undefined) return Promise.reject(this.notFound(task.agent));
    try {
      return agent.execute(task, ctx);
    } catch (error) {
      // A non-async agent may throw synchronously; the engine expects a rejection either way.
      return Promise.reject(error);
    }
  }

  private notFound(name: string): TaskError {
    const known = this.names().sort().join(', ') || 'none';
    return new TaskError('AGENT_NOT_FOUND', `no agent "${name}" is registered (known: ${known})`, false);
  }
}
