#!/usr/bin/env node
'use strict';
// The floor under any in-heap engine: the least work a run of N tasks does per node (one record per
// task keyed by its id, dependency counting, two event objects, one result line), with no engine in
// it. Its own growth from 1 000 to 100 000 nodes is what the machine's caches and garbage collector
// charge for size alone. `node bench/floor.js plan.json` is the same floor as a fresh process that
// reads a plan and prints a result, the CLI's baseline.

/** Runs `specs` ({id, dependencies}) to completion; returns the result object. */
async function floorRun(specs, awaitEachTask) {
  const tasks = new Map();
  for (const spec of specs) {
    tasks.set(spec.id, { id: spec.id, dependencies: spec.dependencies ?? [], pending: 0, dependents: [], status: 'pending', output: undefined });
  }
  for (const task of tasks.values()) {
    for (const dep of task.dependencies) {
      tasks.get(dep).dependents.push(task.id);
      task.pending++;
    }
  }
  const ready = [];
  for (const task of tasks.values()) if (task.pending === 0) ready.push(task);
  const events = [];
  while (ready.length > 0) {
    const task = ready.pop();
    events.push({ type: 'task_start', taskId: task.id, at: performance.now() });
    task.output = awaitEachTask ? await Promise.resolve({ taskId: task.id }) : { taskId: task.id };
    task.status = 'completed';
    events.push({ type: 'task_complete', taskId: task.id, output: task.output, at: performance.now() });
    for (const id of task.dependents) {
      const dependent = tasks.get(id);
      if (--dependent.pending === 0) ready.push(dependent);
    }
  }
  const lines = {};
  for (const task of tasks.values()) lines[task.id] = { status: task.status, output: task.output };
  if (events.length !== specs.length * 2) throw new Error(`floor: ${events.length / 2} of ${specs.length} tasks ran`);
  return { successful: [...tasks.keys()], tasks: lines };
}

module.exports = { floorRun };

if (require.main === module) {
  const plan = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
  floorRun(plan.tasks, true).then((result) => process.stdout.write(JSON.stringify(result) + '\n'));
}
