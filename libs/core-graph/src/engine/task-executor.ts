import { NodeMetadata } from '../graph/workflow-node';

/** What an agent receives for one attempt of a task. */
export interface TaskRequest {
  runId: string;
  taskId: string;
  description: string;
  agent: string;
  input: Record<string, unknown>;
  /** Outputs of the task's dependencies, keyed by dependency id. */
  dependencyOutputs: Record<string, unknown>;
  metadata: NodeMetadata;
}

/** A piece of output streamed before the task completes (the original framework's PHASE 7 artifacts). */
export interface ArtifactPart {
  name?: string;
  mimeType?: string;
  data: unknown;
}

/** Everything the engine lends an agent for one attempt. */
export interface TaskContext {
  runId: string;
  taskId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** `runId/taskId/attempt`: stable across a re-dispatch of the same attempt, so agents can de-duplicate. */
  idempotencyKey: string;
  /** Aborted on run cancellation or when this attempt times out. */
  signal: AbortSignal;
  progress(pct: number, message?: string): void;
  artifact(part: ArtifactPart): void;
  /** Pauses the task (status `paused`) until the run is resumed with an answer. */
  requestInput(question: string): Promise<unknown>;
  /** Waits on the run's clock (virtual in tests); rejects when `signal` aborts. */
  sleep(ms: number): Promise<void>;
  now(): number;
  /**
   * Names where this attempt ran (a remote replica's id), for the run's record: `servedBy` on
   * `task_complete` and in the result. Optional: transports call it, agents need not.
   */
  servedBy?(where: string): void;
}

/**
 * Runs a task on the agent it names. The engine knows no agents: a registry, a remote transport
 * or a test double implements this. A thrown error fails the attempt; the returned value is the output.
 */
export interface TaskExecutor {
  execute(task: TaskRequest, ctx: TaskContext): Promise<unknown>;
}

/** An error that carries a stable code, for agents to explain a failure. */
export class TaskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** false: retrying cannot help (bad input, unknown agent); the engine fails the task at once. */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}
