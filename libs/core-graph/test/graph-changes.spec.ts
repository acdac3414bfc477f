import { GraphChange, StrategyName, WorkflowGraph, WorkflowRun, runWorkflow } from '../src';
import { finishBy, manualClock } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';
import { task } from './support/task-spec';

/**
 * `bad` fails at t=5, which skips `skipped`; `slow` (t=50) and `waiting` (after slow) keep the run
 * open. The change is applied once `skipped` is skipped, or right away with `early`.
 */
async function changeThenFinish(strategy: StrategyName, change: (run: WorkflowRun) => void, early = false) {
  const clock = manualClock();
  const graph = WorkflowGraph.fromSpecs([
    task('bad', [], { durationMs: 5, failAlways: true }),
    task('skipped', ['bad']),
    task('slow', [], { durationMs: 50 }),
    task('waiting', ['slow']),
  ]);
  const run = runWorkflow(graph, new SimExecutor(), { strategy, clock });
  for (let step = 0; !early; step++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (run.state.tasks.skipped.status === 'skipped') break;
    if (step > 20 || !clock.fireNext()) throw new Error(`"skipped" never got skipped (status ${run.state.tasks.skipped.status})`);
  }
  expect(run.finished).toBe(false);
  change(run);
  return finishBy(run, clock, 1_000);
}

const nodes = (change: GraphChange) => (run: WorkflowRun) => run.modify(change);

describe.each<StrategyName>(['hybrid', 'parallel'])('%s: graph changes on a task that can no longer complete', (strategy) => {
  it('a node added on a skipped dependency is itself skipped, and so is a node added after it', async () => {
    const result = await changeThenFinish(strategy, (run) => {
      run.addNode(task('late', ['skipped']));
      run.addNode(task('later', ['late']));
    });
    expect(result.tasks.late.status).toBe('skipped');
    expect(result.skipped.sort()).toEqual(['late', 'later', 'skipped']);
    expect(result.successful.sort()).toEqual(['slow', 'waiting']);
  });

  it('the same, when one change lists the dependent before its doomed dependency', async () => {
    const result = await changeThenFinish(strategy, nodes({ nodes: [task('later', ['late', 'slow']), task('late', ['skipped'])] }));
    expect(result.skipped.sort()).toEqual(['late', 'later', 'skipped']);
  });

  it('a new edge from a skipped task skips the waiting task it now feeds', async () => {
    const result = await changeThenFinish(strategy, (run) => run.addEdge('skipped', 'waiting'));
    expect(result.tasks.waiting.status).toBe('skipped');
    expect(result.successful).toEqual(['slow']);
  });

  it('a subgraph hung below a skipped task is skipped whole', async () => {
    const result = await changeThenFinish(strategy, (run) => run.addSubgraph([task('s1'), task('s2', ['s1'])], { dependsOn: ['skipped'] }));
    expect([result.tasks.s1.status, result.tasks.s2.status]).toEqual(['skipped', 'skipped']);
  });

  it('a node added on a dependency that is only skipped later is skipped then', async () => {
    const result = await changeThenFinish(strategy, (run) => run.addNode(task('late', ['skipped'])), true);
    expect(result.tasks.late.status).toBe('skipped');
  });
});
