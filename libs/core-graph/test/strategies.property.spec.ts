import fc from 'fast-check';
import './support/property-settings';
import { ParallelWorkflowGraph, StrategyName, VirtualClock, WorkflowEvent, WorkflowNodeSpec, runWorkflow } from '../src';
import { finishBy } from './support/finish-run';
import { SimExecutor } from './support/sim-executor';

interface RandomDag {
  specs: WorkflowNodeSpec[];
  durations: number[];
}

/** Random DAGs: node i may depend on any earlier node, so every generated graph is acyclic. */
const randomDag = (maxNodes = 25): fc.Arbitrary<RandomDag> =>
  fc
    .integer({ min: 1, max: maxNodes })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
        fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: n, maxLength: n }),
      ),
    )
    .map(([durations, rawDeps]) => ({
      durations,
      specs: durations.map((durationMs, i) => ({
        id: `t${i}`,
        description: `task ${i}`,
        agent: 'sim',
        dependencies: i === 0 ? [] : [...new Set(rawDeps[i].map((d) => `t${d % i}`))],
        input: { durationMs },
      })),
    }));

async function execute(specs: WorkflowNodeSpec[], strategy: StrategyName, options: { maxConcurrency?: number; parallelThreshold?: number } = {}) {
  const graph = ParallelWorkflowGraph.fromSpecs(specs);
  const executor = new SimExecutor();
  const clock = new VirtualClock();
  const events: WorkflowEvent[] = [];
  const run = runWorkflow(graph, executor, { strategy, clock, ...options, onEvent: (event) => events.push(event) });
  // Durations are at most 40 ms per task: any finished run ends well before this.
  const result = await finishBy(run, clock, 100_000);
  return { result, events, executor };
}

/** Longest path by duration, computed independently of the library. */
function longestPath(specs: WorkflowNodeSpec[], durations: number[]): number {
  const finish = new Map<string, number>();
  let best = 0;
  specs.forEach((spec, i) => {
    const start = Math.max(0, ...(spec.dependencies ?? []).map((d) => finish.get(d) ?? 0));
    finish.set(spec.id, start + durations[i]);
    best = Math.max(best, start + durations[i]);
  });
  return best;
}

function transitiveDependents(specs: WorkflowNodeSpec[], roots: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const spec of specs) {
    if ((spec.dependencies ?? []).some((d) => roots.has(d) || out.has(d))) out.add(spec.id);
  }
  return out;
}

const strategies: StrategyName[] = ['sequential', 'parallel', 'hybrid'];

describe('scheduling properties over random DAGs (virtual clock)', () => {
  it('every strategy respects every dependency and runs each task exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(randomDag(), fc.constantFrom(...strategies), fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), async (dag, strategy, maxConcurrency) => {
        const { result, events, executor } = await execute(dag.specs, strategy, { maxConcurrency, parallelThreshold: 2 });
        expect(result.status).toBe('completed');
        const counts = new Map<string, number>();
        for (const call of executor.calls) counts.set(call.taskId, (counts.get(call.taskId) ?? 0) + 1);
        expect([...counts.values()].every((c) => c === 1)).toBe(true);
        expect(counts.size).toBe(dag.specs.length);
        const completedAt = new Map<string, number>();
        const startedAt = new Map<string, number>();
        for (const e of events) {
          if (e.type === 'task_complete') completedAt.set(e.taskId, e.seq);
          if (e.type === 'task_start') startedAt.set(e.taskId, e.seq);
        }
        for (const spec of dag.specs) {
          for (const dep of spec.dependencies ?? []) {
            expect(completedAt.get(dep)).toBeLessThan(startedAt.get(spec.id) as number);
          }
        }
        if (maxConcurrency !== undefined) expect(executor.maxRunning).toBeLessThanOrEqual(maxConcurrency);
      }),
      { numRuns: 150 },
    );
  });

  it('hybrid makespan equals the critical path when concurrency does not bind, and never exceeds levels', async () => {
    await fc.assert(
      fc.asyncProperty(randomDag(), async (dag) => {
        const hybrid = await execute(dag.specs, 'hybrid');
        const levels = await execute(dag.specs, 'parallel', { parallelThreshold: 1 });
        const cp = longestPath(dag.specs, dag.durations);
        expect(hybrid.result.makespanMs).toBe(cp);
        expect(hybrid.result.criticalPathMs).toBe(cp);
        expect(hybrid.result.makespanMs).toBeLessThanOrEqual(levels.result.makespanMs);
      }),
      { numRuns: 150 },
    );
  });

  it('sequential never overlaps two tasks and takes the sum of the task times', async () => {
    await fc.assert(
      fc.asyncProperty(randomDag(), async (dag) => {
        const { result, executor } = await execute(dag.specs, 'sequential', { maxConcurrency: 8 });
        expect(executor.maxRunning).toBe(1);
        const sorted = [...executor.calls].sort((a, b) => a.start - b.start);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end as number);
        expect(result.makespanMs).toBe(dag.durations.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('a failure skips exactly the transitive dependents (parallel and hybrid)', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDag().chain((dag) => fc.tuple(fc.constant(dag), fc.subarray(dag.specs.map((s) => s.id)))),
        fc.constantFrom<StrategyName>('parallel', 'hybrid'),
        async ([dag, failing], strategy) => {
          const failSet = new Set(failing);
          const specs = dag.specs.map((s) => (failSet.has(s.id) ? { ...s, input: { ...s.input, failAlways: true } } : s));
          const { result } = await execute(specs, strategy, { parallelThreshold: 2 });
          const expectedSkipped = transitiveDependents(specs, failSet);
          const expectedFailed = [...failSet].filter((id) => !expectedSkipped.has(id));
          expect(new Set(result.skipped)).toEqual(expectedSkipped);
          expect(new Set(result.failed)).toEqual(new Set(expectedFailed));
          expect(result.successful.length + result.failed.length + result.skipped.length).toBe(specs.length);
          for (const id of result.successful) expect(failSet.has(id) || expectedSkipped.has(id)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
