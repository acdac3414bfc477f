import type { ArtifactPart, TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import type { AgentCard, AgentSkill } from '../agent-card';
import { resolveDurationMs, waitOnRunClock } from '../support/simulated-work';

/** Every demo output carries the agent's own confidence in [0, 1] for the quality validators. */
export interface DemoOutput {
  confidence: number;
}

export interface DemoAgentSpec<Output extends DemoOutput> {
  name: string;
  description: string;
  skill: AgentSkill;
  /** Progress messages reported at 0 % and 50 % of the simulated work. */
  progress: { start: string; halfway: string };
  /**
   * The output, computed from the task alone so it is deterministic. Runs before the simulated
   * work, so bad input or inconsistent dependency outputs fail at once.
   */
  produce(task: TaskRequest): Output;
  /** Artifacts streamed when the work is done, before the task completes. */
  artifacts?(output: Output, task: TaskRequest): ArtifactPart[];
}

/** Builds a demo agent: validates, produces, waits `durationMs` in two halves with progress, emits artifacts. */
export function defineDemoAgent<Output extends DemoOutput>(spec: DemoAgentSpec<Output>): Agent {
  const card = demoCard(spec.name, spec.description, spec.skill);
  return {
    card,
    async execute(task: TaskRequest, ctx: TaskContext): Promise<Output> {
      const durationMs = resolveDurationMs(task);
      const output = spec.produce(task);
      ctx.progress(0, spec.progress.start);
      // Two halves so a live view sees the task move; the total is exactly durationMs on the run clock.
      const firstHalf = durationMs / 2;
      const first = waitOnRunClock(ctx, firstHalf);
      if (first !== undefined) await first;
      ctx.progress(50, spec.progress.halfway);
      const second = waitOnRunClock(ctx, durationMs - firstHalf);
      if (second !== undefined) await second;
      if (spec.artifacts) for (const part of spec.artifacts(output, task)) ctx.artifact(part);
      return output;
    },
  };
}

function demoCard(name: string, description: string, skill: AgentSkill): AgentCard {
  return {
    name,
    description,
    version: '1.0.0',
    // Streaming: demo agents report progress (and some artifacts) before they complete.
    capabilities: { streaming: true, pushNotifications: false, stateTransitionHistory: false },
    defaultInputModes: ['application/json', 'text/plain'],
    defaultOutputModes: ['application/json'],
    skills: [skill],
  };
}
