import { readFileSync } from 'node:fs';
import { ParallelWorkflowGraph, runWorkflow, type RunOptions, type RunResult } from '@a2a-mcp/core-graph';
import { createDemoRegistry } from '@a2a-mcp/agents';
import { parsePlan, parsePlanText } from '@a2a-mcp/planner';
import { createQualityScorer } from '@a2a-mcp/quality';

/** Runs a plan file on the demo agents and prints each task as it completes. */
export async function runPlanFile(file: string, options: RunOptions = {}): Promise<RunResult> {
  const registry = createDemoRegistry();
  // Both throw a PlanValidationError: bad JSON with its line and column, a bad plan naming task and field.
  const plan = parsePlan(parsePlanText(readFileSync(file, 'utf8'), file), { knownAgents: registry.names() });
  const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(2);

  const scoreOutput = createQualityScorer(); // every output scored in [0, 1] per QualityDomain
  const run = runWorkflow(graph, registry, { strategy: 'hybrid', maxConcurrency: 8, scoreOutput, ...options });
  for await (const event of run) {
    if (event.type === 'task_complete') console.log(event.taskId, Math.round(event.durationMs), event.qualityScore);
  }
  return run.result; // makespanMs, criticalPath, partialCompletion, tasks, ...
}
