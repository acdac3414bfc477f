import type { ManagedRun } from '@a2a-mcp/orchestration';
import type { RunResult } from '@a2a-mcp/core-graph';
import type { RunAcceptedDto, RunDetailsDto, RunLinksDto, RunListItemDto, TaskStateDto } from '../dto/responses.dto';

export const RUNS_PATH = '/v1/runs';

export function runLinks(runId: string): RunLinksDto {
  const self = `${RUNS_PATH}/${encodeURIComponent(runId)}`;
  return { self, events: `${self}/events`, cancel: self, nodes: `${self}/nodes`, input: `${self}/input` };
}

export function runAccepted(managed: ManagedRun): RunAcceptedDto {
  return { runId: managed.runId, status: managed.status, strategy: managed.settings.strategy, links: runLinks(managed.runId) };
}

export function runListItem(managed: ManagedRun): RunListItemDto {
  return {
    runId: managed.runId,
    status: managed.status,
    strategy: managed.settings.strategy,
    createdAt: managed.createdAt,
    taskCount: managed.state.order.length,
    successful: managed.counts.successful,
    failed: managed.counts.failed,
    skipped: managed.counts.skipped,
  };
}

/** The run's folded state (the same fold the event stream replays) and, once it ended, its result. */
export function runDetails(managed: ManagedRun): RunDetailsDto {
  const state = managed.state;
  const entries: [string, TaskStateDto][] = [];
  for (const id of state.order) {
    const task = state.tasks[id];
    const view: TaskStateDto = {
      status: task.status,
      agent: task.agent,
      description: task.description,
      dependencies: [...task.dependencies],
      attempts: task.attempts,
    };
    if (task.startedAtMs !== undefined) view.startedAtMs = task.startedAtMs;
    if (task.finishedAtMs !== undefined) view.finishedAtMs = task.finishedAtMs;
    if (task.durationMs !== undefined) view.durationMs = task.durationMs;
    if (task.queueWaitMs !== undefined) view.queueWaitMs = task.queueWaitMs;
    if (task.qualityScore !== undefined) view.qualityScore = task.qualityScore;
    if (task.progress !== undefined) view.progress = task.progress;
    if (task.question !== undefined) view.question = task.question;
    if (task.error !== undefined && task.status !== 'completed') view.error = { ...task.error };
    if (task.status === 'completed') view.output = task.output;
    entries.push([id, view]);
  }
  // fromEntries keeps any task id, even "__proto__", an own key.
  const tasks: Record<string, TaskStateDto> = Object.fromEntries(entries);
  const details: RunDetailsDto = {
    runId: managed.runId,
    status: state.status,
    strategy: state.strategy ?? managed.settings.strategy,
    strategyReason: state.strategyReason ?? managed.settings.strategyReason,
    createdAt: managed.createdAt,
    tasks,
  };
  if (state.result) details.result = resultView(state.result);
  return details;
}

function resultView(result: RunResult): Record<string, unknown> {
  return { ...result };
}
