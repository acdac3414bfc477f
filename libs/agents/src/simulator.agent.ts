import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from './agent';
import type { AgentCard } from './agent-card';
import { resolveDurationMs, waitOnRunClock } from './support/simulated-work';
import { isRecord, optionalBoolean, optionalInteger, optionalNumber } from './support/task-input';

export const SIMULATOR_AGENT_NAME = 'simulator';

/** The simulator's `input`. */
export interface SimulatorInput {
  /** Time to wait on the run's clock; default the task's `estimatedDuration`, else 0. */
  durationMs?: number;
  /** The first `failTimes` attempts fail with a retryable SIMULATED_FAILURE. */
  failTimes?: number;
  failAlways?: boolean;
  /** Returned as the task's output; default `{taskId, attempt}`. */
  output?: unknown;
  /** In [0, 1]; added to the output as `qualityScore` so the engine reports it. */
  qualityScore?: number;
}

const SIMULATOR_CARD: AgentCard = {
  name: SIMULATOR_AGENT_NAME,
  description: 'Waits a given time on the run clock, fails on demand and returns a given output. For benchmarks, chaos and tests.',
  version: '1.0.0',
  capabilities: { streaming: false, pushNotifications: false, stateTransitionHistory: false },
  defaultInputModes: ['application/json'],
  defaultOutputModes: ['application/json'],
  skills: [
    {
      id: 'simulate',
      name: 'Simulate work',
      description: 'Waits durationMs, fails the first failTimes attempts (or always), then returns output.',
      tags: ['simulator', 'simulation', 'benchmark', 'chaos', 'test'],
      examples: ['Simulate a 50 ms task', 'Simulate a flaky upstream that fails twice'],
      inputModes: ['application/json'],
      outputModes: ['application/json'],
      metadata: { consumes: [], produces: [], qualityDomain: 'GENERIC' },
    },
  ],
};

class SimulatorAgent implements Agent {
  readonly card = SIMULATOR_CARD;

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    // Validate everything before waiting: bad input fails at once, not after the simulated work.
    const durationMs = resolveDurationMs(task);
    const failTimes = optionalInteger(task, 'failTimes') ?? 0;
    const failAlways = optionalBoolean(task, 'failAlways') ?? false;
    const qualityScore = optionalNumber(task, 'qualityScore', 0, 1);

    const wait = waitOnRunClock(ctx, durationMs);
    if (wait !== undefined) await wait;

    if (failAlways || ctx.attempt <= failTimes) {
      const why = failAlways ? 'failAlways is set' : `attempt ${ctx.attempt} of ${failTimes} planned failure(s)`;
      throw new TaskError('SIMULATED_FAILURE', `task "${task.taskId}": simulated failure (${why})`, true);
    }
    const output = task.input.output !== undefined ? task.input.output : { taskId: task.taskId, attempt: ctx.attempt };
    return qualityScore === undefined ? output : withQualityScore(output, qualityScore);
  }
}

// An object output gets the score beside its own fields; anything else is wrapped so the score has a place.
function withQualityScore(output: unknown, qualityScore: number): Record<string, unknown> {
  return isRecord(output) ? { ...output, qualityScore } : { output, qualityScore };
}

export function createSimulatorAgent(): Agent {
  return new SimulatorAgent();
}
