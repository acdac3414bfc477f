import type { RunArgs } from '../cli-args';
import type { CliIo } from '../cli-io';
import { loadPlan } from '../load-plan';
import { OrchestratorClient } from '../remote/orchestrator-client';
import { startAndFollowRun } from './follow-run';

/**
 * `a2a-mcp run ... --server URL`: submits the plan (or the request) to a running orchestrator and
 * follows it. The server validates against its own agents, so the file is only parsed here.
 */
export async function remoteRunCommand(args: RunArgs, server: string, io: CliIo): Promise<number> {
  const client = new OrchestratorClient(server, args.apiKey);
  const body: Record<string, unknown> =
    args.source.kind === 'file' ? { plan: loadPlan(args.source.path, () => true, io.env) } : { request: args.source.request };
  // The server plans with its configured planner unless the user asks for the LLM one.
  if (args.source.kind === 'request' && args.source.planner === 'llm') body.planner = 'llm';
  if (args.strategy !== undefined) body.strategy = args.strategy;
  if (args.concurrency !== undefined) body.maxConcurrency = args.concurrency;
  if (args.parallelThreshold !== undefined) body.parallelThreshold = args.parallelThreshold;
  if (args.qualityPolicy !== undefined) body.qualityPolicy = args.qualityPolicy;
  return startAndFollowRun(client, body, args.json, io);
}
