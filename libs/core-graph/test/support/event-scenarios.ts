import {
  ParallelWorkflowGraph,
  QualityVerdict,
  RunOptions,
  StrategyName,
  TaskContext,
  TaskError,
  TaskExecutor,
  TaskRequest,
  TaskSlotPool,
  VirtualClock,
  WorkflowEvent,
  WorkflowNodeSpec,
  WorkflowRun,
  resumeWorkflow,
  runWorkflow,
} from '../../src';
import { finishBy } from './finish-run';
import { task } from './task-spec';

/**
 * Runs of the real engine that, together, emit every kind of event and most optional fields: the
 * material the event schema is checked against. Agents act on their task's `input` (an Act).
 */
export interface Act {
  durationMs?: number;
  /** Asks for input first (task_paused, then task_resumed once answered). */
  ask?: string;
  /** Reports progress and streams an artifact halfway. */
  stream?: boolean;
  failTimes?: number;
  failAlways?: boolean;
  /** Names the replica that served the attempt (task_complete.servedBy). */
  servedBy?: string;
}

export class ActingExecutor implements TaskExecutor {
  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const act = task.input as Act;
    const answer = act.ask === undefined ? null : await ctx.requestInput(act.ask);
    const duration = act.durationMs ?? 0;
    if (act.stream) {
      await ctx.sleep(duration / 2);
      ctx.progress(50, 'halfway');
      ctx.artifact({ name: `${task.taskId}.json`, mimeType: 'application/json', data: { partial: [1, 'two', null], ok: true } });
      await ctx.sleep(duration - duration / 2);
    } else if (duration > 0) await ctx.sleep(duration);
    if (act.failAlways || ctx.attempt <= (act.failTimes ?? 0)) throw new TaskError('ACT_FAILED', `${task.taskId} failed on attempt ${ctx.attempt}`);
    if (act.servedBy !== undefined) ctx.servedBy?.(act.servedBy);
    // Outputs of every JSON kind, so `output` is checked as "any JSON value".
    const outputs: unknown[] = [{ taskId: task.taskId, answer, nested: { list: [1, 'two', null, { deep: [] }] } }, 'plain text', 42, null, [true, { a: 1 }]];
    return outputs[task.taskId.length % outputs.length];
  }
}

/** A full verdict (every optional field) for outputs that are objects; none for the others. */
const scoreOutput = (_task: TaskRequest, output: unknown): QualityVerdict | undefined =>
  output !== null && typeof output === 'object' && !Array.isArray(output)
    ? { score: 0.8, approved: true, issues: ['completeness_not_met'], domain: 'GENERIC', metrics: { completeness: 0.7, accuracy: 0.9 } }
    : undefined;

export interface Recorded {
  run: WorkflowRun;
  events: WorkflowEvent[];
}

/**
 * Drives a run on its virtual clock to the end; pauses are answered 3 ms after they happen. `control`
 * schedules changes (graph changes, cancel) on the clock; an error thrown there fails the scenario.
 */
async function drive(
  start: (options: RunOptions) => WorkflowRun,
  clock: VirtualClock,
  options: RunOptions,
  control: (run: () => WorkflowRun, later: (ms: number, action: () => void) => void) => void = () => undefined,
): Promise<Recorded> {
  const events: WorkflowEvent[] = [];
  const refused: unknown[] = [];
  const later = (ms: number, action: () => void): void => {
    clock.setTimer(ms, () => {
      try {
        action();
      } catch (error) {
        refused.push(error);
      }
    });
  };
  const current: WorkflowRun = start({
    clock,
    random: () => 0.5,
    scoreOutput,
    retry: { baseDelayMs: 4, maxDelayMs: 16 },
    ...options,
    onEvent: (event) => {
      events.push(event);
      // From a timer: by then `current` is assigned (events of the start itself arrive before).
      if (event.type === 'task_paused') later(3, () => current.resume(event.taskId, `answer for ${event.taskId}`));
    },
  });
  control(() => current, later);
  await finishBy(current, clock, clock.now() + 1_000_000);
  if (refused.length > 0) throw refused[0];
  return { run: current, events };
}

/** Five roots (a concurrent level on a 2-slot pool: queueing), a pause, a retry with progress and an artifact, a failure and its dependents, a graph change. */
export const busyPlan = (): WorkflowNodeSpec[] => [
  task('ask', [], { ask: 'which region?', durationMs: 5 }),
  task('flaky', [], { failTimes: 1, stream: true, durationMs: 10, servedBy: 'replica-7' }, { maxRetries: 1 }),
  task('w1', [], { durationMs: 3 }),
  task('w2', [], { durationMs: 3 }),
  task('w3', [], { durationMs: 3 }, { priority: 'high', qualityPolicy: 'warn', estimatedDuration: 3 }),
  task('broken', ['w1'], { failAlways: true, durationMs: 2 }),
  task('after', ['broken'], { durationMs: 1 }),
  task('final', ['ask', 'flaky'], { durationMs: 2 }),
];

export function busyRun(strategy: StrategyName): Promise<Recorded> {
  const clock = new VirtualClock();
  const slots = new TaskSlotPool(2).lane();
  return drive((options) => runWorkflow(ParallelWorkflowGraph.fromSpecs(busyPlan()), new ActingExecutor(), options), clock, { strategy, slots, parallelThreshold: 2 }, (run, later) =>
    // `final` waits for the answer to `ask` (t ≥ 3), so it has not started at t = 2.
    later(2, () => run().modify({ nodes: [task('late', ['w2'], { durationMs: 1 })], edges: [['late', 'final']] })),
  );
}

/** Cancelled while two long tasks run. */
export function cancelledRun(): Promise<Recorded> {
  const clock = new VirtualClock();
  const plan = [task('long1', [], { durationMs: 1000 }), task('long2', [], { durationMs: 1000 }), task('next', ['long1'], { durationMs: 1 })];
  return drive((options) => runWorkflow(ParallelWorkflowGraph.fromSpecs(plan), new ActingExecutor(), options), clock, {}, (run, later) =>
    later(10, () => run().cancel('stopped by the test')),
  );
}

/** Stopped by its time limit: the result carries stopReason. */
export function timedOutRun(): Promise<Recorded> {
  const clock = new VirtualClock();
  const plan = [task('slow', [], { durationMs: 1000 })];
  return drive((options) => runWorkflow(ParallelWorkflowGraph.fromSpecs(plan), new ActingExecutor(), options), clock, { runTimeoutMs: 50 });
}

/**
 * The host's planning note: the engine never emits `planning`; a host writes it at seq 0 before the
 * engine's log (see resumeWorkflow, which accepts it there).
 */
export const planningNote = (runId: string, taskCount: number): WorkflowEvent => ({ type: 'planning', seq: 0, runId, at: 0, message: `the test planner made ${taskCount} task(s)` });

/**
 * Resumes `log` cut just after the first task_start (that attempt is in flight, so it is redispatched),
 * behind the host's planning note. Returns the planning note and the events the resumed run added.
 */
export async function resumedRun(log: readonly WorkflowEvent[]): Promise<Recorded> {
  const cut = log.findIndex((event) => event.type === 'task_start') + 1;
  if (cut === 0) throw new Error('the log has no task_start to cut after');
  const note = planningNote(log[0].runId, busyPlan().length);
  const clock = new VirtualClock({ start: 10_000 });
  const resumed = await drive((options) => resumeWorkflow([note, ...log.slice(0, cut)], new ActingExecutor(), options), clock, { slots: new TaskSlotPool(2).lane() });
  return { run: resumed.run, events: [note, ...resumed.events] };
}
