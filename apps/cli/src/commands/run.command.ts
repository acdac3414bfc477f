import { GraphError, ParallelWorkflowGraph, runWorkflow, type RunOptions, type RunResult, type WorkflowRun } from '@a2a-mcp/core-graph';
import { createDemoRegistry, type AgentRegistry } from '@a2a-mcp/agents';
import { LoadMonitor, type ExecutionDefaults, type Plan } from '@a2a-mcp/planner';
import type { PlanSource, RunArgs } from '../cli-args';
import { CliInputError, PROGRAM } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { LiveProgress } from '../live-progress';
import { loadPlan } from '../load-plan';
import { snapshotOf } from '../progress-bar';
import { reportResult } from '../report-result';
import { remoteRunCommand } from './remote-run.command';
import { planRequest } from '../planners';
import { executionDefaultsFor } from '../execution-settings';
import { qualityScorerFor } from '../quality-settings';
import { runOptionsOf } from '../run-settings';

/** `a2a-mcp run <plan.json>`: runs the plan on the in-process engine with the demo agents. */
export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  if (args.server !== undefined) return remoteRunCommand(args, args.server, io);
  const registry = createDemoRegistry();
  // Sampling starts now, so `auto` sees the event loop as it is while the plan is loaded.
  const monitor = new LoadMonitor();
  let run: WorkflowRun;
  try {
    const scoreOutput = qualityScorerFor(registry, io.env);
    const execution = executionDefaultsFor(io.env);
    const plan = await planFrom(args.source, registry, io);
    run = startRun(args, plan, registry, monitor, execution, { scoreOutput, clock: io.clock });
  } finally {
    monitor.stop();
  }

  // The bar goes to stderr, so it shows on a terminal even when stdout is piped; never with --json.
  const progress = !args.json && io.stderr.isTTY === true
    ? new LiveProgress(io.stderr, (elapsedMs) => snapshotOf(run.state, elapsedMs), widthOf(io.stderr, io.env))
    : undefined;
  let interrupted = false;
  const stopListening = io.onInterrupt?.(() => {
    interrupted = true;
    run.cancel('interrupted (SIGINT)');
  });

  let result: RunResult;
  progress?.start();
  try {
    result = await run.result;
  } finally {
    stopListening?.();
    progress?.stop();
  }

  if (interrupted) io.stderr.write(`${PROGRAM}: interrupted; the run was cancelled\n`);
  return reportResult(result, args.json, io);
}

async function planFrom(source: PlanSource, registry: AgentRegistry, io: CliIo): Promise<Plan> {
  if (source.kind === 'file') return loadPlan(source.path, registry.names(), io.env);
  return planRequest(source.request, source.planner, registry, io.env, source.rules);
}

function startRun(
  args: RunArgs,
  plan: Plan,
  registry: AgentRegistry,
  monitor: LoadMonitor,
  execution: ExecutionDefaults,
  hooks: Pick<RunOptions, 'scoreOutput' | 'clock'>,
): WorkflowRun {
  const { settings, options } = runOptionsOf(plan, args, monitor.snapshot(), execution);
  try {
    const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks);
    if (settings.parallelThreshold !== undefined) graph.withParallelThreshold(settings.parallelThreshold);
    return runWorkflow(graph, registry, { ...options, ...hooks });
  } catch (error) {
    // Validation should have caught it; if the engine still refuses the plan, it is still bad input.
    const label = args.source.kind === 'file' ? `plan "${args.source.path}"` : 'the planned request';
    if (error instanceof GraphError || error instanceof RangeError) throw new CliInputError(`${label}: ${error.message}`);
    throw error;
  }
}
