import { VirtualClock, type ArtifactPart, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';

export interface ProgressReport {
  pct: number;
  message?: string;
}

/** A TaskContext on a VirtualClock that records what the agent reported. */
export interface TestContext {
  ctx: TaskContext;
  clock: VirtualClock;
  controller: AbortController;
  progress: ProgressReport[];
  artifacts: ArtifactPart[];
  sleeps: number[];
}

export function createTestContext(
  options: { attempt?: number; runId?: string; taskId?: string; start?: number } = {},
): TestContext {
  const clock = new VirtualClock({ start: options.start ?? 0 });
  const controller = new AbortController();
  const progress: ProgressReport[] = [];
  const artifacts: ArtifactPart[] = [];
  const sleeps: number[] = [];
  const runId = options.runId ?? 'run-1';
  const taskId = options.taskId ?? 'task-1';
  const attempt = options.attempt ?? 1;
  const ctx: TaskContext = {
    runId,
    taskId,
    attempt,
    idempotencyKey: `${runId}/${taskId}/${attempt}`,
    signal: controller.signal,
    progress: (pct, message) => progress.push({ pct, message }),
    artifact: (part) => artifacts.push(part),
    requestInput: () => Promise.reject(new Error('requestInput is not used by these agents')),
    sleep: (ms) => {
      sleeps.push(ms);
      return clock.sleep(ms, controller.signal);
    },
    now: () => clock.now(),
  };
  return { ctx, clock, controller, progress, artifacts, sleeps };
}

export function taskRequest(overrides: Partial<TaskRequest> = {}): TaskRequest {
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
