import type { WorkflowEvent } from '@a2a-mcp/api-client';
import { runWorkflow, TaskError, VirtualClock, WorkflowGraph, type StrategyName, type TaskExecutor, type WorkflowNodeSpec } from '@a2a-mcp/core-graph';
import { criticalPathOf } from '../src/run/critical-path';
import { DAGRE_MAX_NODES, dagreLayout, layeredLayout, layoutDag, NODE_HEIGHT, NODE_WIDTH, type DagLayout, type LayoutInput } from '../src/run/dag-layout';
import { axisSpan, buildGanttModel, GANTT_CHUNK, GanttModelBuilder, type GanttModel } from '../src/run/gantt-model';
import { nodesInWindow, nodeWindow } from '../src/run/node-window';

// The Run page's models, fed by the engine's own event stream (virtual clock: no waiting).

/** A seeded random DAG: each task depends on up to 3 earlier ones, on one of three agents. */
function randomPlan(size: number, seed: number): WorkflowNodeSpec[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const agents = ['alpha', 'beta', 'gamma'];
  const tasks: WorkflowNodeSpec[] = [];
  for (let i = 0; i < size; i++) {
    const dependencies = new Set<string>();
    if (i > 0) for (let k = Math.floor(next() * 4); k > 0; k--) dependencies.add(`t${Math.floor(next() * i)}`);
    tasks.push({ id: `t${i}`, description: `task ${i}`, agent: agents[Math.floor(next() * agents.length)], dependencies: [...dependencies], input: { durationMs: 5 + Math.floor(next() * 40) } });
  }
  return tasks;
}

/** `levels` ranks of `width` tasks, each on 1 to 3 tasks of the rank before (seeded). */
function layeredPlan(levels: number, width: number, seed = 7): WorkflowNodeSpec[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const tasks: WorkflowNodeSpec[] = [];
  for (let level = 0; level < levels; level++) {
    for (let i = 0; i < width; i++) {
      const dependencies = new Set<string>();
      if (level > 0) for (let k = 1 + Math.floor(next() * 3); k > 0; k--) dependencies.add(`t${level - 1}_${Math.floor(next() * width)}`);
      tasks.push({ id: `t${level}_${i}`, description: '', agent: 'a', dependencies: [...dependencies] });
    }
  }
  return tasks;
}

/** Sleeps input.durationMs on the run's clock; the task named `flaky` fails its first attempt. */
const executor: TaskExecutor = {
  async execute(task, ctx) {
    await ctx.sleep(Number(task.input.durationMs));
    if (task.taskId === 'flaky' && ctx.attempt === 1) throw new TaskError('SIMULATED_FAILURE', 'first attempt fails', true);
    return { taskId: task.taskId };
  },
};

/** The events as the stream carries them (JSON: Infinity becomes null). */
async function eventsOf(tasks: WorkflowNodeSpec[], strategy: StrategyName): Promise<WorkflowEvent[]> {
  const run = runWorkflow(WorkflowGraph.fromSpecs(tasks), executor, {
    strategy,
    parallelThreshold: 2,
    clock: new VirtualClock({ autoAdvance: true }),
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    random: () => 0.5,
  });
  const events: unknown[] = [];
  for await (const event of run) events.push(event);
  await run.result;
  return JSON.parse(JSON.stringify(events)) as WorkflowEvent[];
}

function resultOf(events: WorkflowEvent[]) {
  const last = events[events.length - 1];
  if (last.type !== 'workflow_complete') throw new Error('the run did not complete');
  return last.result;
}

function expectRowsDoNotOverlap(model: GanttModel): void {
  const rows = new Map<string, { start: number; end: number }[]>();
  for (const bar of model.bars) {
    const key = `${bar.lane}/${bar.row}`;
    rows.set(key, [...(rows.get(key) ?? []), bar]);
  }
  for (const bars of rows.values()) {
    bars.sort((a, b) => a.start - b.start);
    for (let i = 1; i < bars.length; i++) expect(bars[i].start).toBeGreaterThanOrEqual(bars[i - 1].end);
  }
}

describe('the Gantt model', () => {
  it.each(['hybrid', 'parallel'] as const)('%s: a bar per task from its first start to its end, on its agent’s lane, rows never overlapping', async (strategy) => {
    const tasks = [...randomPlan(40, 11), { id: 'flaky', description: 'fails once', agent: 'beta', dependencies: ['t3'], maxRetries: 2, input: { durationMs: 10 } }];
    const events = await eventsOf(tasks, strategy);
    const model = buildGanttModel(events);
    const result = resultOf(events);

    expect(model.finished).toBe(true);
    expect(model.makespan).toBe(result.makespanMs);
    expect(model.bars.map((bar) => bar.taskId).sort()).toEqual(Object.keys(result.tasks).sort());
    const starts = events.filter((event) => event.type === 'task_start');
    for (const bar of model.bars) {
      const first = starts.find((event) => event.type === 'task_start' && event.taskId === bar.taskId);
      const end = events.find((event) => (event.type === 'task_complete' || event.type === 'task_failed') && event.taskId === bar.taskId);
      expect(bar.start).toBe(first?.at);
      expect(bar.end).toBe(end?.at);
      expect(model.lanes[bar.lane].agent).toBe(result.tasks[bar.taskId].agent);
      expect(bar.status).toBe(result.tasks[bar.taskId].status);
    }
    expect(model.bars.find((bar) => bar.taskId === 'flaky')?.attempts).toBe(2);
    // Bars are listed in the order the tasks first started.
    expect(model.bars.map((bar) => bar.taskId)).toEqual([...new Set(starts.map((event) => (event.type === 'task_start' ? event.taskId : '')))]);
    expectRowsDoNotOverlap(model);

    const levelStarts = events.filter((event) => event.type === 'level_start');
    expect(model.levels.map((level) => level.at)).toEqual(levelStarts.map((event) => event.at));
    if (strategy === 'parallel') {
      expect(model.levels.length).toBeGreaterThan(1);
      // The barrier: no task of a level starts before its level does.
      for (const event of levelStarts) {
        if (event.type !== 'level_start') continue;
        for (const id of event.taskIds) expect(model.bars.find((bar) => bar.taskId === id)!.start).toBeGreaterThanOrEqual(event.at);
      }
    }
  });

  it('draws a log kept as its summary (start, plan, result) from the result’s times', async () => {
    const events = await eventsOf(randomPlan(25, 5), 'hybrid');
    const summary = events.filter((event) => event.type === 'workflow_start' || event.type === 'plan_ready' || event.type === 'workflow_complete');
    const model = buildGanttModel(summary);
    const result = resultOf(events);
    expect(model.bars).toHaveLength(Object.keys(result.tasks).length);
    for (const bar of model.bars) {
      expect(bar.start).toBe(result.tasks[bar.taskId].startedAtMs);
      expect(bar.end).toBe(result.tasks[bar.taskId].finishedAtMs);
    }
    expectRowsDoNotOverlap(model);
  });

  it('shows a running task up to the latest event, and an axis that only grows in round steps', async () => {
    const events = await eventsOf(randomPlan(20, 3), 'hybrid');
    const cut = events.findIndex((event) => event.type === 'task_complete');
    const partial = events.slice(0, cut);
    const model = buildGanttModel(partial);
    const latest = partial[partial.length - 1].at;
    expect(model.finished).toBe(false);
    expect(model.bars.length).toBeGreaterThan(0);
    for (const bar of model.bars) {
      expect(bar.status).toBe('running');
      expect(bar.end).toBe(Math.max(bar.start, latest));
    }
    let previous = 0;
    for (let i = 1; i < events.length - 1; i++) {
      const span = axisSpan(buildGanttModel(events.slice(0, i)));
      expect(span).toBeGreaterThanOrEqual(previous);
      expect(span).toBeGreaterThanOrEqual(events[i - 1].at);
      expect([1, 2, 5, 10]).toContain(Math.round(span / 10 ** Math.floor(Math.log10(span))));
      previous = span;
    }
  });
});

describe('the Gantt model, built as events arrive', () => {
  it('equals the model of the whole log at every step, and bumps the version of exactly the chunks whose bars changed', async () => {
    const tasks = randomPlan(GANTT_CHUNK * 2 + 50, 17).map((task) => ({ ...task, agent: 'alpha' }));
    const events = await eventsOf(tasks, 'hybrid');
    const builder = new GanttModelBuilder();
    let before: { versions: number[]; bars: string[] }[] = [];
    for (let end = 1; end <= events.length; end += 37) {
      const prefix = events.slice(0, end);
      const model = builder.update(prefix);
      const fresh = buildGanttModel(prefix);
      expect(JSON.parse(JSON.stringify(model.bars))).toEqual(JSON.parse(JSON.stringify(fresh.bars)));
      expect(model.makespan).toBe(fresh.makespan);
      const now = model.lanes.map((lane) => ({
        versions: [...lane.versions],
        bars: lane.versions.map((_, k) => JSON.stringify(lane.bars.slice(k * GANTT_CHUNK, (k + 1) * GANTT_CHUNK))),
      }));
      now.forEach((lane, l) =>
        lane.bars.forEach((text, k) => {
          const old = before[l]?.bars[k];
          if (old === undefined) return;
          // A chunk's version moves if and only if what it draws changed.
          expect(lane.versions[k] !== before[l].versions[k]).toBe(text !== old);
        }),
      );
      before = now;
    }
    // A different log starts over.
    const other = await eventsOf(randomPlan(10, 4), 'hybrid');
    expect(builder.update(other).bars.map((bar) => bar.taskId).sort()).toEqual(buildGanttModel(other).bars.map((bar) => bar.taskId).sort());
  });
});

describe('the critical path', () => {
  it('is plan_ready’s estimate while the run goes on, the result’s once it has ended', async () => {
    const events = await eventsOf(randomPlan(30, 9), 'hybrid');
    const planReady = events.find((event) => event.type === 'plan_ready');
    if (planReady?.type !== 'plan_ready') throw new Error('no plan_ready');
    const running = criticalPathOf(events.slice(0, -1));
    expect(running).toEqual({ ids: planReady.estimatedCriticalPath, kind: 'estimated', ms: planReady.estimatedCriticalPathMs });
    const done = criticalPathOf(events);
    expect(done).toEqual({ ids: resultOf(events).criticalPath, kind: 'measured', ms: resultOf(events).criticalPathMs });
    expect(criticalPathOf(events.slice(0, 1)).kind).toBe('none');
  });
});

function inputOf(tasks: WorkflowNodeSpec[]): LayoutInput {
  return { ids: tasks.map((task) => task.id), edges: tasks.flatMap((task) => (task.dependencies ?? []).map((dep): [string, string] => [dep, task.id])) };
}

function expectLeftToRightWithoutOverlap(input: LayoutInput, layout: DagLayout): void {
  const at = new Map(input.ids.map((id, i) => [id, i]));
  const backwards = input.edges.filter(([from, to]) => layout.x[at.get(from)!] + NODE_WIDTH > layout.x[at.get(to)!]);
  expect(backwards).toEqual([]);
  const boxes = input.ids.map((id, i) => ({ id, x: layout.x[i], y: layout.y[i] })).sort((a, b) => a.x - b.x || a.y - b.y);
  const overlapping: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + NODE_WIDTH; j++) {
      if (Math.abs(boxes[j].y - boxes[i].y) < NODE_HEIGHT) overlapping.push(`${boxes[i].id}/${boxes[j].id}`);
    }
  }
  expect(overlapping).toEqual([]);
  const outside = input.ids.filter((_, i) => layout.x[i] < 0 || layout.y[i] < 0 || layout.x[i] + NODE_WIDTH > layout.width + 1 || layout.y[i] + NODE_HEIGHT > layout.height + 1);
  expect(outside).toEqual([]);
}

describe('the DAG layout', () => {
  it('dagre and the layered layout both put every task right of its dependencies, with no two tasks overlapping', () => {
    const input = inputOf(randomPlan(120, 21));
    expectLeftToRightWithoutOverlap(input, dagreLayout(input));
    expectLeftToRightWithoutOverlap(input, layeredLayout(input));
  });

  it('keeps dagre’s layout where it stays compact, the layered one where dagre spreads a dense graph out or the graph is too big for it', () => {
    // A tree: dagre's layout is about the layered one's size.
    const tree = inputOf(Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, description: '', agent: 'a', dependencies: i === 0 ? [] : [`n${Math.floor((i - 1) / 3)}`] })));
    const treeLayout = layoutDag(tree);
    expect(treeLayout.engine).toBe('dagre');
    expectLeftToRightWithoutOverlap(tree, treeLayout);
    // Ranks of 20 tasks, each on 1 to 3 of the rank before: dagre's alignment makes it several times taller.
    const dense = inputOf(layeredPlan(5, 20));
    const dagre = dagreLayout(dense);
    const layered = layeredLayout(dense);
    expect(dagre.width * dagre.height).toBeGreaterThan(2 * layered.width * layered.height);
    expect(layoutDag(dense)).toEqual(layered);
    const big = inputOf(randomPlan(DAGRE_MAX_NODES + 1, 2));
    const layout = layoutDag(big);
    expect(layout.engine).toBe('layered');
    expectLeftToRightWithoutOverlap(big, layout);
  });

  it('hands the canvas every node the view shows (and what lies around it), whatever the pan and zoom', () => {
    const input = inputOf(randomPlan(DAGRE_MAX_NODES + 500, 8));
    const layout = layeredLayout(input);
    const width = 1200;
    const height = 460;
    for (const viewport of [{ x: 16, y: 16, zoom: 0.85 }, { x: -3000, y: -900, zoom: 1.3 }, { x: -500, y: 200, zoom: 0.2 }]) {
      const shown = new Set(nodesInWindow(layout, nodeWindow(viewport, width, height)));
      expect(shown.size).toBeLessThan(input.ids.length);
      const missing = input.ids.filter((_, i) => {
        // The node's box on screen.
        const left = layout.x[i] * viewport.zoom + viewport.x;
        const top = layout.y[i] * viewport.zoom + viewport.y;
        const visible = left + NODE_WIDTH * viewport.zoom >= 0 && left <= width && top + NODE_HEIGHT * viewport.zoom >= 0 && top <= height;
        return visible && !shown.has(i);
      });
      expect(missing).toEqual([]);
    }
  });
});
