import { Clock } from '../clock/clock';
import type { TaskSlots } from '../concurrency/task-slot-pool';
import { QualityPolicy, QualityVerdict, StrategyName, WorkflowEvent } from '../events/workflow-event';
import { TaskRequest } from './task-executor';

export interface RetryOptions {
  /** Retries after the first attempt when a task sets no `maxRetries` (default 0). */
  defaultMaxRetries?: number;
  /**
   * Re-runs a task gets when its output scores below threshold under the `retry` quality policy
   * (default 2). A budget apart from the error retries, so `retry` does not act as `fail`.
   */
  qualityRetries?: number;
  /** Backoff before retry n is uniform in [0, min(maxDelayMs, baseDelayMs · 2^(n−1))] ("full jitter"). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RunOptions {
  runId?: string;
  /** Default: the graph's own strategy (WorkflowGraph sequential, ParallelWorkflowGraph parallel). */
  strategy?: StrategyName;
  /** Why this strategy was chosen; reported in `plan_ready`. */
  strategyReason?: string;
  /** Most tasks running at once (default unbounded). Paused tasks do not hold a slot. */
  maxConcurrency?: number;
  /** Parallel strategy: a level runs concurrently only with at least this many tasks (default: the graph's, else 3). */
  parallelThreshold?: number;
  /**
   * A shared pool of agent-call slots (e.g. `new TaskSlotPool(64).lane()`, one lane per run): a
   * dispatched task is `queued` until the pool grants it a slot; its timeout starts with the attempt.
   */
  slots?: TaskSlots;
  /** Cancels the run when aborted; the abort reaches every running agent. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Source of jitter in [0, 1); inject a seeded one for reproducible tests. */
  random?: () => number;
  retry?: RetryOptions;
  /**
   * Timeout per attempt when a task sets no `timeoutMs`, in ms up to 2^31 − 1, or Infinity for none
   * (default DEFAULT_TASK_TIMEOUT_MS: one hour, the original Python framework's default).
   */
  defaultTimeoutMs?: number;
  /** The whole run's time limit: when it passes, unfinished tasks are cancelled and the result says RUN_TIMEOUT. */
  runTimeoutMs?: number;
  /**
   * Scores an output. An unapproved verdict fails the attempt when the policy (the task's
   * `qualityPolicy`, else this run's) is `retry` or `fail`, and is only reported under `warn` (the
   * default). Without a scorer, a numeric `qualityScore` (or `confidence`) field of the output is
   * reported as the score and judged against the task's `qualityThreshold`.
   */
  scoreOutput?: (task: TaskRequest, output: unknown) => QualityVerdict | undefined;
  qualityPolicy?: QualityPolicy;
  /** Called synchronously for every event, before async iterators see it (stores, progress bars). */
  onEvent?: (event: WorkflowEvent) => void;
}
