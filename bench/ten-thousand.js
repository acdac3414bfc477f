'use strict';
// Validates and runs a 10 000-node random DAG with zero-work agents; prints one JSON line.
const { performance } = require('node:perf_hooks');
const { WorkflowGraph, runWorkflow } = require('@a2a-mcp/core-graph');
const { createDemoRegistry } = require('@a2a-mcp/agents');
const { validatePlan } = require('@a2a-mcp/planner');
const { randomDag } = require('./shapes');

async function main() {
  const specs = randomDag(10_000, 3);
  const registry = createDemoRegistry();
  const started = performance.now();
  const validation = validatePlan({ tasks: specs }, { knownAgents: registry.names() });
  if (!validation.ok) throw new Error(validation.issues[0].message);
  const validated = performance.now();
  const run = runWorkflow(WorkflowGraph.fromSpecs(validation.plan.tasks), registry, { strategy: 'hybrid' });
  let events = 0;
  for await (const _event of run) events++;
  const result = await run.result;
  const finished = performance.now();
  if (result.successful.length !== specs.length) throw new Error(`only ${result.successful.length} tasks completed`);
  const round = (v) => Math.round(v * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      nodes: specs.length,
      edges: specs.reduce((n, s) => n + s.dependencies.length, 0),
      events,
      validateMs: round(validated - started),
      runMs: round(finished - validated),
      totalMs: round(finished - started),
      rssMb: round(process.memoryUsage().rss / 2 ** 20),
      targetTotalMs: '< 500',
      targetRssMb: '< 300',
    }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exitCode = 1;
});
