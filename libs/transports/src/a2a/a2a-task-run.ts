import { TaskError, type TaskContext } from '@a2a-mcp/core-graph';
import { TaskState, type Artifact, type Message, type StreamResponse, type TaskStatus } from '@a2a-js/sdk';
import { BadAgentReplyError } from '../wire/attempt-frame';
import { artifactPartOf, lastDataOf, partValue, textOf } from './a2a-parts';
import { a2aTaskFailed, type A2aCallTarget } from './a2a-task-errors';

/**
 * How one streamed turn ended: the task's output, or a question for a person. `settled`: the event is
 * the agent's last word on this turn (the stream should end now); false for the task snapshot that
 * opens a follow-up turn, which still shows the question just answered.
 */
export type TurnOutcome = ({ kind: 'completed'; output: unknown } | { kind: 'input-required'; question: string }) & { settled: boolean };

/**
 * What the host knows about one A2A task while it runs: its id on the agent, the artifacts so far and
 * the last progress figure. Each stream event goes through `onEvent`, which forwards progress and
 * artifacts to the engine's ctx and says when the turn has ended.
 */
export class A2aTaskRun {
  /** The agent's id for the task, known from its first event. */
  a2aTaskId: string | undefined;
  /** A terminal state was seen: there is nothing left to cancel. */
  finished = false;
  private state = 'submitted';
  private pct = 0;
  private sequence = 0;
  private readonly artifacts = new Map<string, { parts: Artifact['parts']; sequence: number }>();

  constructor(
    private readonly ctx: TaskContext,
    private readonly target: A2aCallTarget,
  ) {}

  /** What the task was doing when its stream ended, for the message of a stream that ended early. */
  get lastState(): string {
    return this.state;
  }

  /** Handles one stream event; an outcome when the turn ended, undefined while it goes on. Throws the task's failure. */
  onEvent(event: StreamResponse): TurnOutcome | undefined {
    const payload = event.payload;
    switch (payload?.$case) {
      case 'task':
        this.noteTaskId(payload.value.id);
        // A follow-up turn starts with the whole task again: only artifacts not seen yet are new.
        for (const artifact of payload.value.artifacts) if (!this.artifacts.has(artifact.artifactId)) this.onArtifact(artifact, false);
        return this.onStatus(payload.value.status, payload.value.metadata, false);
      case 'statusUpdate':
        this.noteTaskId(payload.value.taskId);
        return this.onStatus(payload.value.status, payload.value.metadata, true);
      case 'artifactUpdate':
        this.noteTaskId(payload.value.taskId);
        if (payload.value.artifact) this.onArtifact(payload.value.artifact, payload.value.append);
        return undefined;
      case 'message':
        // The agent answered with a message and made no task: that message is the result.
        this.finished = true;
        this.state = 'completed';
        return { kind: 'completed', output: this.messageOutput(payload.value) ?? null, settled: true };
      default:
        return undefined;
    }
  }

  private noteTaskId(id: string): void {
    if (id !== '' && this.a2aTaskId === undefined) this.a2aTaskId = id;
  }

  private onArtifact(artifact: Artifact, append: boolean): void {
    const known = this.artifacts.get(artifact.artifactId);
    const parts = append && known ? [...known.parts, ...artifact.parts] : artifact.parts;
    this.artifacts.set(artifact.artifactId, { parts, sequence: this.sequence++ });
    this.ctx.artifact(artifactPartOf(artifact));
  }

  private onStatus(status: TaskStatus | undefined, metadata: Record<string, unknown> | undefined, update: boolean): TurnOutcome | undefined {
    if (status === undefined) return undefined;
    const said = status.message ? textOf(status.message.parts) : '';
    const id = this.a2aTaskId ?? '(no id)';
    switch (status.state) {
      case TaskState.TASK_STATE_SUBMITTED:
      case TaskState.TASK_STATE_WORKING:
        this.state = status.state === TaskState.TASK_STATE_SUBMITTED ? 'submitted' : 'working';
        if (said !== '') {
          // A2A has no progress figure: an agent may send one as `progress` in the metadata; else the last one stands.
          this.pct = progressIn(metadata) ?? progressIn(status.message?.metadata) ?? this.pct;
          this.ctx.progress(this.pct, said);
        }
        return undefined;
      case TaskState.TASK_STATE_COMPLETED:
        this.finish('completed');
        return { kind: 'completed', output: this.output(status.message), settled: true };
      case TaskState.TASK_STATE_FAILED:
        this.finish('failed');
        throw a2aTaskFailed(this.target, id, 'failed', said);
      case TaskState.TASK_STATE_REJECTED:
        this.finish('rejected');
        throw a2aTaskFailed(this.target, id, 'rejected', said);
      case TaskState.TASK_STATE_CANCELED:
        this.finish('canceled');
        throw new TaskError('A2A_TASK_CANCELLED', `agent "${this.target.agent}" at ${this.target.address} cancelled task ${id}${said ? `: ${said}` : ''}`, false);
      case TaskState.TASK_STATE_INPUT_REQUIRED: {
        this.state = 'input-required';
        if (this.a2aTaskId === undefined) throw new BadAgentReplyError(this.target.agent, `${this.target.address} asked for input without naming its task`);
        const data = status.message ? lastDataOf(status.message.parts) : undefined;
        const question = said !== '' ? said : data !== undefined ? JSON.stringify(data.value) : `agent "${this.target.agent}" needs more input for task ${id}`;
        return { kind: 'input-required', question, settled: update };
      }
      case TaskState.TASK_STATE_AUTH_REQUIRED:
        this.state = 'auth-required';
        throw new TaskError('A2A_AUTH_REQUIRED', `agent "${this.target.agent}" at ${this.target.address} asks for authentication on task ${id}${said ? `: ${said}` : ''}`, false);
      default:
        return undefined;
    }
  }

  private finish(state: string): void {
    this.state = state;
    this.finished = true;
  }

  /**
   * The task's output: the data of the last artifact that has data, else the artifacts' text joined,
   * else the final status message's data or text, else null.
   */
  private output(finalMessage: Message | undefined): unknown {
    const ordered = [...this.artifacts.values()].sort((a, b) => a.sequence - b.sequence);
    for (let index = ordered.length - 1; index >= 0; index--) {
      const data = lastDataOf(ordered[index].parts);
      if (data !== undefined) return data.value;
    }
    const text = ordered
      .map((artifact) => textOf(artifact.parts))
      .filter((part) => part !== '')
      .join('\n');
    if (text !== '') return text;
    const fromMessage = finalMessage ? this.messageOutput(finalMessage) : undefined;
    if (fromMessage !== undefined) return fromMessage;
    const files = ordered.flatMap((artifact) => artifact.parts.map(partValue));
    return files.length > 0 ? files : null;
  }

  private messageOutput(message: Message): unknown {
    const data = lastDataOf(message.parts);
    if (data !== undefined) return data.value;
    const text = textOf(message.parts);
    return text === '' ? undefined : text;
  }
}

function progressIn(metadata: Record<string, unknown> | undefined): number | undefined {
  const value = metadata?.progress;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
