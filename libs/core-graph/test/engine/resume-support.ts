import {
  ParallelWorkflowGraph,
  QualityVerdict,
  RunOptions,
  RunResult,
  RunState,
  StrategyName,
  TaskContext,
  TaskError,
  TaskExecutor,
  TaskRequest,
  VirtualClock,
  WorkflowEvent,
  WorkflowNodeSpec,
  WorkflowRun,
  applyEvent,
  createRunState,
  resumeWorkflow,
  runWorkflow,
} from '../../src';
import { finishBy } from '../support/finish-run';

/**
 * What a scripted task does, from its `input`; every choice depends only on the attempt number, so
 * a resumed run's agents behave exactly as the uninterrupted run's did.
 */
export interface Script {
  durationMs?: number;
  /** The first `failTimes` attempts throw a retryable error; `failAlways` every attempt. */
  failTimes?: number;
  failAlways?: boolean;
  /** The first `lowQualityTimes` attempts return an output scored below threshold (see scoreOutput). */
  lowQualityTimes?: number;
  /** Asks for input before working; the answer goes into the output. */
  ask?: string;
  /** Reports progress halfway. */
  progress?: boolean;
}

export interface ScriptedCall {
  taskId: string;
  attempt: number;
  idempotencyKey: string;
  /** The answer the attempt's first requestInput returned. */
  answer?: unknown;
}

/** A number folded from the task id, its answer and its dependencies' outputs: wrong inputs give a wrong value. */
function outputValue(task: TaskRequest, answer: unknown): number {
  let value = 7;
  for (const ch of `${task.taskId}|${String(answer ?? '')}`) value = (value * 31 + ch.charCodeAt(0)) % 1_000_003;
  for (const id of Object.keys(task.dependencyOutputs).sort()) {
    const dep = task.dependencyOutputs[id] as { value?: number } | undefined;
    value = (value * 131 + (dep?.value ?? -1) + 1_000_003) % 1_000_003;
  }
  return value;
}

/** Deterministic agents driven by the task's input (a Script); records every call. */
export class ScriptedExecutor implements TaskExecutor {
  readonly calls: ScriptedCall[] = [];
  running = 0;
  maxRunning = 0;

  async execute(task: TaskRequest, ctx: TaskContext): Promise<unknown> {
    const call: ScriptedCall = { taskId: task.taskId, attempt: ctx.attempt, idempotencyKey: ctx.idempotencyKey };
    this.calls.push(call);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      const script = task.input as Script;
      let answer: unknown;
      if (script.ask !== undefined) call.answer = answer = await ctx.requestInput(script.ask);
      const duration = script.durationMs ?? 0;
      if (script.progress) {
        await ctx.sleep(duration / 2);
        ctx.progress(50, 'halfway');
        await ctx.sleep(duration - duration / 2);
      } else if (duration > 0) await ctx.sleep(duration);
      if (script.failAlways || ctx.attempt <= (script.failTimes ?? 0)) {
        throw new TaskError('SCRIPTED_FAILURE', `${task.taskId} failed on attempt ${ctx.attempt}`);
      }
      const score = ctx.attempt <= (script.lowQualityTimes ?? 0) ? 0.1 : 0.9;
      return { value: outputValue(task, answer), score };
    } finally {
      this.running--;
    }
  }

  callsOf(taskId: string): ScriptedCall[] {
    return this.calls.filter((call) => call.taskId === taskId);
  }
}

/** Judges a scripted output: approved from a score of 0.5. */
export const scoreOutput = (_task: TaskRequest, output: unknown): QualityVerdict | undefined => {
  const score = (output as { score?: number } | undefined)?.score;
  return score === undefined ? undefined : { score, approved: score >= 0.5 };
};

export const answerFor = (taskId: string): string => `answer for ${taskId}`;

/** Options both the first run and a resumed one take (the log does not hold them). */
export const sharedOptions = (clock: VirtualClock): RunOptions => ({
  clock,
  random: () => 0.5,
  retry: { qualityRetries: 1, baseDelayMs: 4, maxDelayMs: 16 },
  scoreOutput,
});

/**
 * Answers every paused task a few virtual ms after it pauses. A refused answer is kept in `refused`
 * (thrown from a timer it would stop the virtual clock and hang the test instead of failing it).
 */
export function answerPauses(run: () => WorkflowRun | undefined, clock: VirtualClock, refused: unknown[]): (event: WorkflowEvent) => void {
  return (event) => {
    if (event.type === 'task_paused') answerLater(run, event.taskId, clock, refused);
  };
}

function answerLater(run: () => WorkflowRun | undefined, taskId: string, clock: VirtualClock, refused: unknown[]): void {
  clock.setTimer(3, () => {
    try {
      run()?.resume(taskId, answerFor(taskId));
    } catch (error) {
      refused.push(error);
    }
  });
}

/** Fails with the first refused answer, if any. */
function expectNoneRefused(refused: readonly unknown[]): void {
  if (refused.length > 0) throw refused[0];
}

export interface Recorded {
  runId: string;
  events: WorkflowEvent[];
  result: RunResult;
  executor: ScriptedExecutor;
}

/** Runs a plan to its end on a virtual clock, answering pauses; the events are the log a store would keep. */
export async function recordRun(specs: WorkflowNodeSpec[], strategy: StrategyName, options: RunOptions = {}): Promise<Recorded> {
  const clock = new VirtualClock();
  const executor = new ScriptedExecutor();
  const events: WorkflowEvent[] = [];
  const refused: unknown[] = [];
  // Read only from timers, once the run exists.
  const answer = answerPauses(() => run, clock, refused);
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs), executor, {
    ...sharedOptions(clock),
    strategy,
    ...options,
    onEvent: (event) => {
      events.push(event);
      answer(event);
    },
  });
  const result = await finishBy(run, clock, 1_000_000);
  expectNoneRefused(refused);
  return { runId: run.runId, events, result, executor };
}

export interface Resumed {
  run: WorkflowRun;
  /** Events the resumed run emitted (through onEvent). */
  added: WorkflowEvent[];
  result: RunResult;
  executor: ScriptedExecutor;
  clock: VirtualClock;
}

/** Resumes a log on a fresh executor and clock (starting at `startAt`), answering pauses, and drives it to its end. */
export async function resumeToEnd(log: readonly WorkflowEvent[], options: RunOptions = {}, startAt = 10_000): Promise<Resumed> {
  const clock = new VirtualClock({ start: startAt });
  const executor = new ScriptedExecutor();
  const added: WorkflowEvent[] = [];
  const refused: unknown[] = [];
  const answer = answerPauses(() => run, clock, refused);
  const run = resumeWorkflow(log, executor, {
    ...sharedOptions(clock),
    ...options,
    onEvent: (event) => {
      added.push(event);
      answer(event);
    },
  });
  // Tasks paused in the log get their answer as a person would give it after the restart (those
  // that paused while the run was handed over are answered through onEvent).
  const pausedSince = new Set(added.filter((e) => e.type === 'task_paused').map((e) => (e as { taskId: string }).taskId));
  for (const id of run.state.order) {
    if (run.state.tasks[id].status === 'paused' && !pausedSince.has(id)) answerLater(() => run, id, clock, refused);
  }
  const result = await finishBy(run, clock, startAt + 1_000_000);
  expectNoneRefused(refused);
  return { run, added, result, executor, clock };
}

/** The log folded from nothing. */
export function fold(events: readonly WorkflowEvent[]): RunState {
  const state = createRunState(events[0].runId);
  for (const event of events) applyEvent(state, event);
  return state;
}

/** Reads a run's replay log from `afterSeq` to its end. */
export async function replay(run: WorkflowRun, afterSeq = 0): Promise<WorkflowEvent[]> {
  const events: WorkflowEvent[] = [];
  for await (const event of run.events(afterSeq)) events.push(event);
  return events;
}

/** Per task, what an uninterrupted and a resumed run must agree on. */
export function outcomes(result: RunResult): Record<string, { status: string; attempts: number; output: unknown; error?: string }> {
  const out: Record<string, { status: string; attempts: number; output: unknown; error?: string }> = {};
  for (const [id, task] of Object.entries(result.tasks)) {
    out[id] = { status: task.status, attempts: task.attempts, output: task.output, ...(task.error ? { error: task.error.code } : {}) };
  }
  return out;
}
