import type { WorkflowEvent } from '@a2a-mcp/core-graph';

/** One MCP progress notification's values: tasks finished so far out of the run's tasks. */
export interface RunProgress {
  progress: number;
  total: number;
  message: string;
}

/** Why following stopped: the run ended, a task waits for an answer, or the caller gave up. */
export type FollowOutcome = 'ended' | 'paused' | 'abandoned';

export interface FollowRunOptions {
  /** The run's events from its first one (replayed, then live). */
  events: AsyncIterableIterator<WorkflowEvent>;
  /** Whether the task still waits now: a replayed pause may have been answered since. */
  isPaused(taskId: string): Promise<boolean>;
  /** Called each time a task finishes (completed, failed, skipped or cancelled), in order. */
  onProgress?(progress: RunProgress): Promise<void>;
  /** Stops following (the MCP request was cancelled or its session closed); the run goes on. */
  signal?: AbortSignal;
}

const FINISHING: Partial<Record<WorkflowEvent['type'], string>> = {
  task_complete: 'completed',
  task_failed: 'failed',
  task_skipped: 'skipped',
  task_cancelled: 'cancelled',
};

/**
 * Reads a run's events until it ends or a task pauses for input, reporting progress as tasks finish:
 * `progress` counts finished tasks, `total` is the run's task count (it grows when nodes are added).
 */
export async function followRun(options: FollowRunOptions): Promise<FollowOutcome> {
  const { events, signal } = options;
  const abandoned = abandonment(signal);
  let total = 0;
  let finished = 0;
  try {
    for (;;) {
      const next = await Promise.race([events.next(), abandoned.promise]);
      if (next === ABANDONED) return 'abandoned';
      if (next.done) return 'ended';
      const event = next.value;
      if (event.type === 'workflow_start') total = event.tasks.length;
      else if (event.type === 'graph_modified') total += event.addedNodes.length;
      else if (event.type === 'workflow_complete') return 'ended';
      else if (event.type === 'task_paused') {
        if (await options.isPaused(event.taskId)) return 'paused';
      } else {
        const verb = FINISHING[event.type];
        if (verb !== undefined && 'taskId' in event) {
          finished++;
          await options.onProgress?.({ progress: finished, total: Math.max(total, finished), message: `task ${event.taskId} ${verb}` });
        }
      }
    }
  } finally {
    abandoned.dispose();
    await events.return?.();
  }
}

const ABANDONED = Symbol('abandoned');

/** A promise that resolves when `signal` aborts, and the way to stop listening. */
function abandonment(signal: AbortSignal | undefined): { promise: Promise<typeof ABANDONED>; dispose(): void } {
  if (signal === undefined) return { promise: new Promise<never>(() => undefined), dispose: () => undefined };
  let listener: () => void = () => undefined;
  const promise = new Promise<typeof ABANDONED>((resolve) => {
    listener = () => resolve(ABANDONED);
    if (signal.aborted) resolve(ABANDONED);
    else signal.addEventListener('abort', listener, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', listener) };
}
