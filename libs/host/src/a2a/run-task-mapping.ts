import { TaskState, type Artifact, type Message, type Task, type TaskStatus } from '@a2a-js/sdk';
import type { RunResult, RunState, RunStatus } from '@a2a-mcp/core-graph';
import type { RunHandle } from '@a2a-mcp/orchestration';
import { agentMessage, dataPart } from './a2a-messages';

/** The artifact id of a task's output: `task/<task id>` (named after the task). */
export const taskArtifactId = (taskId: string): string => `task/${taskId}`;
/** The artifact id of the run result (named `result`). */
export const RESULT_ARTIFACT_ID = 'run/result';

/** A run's status as an A2A task state: a run that did not complete every task failed. */
export function taskStateOfRun(status: RunStatus): TaskState {
  switch (status) {
    case 'running':
      return TaskState.TASK_STATE_WORKING;
    case 'completed':
      return TaskState.TASK_STATE_COMPLETED;
    case 'cancelled':
      return TaskState.TASK_STATE_CANCELED;
    case 'partial':
    case 'failed':
      return TaskState.TASK_STATE_FAILED;
  }
}

/** The states that end a stream: a terminal state, or input-required (the next message resumes). */
export function endsStream(state: TaskState | undefined): boolean {
  return (
    state === TaskState.TASK_STATE_COMPLETED ||
    state === TaskState.TASK_STATE_FAILED ||
    state === TaskState.TASK_STATE_CANCELED ||
    state === TaskState.TASK_STATE_REJECTED ||
    state === TaskState.TASK_STATE_INPUT_REQUIRED
  );
}

export interface CompletedTask {
  id: string;
  agent: string;
  description: string;
  output?: unknown;
}

/** A completed task's output as a data artifact named after the task. */
export function taskOutputArtifact(task: CompletedTask): Artifact {
  return {
    artifactId: taskArtifactId(task.id),
    name: task.id,
    description: `output of task "${task.id}" (${task.agent}): ${task.description}`,
    parts: [dataPart(task.output)],
    metadata: { planTask: task.id, agent: task.agent },
    extensions: [],
  };
}

/** The run result (the REST run view's `result`, the CLI's `--json` object) as the artifact `result`. */
export function resultArtifact(result: RunResult): Artifact {
  return {
    artifactId: RESULT_ARTIFACT_ID,
    name: 'result',
    description: `run ${result.runId} ${result.status}: makespan, critical path, parallel efficiency and every task's summary`,
    parts: [dataPart(result)],
    metadata: { runStatus: result.status },
    extensions: [],
  };
}

/** e.g. `run completed: 7/7 tasks completed`, `run partial: 5/7 tasks completed, 1 failed, 1 skipped`. */
export function resultHeadline(result: RunResult): string {
  const total = Object.keys(result.tasks).length;
  const counts = [`${result.successful.length}/${total} tasks completed`];
  if (result.failed.length > 0) counts.push(`${result.failed.length} failed`);
  if (result.skipped.length > 0) counts.push(`${result.skipped.length} skipped`);
  if (result.cancelled.length > 0) counts.push(`${result.cancelled.length} cancelled`);
  const why = result.stopReason ? ` (${result.stopReason.code}: ${result.stopReason.message})` : '';
  return `run ${result.status}: ${counts.join(', ')}${why}`;
}

/**
 * The first paused task (in plan order), or the one named, with the question it asks; `except` is a
 * task just answered (it reads paused until the engine resumes it, which may wait for a slot).
 */
export function pausedTaskOf(state: Readonly<RunState>, named?: string, except?: string): { id: string; question: string } | undefined {
  const ids = named !== undefined ? [named] : state.order;
  for (const id of ids) {
    const task = Object.hasOwn(state.tasks, id) ? state.tasks[id] : undefined;
    if (task?.status === 'paused' && id !== except) return { id, question: task.question ?? `task "${id}" waits for input` };
  }
  return undefined;
}

export function status(state: TaskState, message: Message | undefined): TaskStatus {
  return { state, message, timestamp: new Date().toISOString() };
}

export function inputRequiredStatus(runId: string, contextId: string, paused: { id: string; question: string }): TaskStatus {
  return status(TaskState.TASK_STATE_INPUT_REQUIRED, agentMessage(runId, contextId, paused.question, { kind: 'question', planTask: paused.id }));
}

export function finalStatus(runId: string, contextId: string, result: RunResult): TaskStatus {
  return status(taskStateOfRun(result.status), agentMessage(runId, contextId, resultHeadline(result), { kind: 'result', runEvent: 'workflow_complete' }));
}

/**
 * A run as an A2A task, now: the state (input-required while a task waits for an answer, with its
 * question), every completed task's output, the result once the run ended. `history` and `contextId`
 * are what the A2A side kept; a run started over REST has none (its context is its own id).
 */
export function runToTask(managed: RunHandle, kept: { contextId: string; history: Message[] } | undefined): Task {
  const state = managed.state;
  const runId = managed.runId;
  const contextId = kept?.contextId ?? runId;
  const artifacts: Artifact[] = [];
  for (const id of state.order) {
    const task = state.tasks[id];
    if (task.status === 'completed') artifacts.push(taskOutputArtifact(task));
  }
  let taskStatus: TaskStatus;
  if (state.result !== undefined) {
    artifacts.push(resultArtifact(state.result));
    taskStatus = finalStatus(runId, contextId, state.result);
  } else {
    const paused = pausedTaskOf(state);
    taskStatus =
      paused !== undefined
        ? inputRequiredStatus(runId, contextId, paused)
        : status(
            TaskState.TASK_STATE_WORKING,
            agentMessage(runId, contextId, `run running: ${state.finishedCount}/${state.order.length} tasks finished`, { kind: 'progress' }),
          );
  }
  return {
    id: runId,
    contextId,
    status: taskStatus,
    artifacts,
    history: kept ? [...kept.history] : [],
    metadata: { runId, runStatus: state.status, strategy: managed.strategy, createdAt: managed.createdAt },
  };
}
