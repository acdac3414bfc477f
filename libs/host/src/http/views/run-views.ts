import type { RunHandle, RunSummaryView, RunView } from '@a2a-mcp/orchestration';
import type { RunAcceptedDto, RunDetailsDto, RunLinksDto, RunListItemDto, TaskStateDto } from '../dto/responses.dto';

export const RUNS_PATH = '/v1/runs';

export function runLinks(runId: string): RunLinksDto {
  const self = `${RUNS_PATH}/${encodeURIComponent(runId)}`;
  return { self, events: `${self}/events`, cancel: self, nodes: `${self}/nodes`, input: `${self}/input` };
}

export function runAccepted(managed: RunHandle): RunAcceptedDto {
  return { runId: managed.runId, status: managed.status, strategy: managed.strategy, links: runLinks(managed.runId) };
}

export function runListItem(summary: RunSummaryView): RunListItemDto {
  return { ...summary };
}

/** The run's snapshot (the same fold the event stream replays) and, once it ended, its result. */
export function runDetails(run: RunView): RunDetailsDto {
  // fromEntries keeps any task id, even "__proto__", an own key.
  const tasks: Record<string, TaskStateDto> = Object.fromEntries(run.tasks.map(({ id, ...task }) => [id, task]));
  const details: RunDetailsDto = {
    runId: run.runId,
    status: run.status,
    strategy: run.strategy,
    strategyReason: run.strategyReason,
    createdAt: run.createdAt,
    tasks,
  };
  if (run.result) details.result = { ...run.result };
  return details;
}
