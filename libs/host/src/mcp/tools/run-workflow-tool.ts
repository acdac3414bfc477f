import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PLANNER_KINDS, RunWorkflowCommand, type PlannerKind, type RunSource } from '@a2a-mcp/orchestration';
import { COORDINATION_STRATEGIES, QUALITY_POLICIES } from '@a2a-mcp/planner';
import { MAX_RUN_LIMIT } from '../../http/dto/plan.dto';
import { summarizeMcpRun } from '../runs/mcp-run-result';
import { currentRun, progressReporter, waitForRun } from '../runs/wait-for-run';
import { planInputSchema } from '../schemas/plan-input.schema';
import { runResultShape } from '../schemas/run-result.schema';
import type { McpToolDeps } from './mcp-tool-deps';
import { MAX_REQUEST_LENGTH } from './plan-tool';
import { invalidArguments, structuredResult, toolError } from './tool-results';

const runLimit = () => z.number().int().min(1).max(MAX_RUN_LIMIT);

/** run_workflow: POST /v1/runs, then (by default) the run followed to its end with progress notifications. */
export function registerRunWorkflowTool(server: McpServer, deps: McpToolDeps): void {
  server.registerTool(
    'run_workflow',
    {
      title: 'Run a workflow',
      description:
        'Runs a plan (or a request, planned first) over the agents. With wait (the default) the call returns when the ' +
        'run ends, or as soon as a task pauses for an answer (status "paused", the question in waitingForInput: reply ' +
        'with answer_input). Progress notifications, when the request has a progressToken, count finished tasks ' +
        '(message "task <id> completed"); the first names the run id. wait: false returns at once with the run as ' +
        'started (follow it with get_run). If the call is cancelled the run goes on: stop it with cancel_run. An ' +
        'invalid plan is an error naming each task and field.',
      inputSchema: {
        plan: planInputSchema
          .optional()
          .describe('the plan to run: tasks with id, description, agent, dependencies (durations in ms; see plan, find_agent). Exactly one of plan or request'),
        request: z.string().trim().min(1).max(MAX_REQUEST_LENGTH).optional().describe('a request to plan and run. Exactly one of plan or request'),
        planner: z.enum(PLANNER_KINDS).optional().describe("with request: the built-in planner (default: the host's)"),
        strategy: z.enum(COORDINATION_STRATEGIES).optional().describe("default: the plan's coordinationStrategy, else the host's default"),
        maxConcurrency: runLimit().optional().describe('most tasks running at once'),
        parallelThreshold: runLimit().optional().describe('parallel strategy: smallest level run concurrently'),
        qualityPolicy: z.enum(QUALITY_POLICIES).optional().describe('what a below-threshold output does'),
        wait: z.boolean().optional().describe('wait for the end or the first pause (default true)'),
      },
      outputSchema: runResultShape,
      annotations: { destructiveHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      try {
        const caller = deps.callerOf(extra, 'runs:write', 'the tool run_workflow');
        const source = runSource(args);
        if (typeof source === 'string') return invalidArguments(source);
        await deps.limiter.admit(caller.limitKey);
        const managed = await deps.commands.execute(
          new RunWorkflowCommand(
            source,
            {
              strategy: args.strategy,
              maxConcurrency: args.maxConcurrency,
              parallelThreshold: args.parallelThreshold,
              qualityPolicy: args.qualityPolicy,
            },
            caller.owner,
          ),
        );
        const taskCount = managed.state.order.length;
        const { runId } = managed;
        await progressReporter(extra)({ progress: 0, total: taskCount, message: `run ${runId} started: ${taskCount} task(s), strategy ${managed.settings.strategy}` });
        const run = args.wait === false ? await currentRun(deps, runId, caller.tenant) : await waitForRun(deps, runId, extra, caller.tenant);
        return structuredResult(summarizeMcpRun(run), run);
      } catch (error) {
        return toolError(error);
      }
    },
  );
}

/** The run's source, or what is wrong with the arguments. */
function runSource(args: { plan?: Record<string, unknown>; request?: string; planner?: PlannerKind }): RunSource | string {
  if (args.plan !== undefined && args.request !== undefined) return 'give either plan or request, not both';
  if (args.plan !== undefined) {
    if (args.planner !== undefined) return 'planner goes with request (a plan is already planned)';
    return { plan: args.plan };
  }
  if (args.request !== undefined) return { request: args.request, planner: args.planner };
  return 'give plan (a plan to run) or request (a request to plan and run)';
}

