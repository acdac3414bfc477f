import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type {
  AgentCard,
  CancelTaskRequest,
  DeleteTaskPushNotificationConfigRequest,
  GetExtendedAgentCardRequest,
  GetTaskPushNotificationConfigRequest,
  GetTaskRequest,
  ListTaskPushNotificationConfigsRequest,
  ListTaskPushNotificationConfigsResponse,
  ListTasksRequest,
  ListTasksResponse,
  Message,
  SendMessageRequest,
  StreamResponse,
  SubscribeToTaskRequest,
  Task,
  TaskPushNotificationConfig,
} from '@a2a-js/sdk';
import { DefaultRequestHandler, type A2ARequestHandler, type AgentExecutionEvent, type ServerCallContext } from '@a2a-js/sdk/server';
import { RequestMalformedError, TaskNotCancelableError, TaskNotFoundError, UnsupportedOperationError } from '@a2a-js/sdk/errors';
import { RunError } from '@a2a-mcp/core-graph';
import { CancelRunCommand, ManagedRun, ResumeRunCommand, RunWorkflowCommand, type RunHandle } from '@a2a-mcp/orchestration';
import { toA2aError } from './a2a-errors';
import { runOwnerOfCall, tenantOfCall } from './a2a-caller';
import { HostCard } from './host-card.service';
import { answerOf, runIntentOf } from './message-intent';
import { RunAgentExecutor } from './run-agent-executor';
import { handOver, pendingHandover, type RunHandover } from './run-handover';
import { pausedTaskOf } from './run-task-mapping';
import { RunTaskStore } from './run-task-store';
import { FROM_START, followPointNow, runUpdates } from './run-updates';

/**
 * The A2A request handler of the host: the SDK's DefaultRequestHandler (task store, event queues,
 * history, blocking and streaming sends) with the run-specific steps done first, where a failure can
 * still be a JSON-RPC error:
 * - a message without a task id starts a run (its plan, or its text planned first); the task id is the run id;
 * - a message on a task that waits for an answer resumes the paused task with it (ResumeRunCommand);
 * - cancel cancels the run (CancelRunCommand) and answers once it has ended;
 * - subscribe follows the run itself, so it works for any run, however started.
 */
@Injectable()
export class RunRequestHandler implements A2ARequestHandler {
  private readonly sdk: DefaultRequestHandler;

  constructor(
    private readonly commands: CommandBus,
    private readonly store: RunTaskStore,
    private readonly card: HostCard,
    executor: RunAgentExecutor,
  ) {
    // No bus is kept alive at input-required: the next message resumes the run and follows it anew.
    this.sdk = new DefaultRequestHandler(card.withoutRequest(), store, executor, undefined, undefined, undefined, undefined, undefined, {
      keepBusAliveStates: [],
    });
  }

  async getAgentCard(): Promise<AgentCard> {
    return this.card.withoutRequest();
  }

  getAuthenticatedExtendedAgentCard(params: GetExtendedAgentCardRequest, context: ServerCallContext): Promise<AgentCard> {
    return this.sdk.getAuthenticatedExtendedAgentCard(params, context);
  }

  /**
   * A blocking send (the default) answers once the task ends or waits for input; with
   * `returnImmediately` it answers with the task at once and the run's updates go on being recorded.
   * Both read the SDK's stream: its own blocking path deep-copies the whole task (every artifact and
   * message so far) at every update, which makes a run of a thousand tasks take minutes to answer.
   */
  async sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Message | Task> {
    const stream = this.sendMessageStream(params, context);
    const head = await stream.next();
    const first = head.done ? undefined : head.value.payload;
    if (first?.$case !== 'task') {
      await stream.return(undefined);
      throw new Error(`the task's stream began with ${first?.$case ?? 'nothing'}, not the task`);
    }
    const taskId = first.value.id;
    if (params.configuration?.returnImmediately === true) {
      // The SDK logs a failure of the rest of the stream; nobody is left to tell.
      drain(stream).catch(() => undefined);
      return withHistoryLength(first.value, params.configuration.historyLength);
    }
    await drain(stream);
    // The stream has ended: the store now reads the run itself with the history kept.
    const task = await this.store.load(taskId);
    if (task === undefined) throw new TaskNotFoundError(`Task not found: ${taskId} (its run left this host)`);
    return withHistoryLength(task, params.configuration?.historyLength);
  }

  async *sendMessageStream(params: SendMessageRequest, context: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    await this.startOrResume(params, context);
    try {
      yield* this.sdk.sendMessageStream(params, context);
    } catch (error) {
      this.abandonUnclaimed(context);
      throw error;
    }
  }

  getTask(params: GetTaskRequest, context: ServerCallContext): Promise<Task> {
    return this.sdk.getTask(params, context);
  }

  listTasks(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    return this.sdk.listTasks(params, context);
  }

  /** Cancels the run; answers with the task once the run has ended (canceled), TaskNotCancelable when it had already ended otherwise. */
  async cancelTask(params: CancelTaskRequest, context?: ServerCallContext): Promise<Task> {
    const tenant = tenantOfCall(context);
    const managed = await this.anyRunOf(params.id, tenant);
    if (managed instanceof ManagedRun && !managed.finished) {
      try {
        await this.commands.execute(new CancelRunCommand(managed.runId, tenant));
      } catch (error) {
        // It ended meanwhile: answered below from how it ended.
        if (!(error instanceof RunError && error.code === 'RUN_FINISHED')) throw toA2aError(error);
      }
      await managed.run.result;
    }
    if (managed.status !== 'cancelled') {
      throw new TaskNotCancelableError(`task ${managed.runId} cannot be canceled: its run has already ended (${managed.status})`);
    }
    return this.store.snapshot(managed);
  }

  /** The task now, then its updates from this point on (SubscribeToTask, tasks/resubscribe). */
  async *resubscribe(params: SubscribeToTaskRequest, context?: ServerCallContext): AsyncGenerator<StreamResponse, void, undefined> {
    const managed = await this.anyRunOf(params.id, tenantOfCall(context));
    if (managed.finished) {
      throw new UnsupportedOperationError(`task ${managed.runId} has ended (${managed.status}): read it with GetTask (tasks/get)`);
    }
    const from = followPointNow(managed);
    const task = this.store.snapshot(managed);
    yield { payload: { $case: 'task', value: task } };
    for await (const event of runUpdates(managed, from, task.contextId)) yield streamResponseOf(event);
  }

  createTaskPushNotificationConfig(params: TaskPushNotificationConfig, context: ServerCallContext): Promise<TaskPushNotificationConfig> {
    return this.sdk.createTaskPushNotificationConfig(params, context);
  }

  getTaskPushNotificationConfig(params: GetTaskPushNotificationConfigRequest, context: ServerCallContext): Promise<TaskPushNotificationConfig> {
    return this.sdk.getTaskPushNotificationConfig(params, context);
  }

  listTaskPushNotificationConfigs(
    params: ListTaskPushNotificationConfigsRequest,
    context: ServerCallContext,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    return this.sdk.listTaskPushNotificationConfigs(params, context);
  }

  deleteTaskPushNotificationConfig(params: DeleteTaskPushNotificationConfigRequest, context: ServerCallContext): Promise<void> {
    return this.sdk.deleteTaskPushNotificationConfig(params, context);
  }

  /** Starts the run a new message asks for, or answers the paused task of an existing one; hands the run to the executor. */
  private async startOrResume(params: SendMessageRequest, context: ServerCallContext): Promise<void> {
    const message = params.message;
    if (message === undefined) throw new RequestMalformedError('params.message is required');
    // Checked here too: the SDK checks it after we would already have started a run.
    if (!message.messageId) throw new RequestMalformedError('message.messageId is required');
    if (message.taskId) {
      handOver(context, await this.resume(message, tenantOfCall(context)));
      return;
    }
    const intent = runIntentOf(message);
    let managed: ManagedRun;
    try {
      managed = await this.commands.execute(new RunWorkflowCommand(intent.source, {}, runOwnerOfCall(context)));
    } catch (error) {
      throw toA2aError(error, intent.planPath);
    }
    handOver(context, { managed, from: FROM_START, begunStream: false });
  }

  private async resume(message: Message, tenant: string | undefined): Promise<RunHandover> {
    const run = await this.anyRunOf(message.taskId, tenant);
    if (!(run instanceof ManagedRun) && !run.finished) {
      throw new UnsupportedOperationError(`task ${run.runId} runs on another replica of this host: send the answer there, or retry once its lease moves`);
    }
    if (!(run instanceof ManagedRun) || run.finished) {
      throw new UnsupportedOperationError(
        `task ${run.runId} has ended (${run.status}) and takes no more messages: send a message without taskId to start a new one`,
      );
    }
    const managed = run;
    const named = message.metadata?.pausedTask;
    const paused = pausedTaskOf(managed.state, typeof named === 'string' ? named : undefined);
    if (paused === undefined) {
      const which = typeof named === 'string' ? `its task ${JSON.stringify(named)} is` : 'none of its tasks is';
      throw new UnsupportedOperationError(
        `task ${managed.runId} does not wait for input (${which} paused): answer only when its status is input-required`,
      );
    }
    const answer = answerOf(message, { runId: managed.runId, planTask: paused.id });
    const contextId = this.store.contextIdOf(managed);
    // Checked here too: the SDK checks it once the run is already resumed.
    if (message.contextId && message.contextId !== contextId) {
      throw new RequestMalformedError(`message.contextId ${JSON.stringify(message.contextId)} is not the context of task ${managed.runId} (${contextId})`);
    }
    // Before the resume: its task_resumed event is the first update of this message's stream, and
    // the task reads working even if the answer ends the run before the SDK looks at it.
    const from = followPointNow(managed);
    const begun = this.store.beginStream(managed, contextId);
    try {
      await this.commands.execute(new ResumeRunCommand(managed.runId, paused.id, answer, tenant));
    } catch (error) {
      // Another message answered first (the task waits for a slot): its stream stays.
      if (begun) this.store.abandonStream(managed);
      throw toA2aError(error);
    }
    return { managed, from: { ...from, answered: paused.id }, begunStream: begun };
  }

  /** The SDK refused the message before its executor took the run: no stream will end what resume began. */
  private abandonUnclaimed(context: ServerCallContext): void {
    const handover = pendingHandover(context);
    if (handover?.begunStream === true) this.store.abandonStream(handover.managed);
  }

  /** A run running here or only in the store (finished, or on another replica); another tenant's run is not found. */
  private async anyRunOf(taskId: string, tenant: string | undefined): Promise<RunHandle> {
    if (!taskId || taskId.trim() === '') throw new RequestMalformedError('the task id is missing');
    const handle = await this.store.findAny(taskId, tenant);
    if (handle === undefined) throw new TaskNotFoundError(`Task not found: ${taskId} (no run with this id on this host)`);
    return handle;
  }
}

/** Reads a stream to its end (the SDK records each update as it is read). */
async function drain(stream: AsyncGenerator<StreamResponse, void, undefined>): Promise<void> {
  for await (const response of stream) void response;
}

/** The SDK's `historyLength`: undefined keeps all, 0 none, n the n most recent messages. */
function withHistoryLength(task: Task, historyLength: number | undefined): Task {
  if (historyLength === undefined) return task;
  return { ...task, history: historyLength <= 0 ? [] : task.history.slice(-historyLength) };
}

function streamResponseOf(event: AgentExecutionEvent): StreamResponse {
  switch (event.kind) {
    case 'task':
      return { payload: { $case: 'task', value: event.data } };
    case 'message':
      return { payload: { $case: 'message', value: event.data } };
    case 'statusUpdate':
      return { payload: { $case: 'statusUpdate', value: event.data } };
    case 'artifactUpdate':
      return { payload: { $case: 'artifactUpdate', value: event.data } };
  }
}
