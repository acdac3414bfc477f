import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { CancelRunCommand, ResumeRunCommand } from '@a2a-mcp/orchestration';
import { summarizeMcpRun } from '../runs/mcp-run-result';
import { findRun } from '../runs/resolve-run-id';
import { currentRun, waitForRun } from '../runs/wait-for-run';
import { runResultShape } from '../schemas/run-result.schema';
import type { McpToolDeps } from './mcp-tool-deps';
import { structuredResult, toolError } from './tool-results';

const runIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('the run id, or a unique prefix of it such as the 8 characters the summaries print');

/** get_run, cancel_run and answer_input: GET /v1/runs/:id, DELETE /v1/runs/:id, POST /v1/runs/:id/input. */
export function registerRunControlTools(server: McpServer, deps: McpToolDeps): void {
  server.registerTool(
    'get_run',
    {
      title: 'Show a run',
      description:
        "A run's state per task and, once it ended, its result (makespan, critical path, outcome lists). With wait: true, " +
        'first follows the run until it ends or a task pauses for an answer, with progress notifications.',
      inputSchema: { runId: runIdSchema, wait: z.boolean().optional().describe('follow the run to its end or next pause first (default false)') },
      outputSchema: runResultShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ runId, wait }, extra) => {
      try {
        const { tenant } = deps.callerOf(extra, 'runs:read', 'the tool get_run');
        const { runId: id } = await findRun(deps.queries, runId, tenant);
        const run = wait === true ? await waitForRun(deps, id, extra, tenant) : await currentRun(deps, id, tenant);
        return structuredResult(summarizeMcpRun(run), run);
      } catch (error) {
        return toolError(error);
      }
    },
  );

  server.registerTool(
    'cancel_run',
    {
      title: 'Cancel a run',
      description: 'Cancels a running run: its running agents see their abort signal, unfinished tasks become cancelled. A run that already ended is refused (RUN_FINISHED).',
      inputSchema: { runId: runIdSchema },
      outputSchema: runResultShape,
      annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    async ({ runId }, extra) => {
      try {
        const { tenant } = deps.callerOf(extra, 'runs:write', 'the tool cancel_run');
        const { runId: id } = await findRun(deps.queries, runId, tenant);
        await deps.commands.execute(new CancelRunCommand(id, tenant));
        const run = await currentRun(deps, id, tenant);
        return structuredResult(summarizeMcpRun(run), run);
      } catch (error) {
        return toolError(error);
      }
    },
  );

  server.registerTool(
    'answer_input',
    {
      title: 'Answer a paused task',
      description:
        'Answers a task that paused with a question (status "paused", see waitingForInput). With wait (the default) the ' +
        'call then follows the run until it ends or a task pauses again, with progress notifications.',
      inputSchema: {
        runId: runIdSchema,
        taskId: z.string().min(1).max(200).describe('the paused task'),
        answer: z.unknown().describe('the answer, e.g. "yes"; any JSON value the task understands'),
        wait: z.boolean().optional().describe('follow the run to its end or next pause (default true)'),
      },
      outputSchema: runResultShape,
      annotations: { destructiveHint: false, openWorldHint: false },
    },
    async ({ runId, taskId, answer, wait }, extra) => {
      try {
        const { tenant } = deps.callerOf(extra, 'runs:write', 'the tool answer_input');
        const { runId: id } = await findRun(deps.queries, runId, tenant);
        await deps.commands.execute(new ResumeRunCommand(id, taskId, answer, tenant));
        const run = wait === false ? await currentRun(deps, id, tenant) : await waitForRun(deps, id, extra, tenant);
        return structuredResult(summarizeMcpRun(run), run);
      } catch (error) {
        return toolError(error);
      }
    },
  );
}
