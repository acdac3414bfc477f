import {
  runWorkflow,
  TaskError,
  VirtualClock,
  WorkflowGraph,
  type RunOptions,
  type RunResult,
  type TaskContext,
  type TaskExecutor,
  type TaskRequest,
  type WorkflowNodeSpec,
  type WorkflowRun,
} from '@a2a-mcp/core-graph';
import { DEFAULT_RESILIENCE_SETTINGS, type ResilienceSettings } from '../../src/config/resilience-settings';
import type { CircuitChange, CircuitStateName } from '../../src/resilience/agent-guard';
import { AgentResilience } from '../../src/resilience/agent-resilience';
import type { OutputSchemas } from '../../src/resilience/output-inspector';

export type AgentBehaviour = (task: TaskRequest, ctx: TaskContext) => Promise<unknown>;

/**
 * Real agents for the engine: each name runs a behaviour the test can swap between runs, and every
 * call is counted, with the most calls one agent had running at once.
 */
export class TestAgents implements TaskExecutor {
  private readonly behaviours = new Map<string, AgentBehaviour>();
  private readonly callCounts = new Map<string, number>();
  private readonly running = new Map<string, number>();
  private readonly peaks = new Map<string, number>();

  set(agent: string, behaviour: AgentBehaviour): this {
    this.behaviours.set(agent, behaviour);
    return this;
  }

  calls(agent: string): number {
    return this.callCounts.get(agent) ?? 0;
  }

  /** The most calls of `agent` that were running at the same time. */
  peak(agent: string): number {
    return this.peaks.get(agent) ?? 0;
  }

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const behaviour = this.behaviours.get(task.agent);
    if (behaviour === undefined) throw new Error(`no test agent "${task.agent}"`);
    this.callCounts.set(task.agent, this.calls(task.agent) + 1);
    const now = (this.running.get(task.agent) ?? 0) + 1;
    this.running.set(task.agent, now);
    this.peaks.set(task.agent, Math.max(this.peak(task.agent), now));
    try {
      return await behaviour(task, ctx);
    } finally {
      this.running.set(task.agent, (this.running.get(task.agent) ?? 1) - 1);
    }
  }
}

/** AgentResilience on a virtual clock, recording what it reports. */
export function resilienceFor(settings: Partial<ResilienceSettings>, options: { clock?: VirtualClock; outputSchemas?: OutputSchemas } = {}) {
  const clock = options.clock ?? new VirtualClock();
  const changes: CircuitChange[] = [];
  const rejected: string[] = [];
  const waiting: { agent: string; to: CircuitStateName; resolve: () => void }[] = [];
  const resilience = new AgentResilience({
    settings: { ...DEFAULT_RESILIENCE_SETTINGS, ...settings },
    clock,
    outputSchemas: options.outputSchemas,
    events: {
      circuitChanged: (change) => {
        changes.push(change);
        for (const waiter of waiting.filter((w) => w.agent === change.agent && w.to === change.to)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
      bulkheadRejected: (agent) => rejected.push(agent),
    },
  });
  /**
   * Resolves once `agent`'s circuit is `to`. A run's result can come before the breaker heard of its
   * last attempt (the engine ends a timed-out attempt itself; the agent's rejection follows), so a
   * test awaits the transition instead of sleeping.
   */
  const circuitReaches = (agent: string, to: CircuitStateName): Promise<void> =>
    resilience.circuitOf(agent) === to ? Promise.resolve() : new Promise((resolve) => waiting.push({ agent, to, resolve }));
  return { resilience, clock, changes, rejected, circuitReaches, transitions: () => changes.map((change) => `${change.agent}: ${change.from} → ${change.to}`) };
}

let runs = 0;

/** Starts a run of `specs` on the engine, agents called through `executor`, on `clock`; jitter-free retries. */
export function startRun(specs: WorkflowNodeSpec[], executor: TaskExecutor, clock: VirtualClock, options: RunOptions = {}): WorkflowRun {
  return runWorkflow(WorkflowGraph.fromSpecs(specs), executor, { runId: `run-${++runs}`, clock, random: () => 0, ...options });
}

export function run(specs: WorkflowNodeSpec[], executor: TaskExecutor, clock: VirtualClock, options: RunOptions = {}): Promise<RunResult> {
  return startRun(specs, executor, clock, options).result;
}

export const task = (id: string, agent: string, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({ id, description: `task ${id}`, agent, ...extra });

/** Every task at once (the parallel strategy, one level). */
export const PARALLEL: RunOptions = { strategy: 'parallel', parallelThreshold: 1 };

/** Fails every call with a retryable TaskError, as a broken agent or transport does. */
export const fails =
  (code = 'AGENT_ERROR'): AgentBehaviour =>
  async (task) => {
    throw new TaskError(code, `${task.agent} failed task ${task.taskId}`, true);
  };

export const succeeds: AgentBehaviour = async (task) => ({ done: task.taskId });

/** Resolves when `release()` is called: an agent call the test ends when it chooses. */
export function gate(): { wait: Promise<void>; release(): void } {
  let release!: () => void;
  const wait = new Promise<void>((resolve) => (release = resolve));
  return { wait, release };
}
