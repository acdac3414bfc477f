import type { RunResult, TaskErrorInfo, TaskStatus, TaskSummary } from '@a2a-mcp/core-graph';

/** A task of the `--json` result: the contract's keys are always present, `null` when unknown. */
export interface TaskResultJson {
  status: TaskStatus;
  agent: string;
  attempts: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  durationMs: number | null;
  /** Present when the task waited for a slot of the host's shared pool. */
  queueWaitMs?: number;
  qualityScore: number | null;
  error?: TaskErrorInfo;
  output?: unknown;
}

export type RunResultJson = Omit<RunResult, 'tasks'> & { tasks: Record<string, TaskResultJson> };

/**
 * The run result as `--json` prints it. JSON drops `undefined`, so a task that never ran would lose
 * keys the result contract promises (`startedAtMs`, `durationMs`, `qualityScore`, …); they become `null` instead.
 */
export function toResultJson(result: RunResult): RunResultJson {
  // Null prototype: a task id "__proto__" must stay a key of the printed object.
  const tasks = Object.create(null) as Record<string, TaskResultJson>;
  for (const id of Object.keys(result.tasks)) tasks[id] = taskJson(result.tasks[id]);
  return { ...result, tasks };
}

/** One task's line, keys in the printed order (queueWaitMs, when present, before qualityScore). */
function taskJson(task: TaskSummary): TaskResultJson {
  const line = {
    status: task.status,
    agent: task.agent,
    attempts: task.attempts,
    startedAtMs: task.startedAtMs ?? null,
    finishedAtMs: task.finishedAtMs ?? null,
    durationMs: task.durationMs ?? null,
  } as TaskResultJson;
  if (task.queueWaitMs !== undefined) line.queueWaitMs = task.queueWaitMs;
  line.qualityScore = task.qualityScore ?? null;
  if (task.error !== undefined) line.error = task.error;
  if (task.output !== undefined) line.output = task.output;
  return line;
}
