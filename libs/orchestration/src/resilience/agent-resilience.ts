import { systemClock, type Clock, type TaskContext, type TaskExecutor, type TaskRequest } from '@a2a-mcp/core-graph';
import type { RunObserver } from '@a2a-mcp/observability';
import type { ResilienceSettings } from '../config/resilience-settings';
import { AgentGuard, type AgentGuardEvents, type CircuitStateName } from './agent-guard';
import { OutputInspector, type OutputSchemas } from './output-inspector';

export interface AgentResilienceOptions {
  settings: ResilienceSettings;
  /** The agents' compiled output schemas (the host's OutputSchemaCatalog); an agent without one gets no schema check. */
  outputSchemas?: OutputSchemas;
  /** Where circuit changes and bulkhead refusals are reported (domain events, metrics). */
  events?: AgentGuardEvents;
  /** Times how long a circuit stays open (default the system clock; tests pass a VirtualClock). */
  clock?: Clock;
}

const SILENT: AgentGuardEvents = { circuitChanged: () => undefined, bulkheadRejected: () => undefined };

/**
 * The agent boundary's protection, as a RunObserver that wraps the executor every run calls agents
 * through: per agent (by name, shared by all runs) a circuit breaker and a bulkhead (AgentGuard), then
 * the check of what the agent returned (OutputInspector). The host puts it first among the observers,
 * so it wraps the catalog's executor itself and the metrics and traces see the errors it raises.
 */
export class AgentResilience implements RunObserver {
  private readonly guards = new Map<string, AgentGuard>();
  private readonly outputs: OutputInspector;
  private readonly clock: Clock;
  private readonly events: AgentGuardEvents;

  constructor(private readonly options: AgentResilienceOptions) {
    this.outputs = new OutputInspector(options.settings.maxOutputBytes, options.outputSchemas);
    this.clock = options.clock ?? systemClock;
    this.events = options.events ?? SILENT;
  }

  wrapExecutor(executor: TaskExecutor): TaskExecutor {
    return {
      execute: async (task: TaskRequest, ctx: TaskContext): Promise<unknown> => {
        const output = await this.guardOf(task.agent).call(task.taskId, ctx, () => executor.execute(task, ctx));
        return this.outputs.check(task, output);
      },
    };
  }

  /** The agent's circuit now (`closed` for an agent not called yet). */
  circuitOf(agent: string): CircuitStateName {
    return this.guards.get(agent)?.circuit ?? 'closed';
  }

  private guardOf(agent: string): AgentGuard {
    let guard = this.guards.get(agent);
    if (guard === undefined) {
      guard = new AgentGuard(agent, this.options.settings, this.clock, this.events);
      this.guards.set(agent, guard);
    }
    return guard;
  }
}
