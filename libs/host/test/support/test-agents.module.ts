import { Module } from '@nestjs/common';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { DomainAgent, type DomainAgentExecutor } from '@a2a-mcp/orchestration';

/** Asks a person before it completes: pauses with ctx.requestInput until POST /v1/runs/:id/input. */
@DomainAgent({
  name: 'test_approval',
  description: 'Asks for an approval and returns the answer (test only).',
  skills: [{ id: 'approve', name: 'Approve', description: 'Asks a person to approve', tags: ['approval'] }],
})
export class ApprovalAgent implements DomainAgentExecutor {
  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const answer = await ctx.requestInput(`approve ${task.taskId}?`);
    return { approved: answer === 'yes', answer, confidence: 1 };
  }
}

/** Waits on the run clock until aborted and records that the abort reached it (test only). */
@DomainAgent({
  name: 'signal_probe',
  description: 'Waits until its signal aborts (test only).',
  skills: [{ id: 'probe', name: 'Probe', description: 'Waits for an abort', tags: ['probe'] }],
})
export class SignalProbeAgent implements DomainAgentExecutor {
  static readonly aborted: string[] = [];

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    try {
      await ctx.sleep(600_000);
    } catch (error) {
      SignalProbeAgent.aborted.push(`${task.runId}/${task.taskId}`);
      throw error;
    }
    return { confidence: 1 };
  }
}

@Module({ providers: [ApprovalAgent, SignalProbeAgent] })
export class TestAgentsModule {}
