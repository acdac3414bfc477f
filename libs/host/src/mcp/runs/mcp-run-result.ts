import type { RunView } from '@a2a-mcp/orchestration';
import type { McpRunResult } from '../schemas/run-result.schema';

type McpRunTask = McpRunResult['tasks'][string];

/**
 * The run as the tools return it (see runResultSchema): the REST view's tasks keyed by id, and the
 * result's figures once the run ended. While running, the outcome lists hold the tasks finished so far.
 */
export function toMcpRunResult(run: RunView): McpRunResult {
  // Null prototype: a task id such as "__proto__" stays an ordinary key.
  const tasks = Object.create(null) as Record<string, McpRunTask>;
  const outcome = { successful: [] as string[], failed: [] as string[], skipped: [] as string[], cancelled: [] as string[] };
  const waitingForInput: McpRunResult['waitingForInput'] = [];
  for (const { id, ...task } of run.tasks) {
    tasks[id] = task;
    if (task.status === 'completed') outcome.successful.push(id);
    else if (task.status === 'failed') outcome.failed.push(id);
    else if (task.status === 'skipped') outcome.skipped.push(id);
    else if (task.status === 'cancelled') outcome.cancelled.push(id);
    else if (task.status === 'paused') waitingForInput.push({ taskId: id, question: task.question ?? '' });
  }
  const status = run.status === 'running' && waitingForInput.length > 0 ? 'paused' : run.status;
  const view: McpRunResult = {
    runId: run.runId,
    status,
    strategy: run.strategy,
    strategyReason: run.strategyReason,
    createdAt: run.createdAt,
    taskCount: run.tasks.length,
    ...outcome,
    waitingForInput,
    tasks,
  };
  const result = run.result;
  if (result === undefined) return view;
  // The result's own lists (the engine's order) win over the ones counted above.
  const figures: Partial<McpRunResult> = {
    successful: result.successful,
    failed: result.failed,
    skipped: result.skipped,
    cancelled: result.cancelled,
    makespanMs: result.makespanMs,
    criticalPath: result.criticalPath,
    criticalPathMs: result.criticalPathMs,
    totalTaskMs: result.totalTaskMs,
    parallelEfficiency: result.parallelEfficiency,
    partialCompletion: result.partialCompletion,
    totalQueueWaitMs: result.totalQueueWaitMs,
  };
  if (result.stopReason !== undefined) figures.stopReason = { code: result.stopReason.code, message: result.stopReason.message };
  return { ...view, ...figures };
}

/** One line for the model to read: `Run 1a2b3c4d completed: 5/5 tasks completed · makespan 103 ms`, or the question a paused task asks. */
export function summarizeMcpRun(run: McpRunResult): string {
  const head = `Run ${run.runId} ${run.status}: ${run.successful.length}/${run.taskCount} tasks completed`;
  const parts = [head];
  if (run.failed.length > 0) parts.push(`failed: ${listed(run.failed)}`);
  if (run.skipped.length > 0) parts.push(`skipped: ${listed(run.skipped)}`);
  if (run.cancelled.length > 0) parts.push(`cancelled: ${listed(run.cancelled)}`);
  if (run.makespanMs !== undefined) parts.push(`makespan ${Math.round(run.makespanMs)} ms`);
  if (run.criticalPath !== undefined && run.criticalPath.length > 0) parts.push(`critical path ${run.criticalPath.join(' → ')}`);
  const lines = [parts.join(' · ')];
  for (const id of run.failed.slice(0, LISTED_IDS)) {
    const error = run.tasks[id]?.error;
    if (error) lines.push(`task "${id}" failed: ${error.code}: ${error.message}`);
  }
  for (const { taskId, question } of run.waitingForInput) {
    lines.push(`task "${taskId}" waits for an answer: ${question} (answer with answer_input {runId: "${run.runId}", taskId: "${taskId}", answer})`);
  }
  return lines.join('\n');
}

/** Ids named in the summary line per outcome; the structured result has them all. */
const LISTED_IDS = 10;

function listed(ids: readonly string[]): string {
  const more = ids.length - LISTED_IDS;
  return more > 0 ? `${ids.slice(0, LISTED_IDS).join(', ')} and ${more} more` : ids.join(', ');
}
