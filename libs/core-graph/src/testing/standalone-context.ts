import { VirtualClock } from '../clock/virtual-clock';
import type { ArtifactPart, TaskContext, TaskRequest } from '../engine/task-executor';

export interface StandaloneContextOptions {
  runId?: string;
  taskId?: string;
  attempt?: number;
  /** Start of the virtual clock (default 0). */
  start?: number;
  /** What `requestInput` answers; without it, a request for input rejects (most agents never ask). */
  answer?: (question: string) => unknown;
}

/** A TaskContext outside the engine, with what the agent reported. */
export interface StandaloneContext {
  ctx: TaskContext;
  /** Sleeps run on it: they resolve without real waiting (it auto-advances when idle). */
  clock: VirtualClock;
  /** Abort it to cancel the agent as the engine would (ctx.signal, pending sleeps reject). */
  controller: AbortController;
  progress: { pct: number; message?: string }[];
  artifacts: ArtifactPart[];
  sleeps: number[];
  questions: string[];
}

/**
 * Runs an agent without an engine — in its own unit tests, a benchmark, a REPL. The context honours
 * the contract: `sleep` waits on a VirtualClock and rejects once `controller` aborts, progress and
 * artifacts are recorded.
 */
export function createStandaloneContext(options: StandaloneContextOptions = {}): StandaloneContext {
  const clock = new VirtualClock({ start: options.start ?? 0 });
  const controller = new AbortController();
  const runId = options.runId ?? 'run-1';
  const taskId = options.taskId ?? 'task-1';
  const attempt = options.attempt ?? 1;
  const recorded: Omit<StandaloneContext, 'ctx' | 'clock' | 'controller'> = { progress: [], artifacts: [], sleeps: [], questions: [] };
  const ctx: TaskContext = {
    runId,
    taskId,
    attempt,
    idempotencyKey: `${runId}/${taskId}/${attempt}`,
    signal: controller.signal,
    progress: (pct, message) => recorded.progress.push(message === undefined ? { pct } : { pct, message }),
    artifact: (part) => recorded.artifacts.push(part),
    requestInput: (question) => {
      recorded.questions.push(question);
      return options.answer ? Promise.resolve(options.answer(question)) : Promise.reject(new Error(`task "${taskId}" asked for input: ${question}`));
    },
    sleep: (ms) => {
      recorded.sleeps.push(ms);
      return clock.sleep(ms, controller.signal);
    },
    now: () => clock.now(),
  };
  return { ctx, clock, controller, ...recorded };
}

/** A TaskRequest with defaults for everything not given. */
export function createTaskRequest(overrides: Partial<TaskRequest> = {}): TaskRequest {
  return {
    runId: 'run-1',
    taskId: 'task-1',
    description: 'a task',
    agent: 'simulator',
    input: {},
    dependencyOutputs: {},
    metadata: {},
    ...overrides,
  };
}
