import { TaskState, type Artifact, type Message, type Part } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutionEvent } from '@a2a-js/sdk/server';
import type { ArtifactEvent, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunHandle } from '@a2a-mcp/orchestration';
import { agentMessage, dataPart, textPart, type HostMessageMetadata } from './a2a-messages';
import { finalStatus, inputRequiredStatus, pausedTaskOf, resultArtifact, status, taskOutputArtifact } from './run-task-mapping';

/** Where a follower starts: after `afterSeq` (undefined: from the start), with `finished` tasks already ended. */
export interface FollowPoint {
  afterSeq?: number;
  finished: number;
  /** A task answered just before: not reported as waiting until it pauses again. */
  answered?: string;
}

export const FROM_START: FollowPoint = { finished: 0 };

/** The point a run has reached now: later events are news. Read in one go, so the two agree. */
export function followPointNow(managed: RunHandle): FollowPoint {
  return { afterSeq: managed.state.lastSeq, finished: managed.state.finishedCount };
}

/**
 * A run's events from `from` on, as A2A task updates of the task whose id is the run id:
 * - a status update (working) with a text message for the planning step and each task started,
 *   retried, resumed, completed, failed, skipped or cancelled: `task payment completed (1/7)`;
 * - an artifact per completed task (its output, named after the task) and per artifact an agent
 *   streamed (`artifact/<task>/<seq>`, left out when PHASE 7 streaming is off);
 * - at the end, the result artifact, then the final status (completed, failed or canceled) with the
 *   run's headline; or, when a task waits for an answer, input-required with its question.
 * It ends after the final or input-required status. Started mid-run, it first reports a task that is
 * already waiting, or the end the run already reached.
 */
export async function* runUpdates(managed: RunHandle, from: FollowPoint, contextId: string): AsyncGenerator<AgentExecutionEvent> {
  const updates = new UpdateWriter(managed, contextId, from.finished);
  if (from.afterSeq !== undefined) {
    const state = managed.state;
    if (state.result !== undefined && state.lastSeq <= from.afterSeq) {
      yield* updates.end(state.result);
      return;
    }
    const paused = pausedTaskOf(state, undefined, from.answered);
    if (paused !== undefined) {
      yield updates.inputRequired(paused);
      return;
    }
  }
  for await (const event of managed.events(from.afterSeq)) {
    const stop = yield* updates.of(event);
    if (stop) return;
  }
}

/** Turns engine events into A2A updates for one follower (it counts the tasks that ended). */
class UpdateWriter {
  private readonly runId: string;

  constructor(
    private readonly managed: RunHandle,
    private readonly contextId: string,
    private finished: number,
  ) {
    this.runId = managed.runId;
  }

  /** The updates of one event; returns true once the stream should end. */
  *of(event: WorkflowEvent): Generator<AgentExecutionEvent, boolean> {
    switch (event.type) {
      case 'planning':
        yield this.working(event.message, { kind: 'progress', runEvent: event.type, seq: event.seq });
        return false;
      case 'task_start':
        yield this.progress(event, event.taskId, `task ${event.taskId} started on ${event.agent}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
        return false;
      case 'task_retry':
        yield this.progress(event, event.taskId, `task ${event.taskId} failed attempt ${event.attempt}, retrying in ${event.delayMs} ms: ${event.error.message}`);
        return false;
      case 'task_resumed':
        yield this.progress(event, event.taskId, `task ${event.taskId} resumed with the answer`);
        return false;
      case 'task_paused': {
        // Replayed or live: only a task that still waits stops the stream, with the question it asks now.
        const paused = pausedTaskOf(this.managed.state, event.taskId);
        if (paused !== undefined) {
          yield this.inputRequired(paused);
          return true;
        }
        yield this.progress(event, event.taskId, `task ${event.taskId} asked: ${event.question}`);
        return false;
      }
      case 'task_complete': {
        const task = this.managed.state.tasks[event.taskId];
        yield this.progress(event, event.taskId, `task ${event.taskId} completed ${this.count()}`);
        yield this.artifact(taskOutputArtifact({ id: event.taskId, agent: event.agent, description: task?.description ?? '', output: event.output }));
        return false;
      }
      case 'task_failed':
        yield this.progress(event, event.taskId, `task ${event.taskId} failed ${this.count()}: ${event.error.code}: ${event.error.message}`);
        return false;
      case 'task_skipped': {
        const why = event.reason === 'dependency_failed' ? `dependency "${event.cause ?? '?'}" did not complete` : 'the run stopped';
        yield this.progress(event, event.taskId, `task ${event.taskId} skipped ${this.count()}: ${why}`);
        return false;
      }
      case 'task_cancelled':
        yield this.progress(event, event.taskId, `task ${event.taskId} cancelled ${this.count()}${event.reason ? `: ${event.reason}` : ''}`);
        return false;
      case 'artifact':
        if (this.managed.streams(event)) yield this.artifact(streamedArtifact(event));
        return false;
      case 'workflow_complete':
        yield* this.end(event.result);
        return true;
      default:
        // workflow_start, plan_ready, level_*, task_queued, task_progress, graph_modified: not news for an A2A client.
        return false;
    }
  }

  *end(result: Parameters<typeof resultArtifact>[0]): Generator<AgentExecutionEvent> {
    yield this.artifact(resultArtifact(result));
    yield AgentEvent.statusUpdate({ taskId: this.runId, contextId: this.contextId, status: finalStatus(this.runId, this.contextId, result), metadata: undefined });
  }

  inputRequired(paused: { id: string; question: string }): AgentExecutionEvent {
    return AgentEvent.statusUpdate({
      taskId: this.runId,
      contextId: this.contextId,
      status: inputRequiredStatus(this.runId, this.contextId, paused),
      metadata: undefined,
    });
  }

  /** `(3/7)`: tasks ended so far, of the run's tasks now. */
  private count(): string {
    this.finished++;
    return `(${this.finished}/${this.managed.state.order.length})`;
  }

  private progress(event: WorkflowEvent, planTask: string, text: string): AgentExecutionEvent {
    return this.working(text, { kind: 'progress', planTask, runEvent: event.type, seq: event.seq });
  }

  private working(text: string, metadata: HostMessageMetadata): AgentExecutionEvent {
    const message: Message = agentMessage(this.runId, this.contextId, text, metadata);
    return AgentEvent.statusUpdate({ taskId: this.runId, contextId: this.contextId, status: status(TaskState.TASK_STATE_WORKING, message), metadata: undefined });
  }

  private artifact(artifact: Artifact): AgentExecutionEvent {
    return AgentEvent.artifactUpdate({ taskId: this.runId, contextId: this.contextId, artifact, append: false, lastChunk: true, metadata: undefined });
  }
}

/** An artifact an agent streamed (ctx.artifact): text for a string of a text/* type, data otherwise. */
function streamedArtifact(event: ArtifactEvent): Artifact {
  const { name, mimeType, data } = event.artifact;
  const part: Part =
    typeof data === 'string' && mimeType !== undefined && mimeType.startsWith('text/')
      ? { ...textPart(data), mediaType: mimeType }
      : dataPart(data, mimeType ?? 'application/json');
  return {
    artifactId: `artifact/${event.taskId}/${event.seq}`,
    name: name ?? `${event.taskId} artifact`,
    description: `streamed by task "${event.taskId}"`,
    parts: [part],
    metadata: { planTask: event.taskId },
    extensions: [],
  };
}
