import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { GetRunEventsQuery, GetRunQuery } from '@a2a-mcp/orchestration';
import type { McpToolDeps } from '../tools/mcp-tool-deps';
import { followRun, type RunProgress } from './follow-run';
import type { McpRunResult } from '../schemas/run-result.schema';
import { toMcpRunResult } from './mcp-run-result';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Sends MCP progress notifications for the tool call, when its client asked for them (a
 * `progressToken` in the request's `_meta`); a no-op otherwise. A notification that cannot be sent
 * (the client went away) does not fail the call.
 */
export function progressReporter(extra: ToolExtra): (progress: RunProgress) => Promise<void> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return async () => undefined;
  return async ({ progress, total, message }) => {
    try {
      await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
    } catch {
      // The session closed: the result (if it can still be sent) says the rest.
    }
  };
}

/**
 * Follows the run until it ends or a task pauses for input (or the call is cancelled), with progress
 * notifications as its tasks finish; then its current view. `tenant` confines it to that tenant's runs.
 */
export async function waitForRun(deps: McpToolDeps, runId: string, extra: ToolExtra, tenant?: string): Promise<McpRunResult> {
  const feed = await deps.queries.execute(new GetRunEventsQuery(runId, tenant));
  await followRun({
    events: feed.events(),
    isPaused: async (taskId) => (await deps.queries.execute(new GetRunQuery(runId, tenant))).tasks.some((task) => task.id === taskId && task.status === 'paused'),
    onProgress: progressReporter(extra),
    signal: extra.signal,
  });
  return currentRun(deps, runId, tenant);
}

export async function currentRun(deps: McpToolDeps, runId: string, tenant?: string): Promise<McpRunResult> {
  return toMcpRunResult(await deps.queries.execute(new GetRunQuery(runId, tenant)));
}
