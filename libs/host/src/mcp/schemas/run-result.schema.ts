import { z } from 'zod';
import { TASK_STATUSES } from '@a2a-mcp/core-graph';

const RUN_STATUSES = ['running', 'paused', 'completed', 'partial', 'failed', 'cancelled'] as const;
const STRATEGIES = ['sequential', 'parallel', 'hybrid'] as const;

const taskErrorSchema = z.object({ code: z.string(), message: z.string() });

/** One task of a run: the REST run view's task (GET /v1/runs/:id). Times are ms since the run started. */
export const runTaskSchema = z.object({
  status: z.enum(TASK_STATUSES),
  agent: z.string(),
  description: z.string(),
  dependencies: z.array(z.string()),
  attempts: z.number(),
  startedAtMs: z.number().optional(),
  finishedAtMs: z.number().optional(),
  durationMs: z.number().optional(),
  queueWaitMs: z.number().optional(),
  qualityScore: z.number().optional(),
  progress: z.number().optional(),
  question: z.string().optional().describe('a paused task: what it asks (answer with answer_input)'),
  error: taskErrorSchema.optional(),
  servedBy: z.string().optional(),
  output: z.unknown().optional().describe("a completed task's output"),
});

/**
 * A run as the MCP tools return it: the CLI's `--json` result (status, makespanMs, successful, failed,
 * skipped, cancelled, tasks by id) for a run that ended; the same keys so far for one still running,
 * with the summary figures absent until it ends.
 */
export const runResultShape = {
  runId: z.string(),
  status: z.enum(RUN_STATUSES).describe('paused: running, but a task waits for an answer (see waitingForInput)'),
  strategy: z.enum(STRATEGIES),
  strategyReason: z.string(),
  createdAt: z.string(),
  taskCount: z.number(),
  successful: z.array(z.string()),
  failed: z.array(z.string()),
  skipped: z.array(z.string()),
  cancelled: z.array(z.string()),
  waitingForInput: z.array(z.object({ taskId: z.string(), question: z.string() })).describe('answer each with answer_input'),
  makespanMs: z.number().optional(),
  criticalPath: z.array(z.string()).optional(),
  criticalPathMs: z.number().optional(),
  totalTaskMs: z.number().optional(),
  parallelEfficiency: z.number().optional(),
  partialCompletion: z.boolean().optional(),
  totalQueueWaitMs: z.number().optional(),
  stopReason: taskErrorSchema.optional(),
  tasks: z.record(z.string(), runTaskSchema),
};

export const runResultSchema = z.object(runResultShape);
export type McpRunResult = z.infer<typeof runResultSchema>;
export type McpRunStatus = (typeof RUN_STATUSES)[number];
