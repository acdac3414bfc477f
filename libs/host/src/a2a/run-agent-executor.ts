import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TaskState } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import { RunError } from '@a2a-mcp/core-graph';
import { CancelRunCommand } from '@a2a-mcp/orchestration';
import { status } from './run-task-mapping';
import { takeHandover } from './run-handover';
import { RunTaskStore } from './run-task-store';
import { runUpdates } from './run-updates';

/**
 * The SDK's AgentExecutor over the host's runs. It starts nothing itself: RunRequestHandler starts
 * or resumes the run first (so a bad plan is a JSON-RPC error, not a failed task) and hands it over
 * on the call's context. The executor publishes the task (its id is the run id), then the run's
 * events as status and artifact updates until the run ends or a task waits for an answer.
 */
@Injectable()
export class RunAgentExecutor implements AgentExecutor {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: RunTaskStore,
  ) {}

  execute = async (request: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const handover = takeHandover(request.context);
    if (handover === undefined) throw new Error(`no run was started or resumed for task ${request.taskId}`);
    const { managed, from } = handover;
    const runId = managed.runId;
    const contextId = request.contextId;
    const userMessage = { ...request.userMessage, taskId: runId, contextId };
    this.store.beginStream(managed, contextId, userMessage);
    // History and artifacts come from the store (the SDK merges them in): the task event only sets id and status.
    bus.publish(AgentEvent.task({ id: runId, contextId, status: status(TaskState.TASK_STATE_WORKING, undefined), artifacts: [], history: [], metadata: { runId } }));
    for await (const update of runUpdates(managed, from, contextId)) bus.publish(update);
  };

  /** Cancels the run; the updates being written end with its canceled status. */
  cancelTask = async (taskId: string): Promise<void> => {
    try {
      await this.commands.execute(new CancelRunCommand(taskId));
    } catch (error) {
      if (!(error instanceof RunError && error.code === 'RUN_FINISHED')) throw error;
    }
  };
}
