import { randomUUID } from 'node:crypto';
import {
  applyEvent,
  createRunState,
  type PlanningEvent,
  type RunResult,
  type RunState,
  TaskError,
  type TaskExecutor,
  VirtualClock,
  type WorkflowEvent,
  WorkflowGraph,
  type WorkflowNodeSpec,
  runWorkflow,
} from '@a2a-mcp/core-graph';

/** A finished engine run: its whole log (seq 0 a planning event) and the live run's final state. */
export interface RecordedRun {
  runId: string;
  plan: WorkflowNodeSpec[];
  events: WorkflowEvent[];
  state: Readonly<RunState>;
  result: RunResult;
}

const spec = (id: string, dependencies: string[], input: Record<string, unknown> = {}, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `do ${id}`,
  agent: 'sim',
  dependencies,
  input,
  ...extra,
});

/**
 * A plan that makes the engine emit most kinds of events: progress and an artifact, a retry, a task
 * paused for input then resumed, a failure and the skip it causes, a node added while running, and a
 * task id (`__proto__`) that only a null-prototype map keeps as an ordinary key.
 */
export const RICH_PLAN: readonly WorkflowNodeSpec[] = [
  spec('fetch', [], { progress: true }),
  spec('flaky', ['fetch'], { failTimes: 1 }, { maxRetries: 1 }),
  spec('ask', ['fetch'], { ask: 'which region?' }),
  spec('__proto__', ['fetch']),
  spec('join', ['flaky', 'ask', '__proto__']),
  spec('broken', [], { failAlways: true }, { maxRetries: 0 }),
  spec('after-broken', ['broken']),
];

/** The test agent: sleeps on the run's clock, reports progress, asks, fails as its input says. */
const executor: TaskExecutor = {
  async execute(task, ctx) {
    const input = task.input as { progress?: boolean; ask?: string; failTimes?: number; failAlways?: boolean };
    if (input.progress) {
      ctx.progress(50, 'half way');
      ctx.artifact({ name: 'partial', mimeType: 'application/json', data: { rows: 2 } });
    }
    await ctx.sleep(10);
    if (input.ask !== undefined) return { answer: await ctx.requestInput(input.ask) };
    if (input.failAlways || ctx.attempt <= (input.failTimes ?? 0)) throw new TaskError('SIMULATED_FAILURE', `${task.taskId} failed on attempt ${ctx.attempt}`);
    return { taskId: task.taskId, from: Object.keys(task.dependencyOutputs) };
  },
};

/** Runs RICH_PLAN on the real engine (virtual clock) and returns its log, with a planning event at seq 0. */
export async function recordRichRun(runId: string = randomUUID()): Promise<RecordedRun> {
  const plan = RICH_PLAN.map((task) => ({ ...task }));
  const events: WorkflowEvent[] = [planningEvent(runId)];
  const run = runWorkflow(WorkflowGraph.fromSpecs(plan), executor, {
    runId,
    strategy: 'hybrid',
    clock: new VirtualClock(),
    onEvent: (event) => events.push(event),
  });
  let added = false;
  run.subscribe((event) => {
    // Answered and grown from outside the event callback, as a host would (an HTTP request later).
    if (event.type === 'task_paused') setImmediate(() => run.resume(event.taskId, 'eu-west'));
    if (event.type === 'task_complete' && event.taskId === 'fetch' && !added) {
      added = true;
      setImmediate(() => run.addNode(spec('late', ['fetch'])));
    }
  });
  const result = await run.result;
  return { runId, plan, events, state: run.state, result };
}

export function planningEvent(runId: string): PlanningEvent {
  return { type: 'planning', seq: 0, runId, at: 0, message: 'the deterministic planner made 7 task(s)' };
}

/** The engine's fold of `events` from scratch: what any reader of that log must see. */
export function foldOf(runId: string, events: readonly WorkflowEvent[]): RunState {
  const state = createRunState(runId);
  for (const event of events) applyEvent(state, event);
  return state;
}

/** A value as JSON would store it (undefined keys dropped): the form two states are compared in. */
export function asJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}
