import { randomUUID } from 'node:crypto';
import { Clock, MAX_TIMER_MS, TimerHandle, abortReason } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { FifoQueue } from '../collections/fifo-queue';
import type { SlotPermit, TaskSlots } from '../concurrency/task-slot-pool';
import { RunState, TaskState, applyEventFor, createRunState, summarizeRun } from '../events/run-state';
import {
  QualityVerdict,
  RunResult,
  StrategyName,
  TaskCompleteEvent,
  TaskErrorInfo,
  TaskStartEvent,
  WorkflowEvent,
  WorkflowEventInput,
} from '../events/workflow-event';
import { IntLists } from '../collections/int-lists';
import { RankedQueue } from '../collections/ranked-queue';
import { DagIndex, LevelPlan, ReadonlyIntLists, levelPlan, levelsAsIds, longestPath, rankArray } from '../graph/dag';
import { subgraphSpecs } from '../graph/dynamic-workflow-graph';
import { GraphError } from '../graph/graph-errors';
import { DEFAULT_PARALLEL_THRESHOLD, ParallelWorkflowGraph } from '../graph/parallel-workflow-graph';
import { WorkflowGraph } from '../graph/workflow-graph';
import { TERMINAL_STATUSES, WorkflowNode, WorkflowNodeSpec, priorityValue } from '../graph/workflow-node';
import { AttemptContext, AttemptHost } from './attempt-context';
import { ResumePoint, readResumeLog } from './resume-log';
import { RestoredPause, RestoredPauses } from './restored-pauses';
import { RunError } from './run-errors';
import { RunOptions } from './run-options';
import { ArtifactPart, TaskError, TaskExecutor, TaskRequest } from './task-executor';
import { GraphChange, WorkflowRun } from './workflow-run';

/** Scheduler bookkeeping per task; the task's visible state lives in RunState (`state`). */
interface TaskRecord {
  readonly id: string;
  readonly index: number;
  readonly node: WorkflowNode;
  readonly state: TaskState;
  readonly exclusive: boolean;
  readonly priority: number;
  /** In the ready heap / level queue (entries are removed lazily). */
  queued: boolean;
  /** Level the task was scheduled in (parallel strategy), -1 when none. */
  level: number;
  current: AttemptContext | undefined;
  retryTimer: TimerHandle | undefined;
  request: TaskRequest | undefined;
  /** Retries spent on errors and on low-quality outputs (separate budgets). */
  errorRetries: number;
  qualityRetries: number;
}

const DEFAULT_RETRY_BASE_MS = 50;
const DEFAULT_RETRY_MAX_MS = 2000;
/** The original Python framework's default task timeout: one hour per attempt. */
export const DEFAULT_TASK_TIMEOUT_MS = 3_600_000;
/** Retries a low-quality output gets under the `retry` policy when RunOptions.retry says nothing. */
export const DEFAULT_QUALITY_RETRIES = 2;
/** Task starts between two yields to the event loop: I/O keeps being served while a huge run starts. */
const STARTS_PER_TURN = 256;

/** Starts a run of `graph` on `executor`. Throws GraphError synchronously if the graph is invalid. */
export function runWorkflow(graph: WorkflowGraph, executor: TaskExecutor, options: RunOptions = {}): WorkflowRun {
  const run = new WorkflowRunner(graph, executor, options);
  run.start();
  return run;
}

/**
 * Continues, in this process, a run whose process stopped, from its durable log (`events`: seq 1 … n
 * without gaps, starting with workflow_start; a seq-0 planning note first is allowed). Same runId;
 * the events become the run's state and replay log (`events(afterSeq)` replays them) and new ones
 * go on at seq n + 1; nothing logged is emitted again, to `onEvent` either.
 *
 * - The graph is workflow_start's tasks plus every graph_modified; strategy, maxConcurrency and
 *   parallelThreshold come from workflow_start (`options` may set the latter two, not the strategy).
 * - Time: `at` goes on from the last event's `at`; the time the run was down counts as zero.
 *   `runTimeoutMs` counts what had already run (a log at or past the limit stops the run at once).
 * - Completed, failed, skipped and cancelled tasks never run again; completed outputs feed dependents.
 * - A task in flight (started, resumed, or queued for a slot) is sent again under the same attempt
 *   number, so `ctx.idempotencyKey` is unchanged; its task_start says `redispatched: true`. It gets a
 *   full timeout. A task waiting out a retry backoff runs again at once, as its next attempt; the
 *   retries it spent count against its budgets.
 * - A paused task stays paused (no agent call). `resume(taskId, answer)` sends its attempt again,
 *   and that attempt's first `requestInput` returns the answer without pausing.
 * - Parallel: a level the log left open runs to its end before the next one opens.
 * - A log ending in workflow_complete gives a finished run with that result; one ending while the
 *   run was being stopped (a task_cancelled, no workflow_complete) cancels what is left and ends
 *   `cancelled`, or with the RUN_TIMEOUT stop reason when `runTimeoutMs` had passed.
 *
 * Throws RunError (RESUME_EMPTY_LOG, RESUME_NO_START, RESUME_SEQ_GAP, RESUME_RUN_MISMATCH,
 * RESUME_UNKNOWN_TASK, RESUME_BAD_EVENT) or GraphError for a log it cannot continue.
 */
export function resumeWorkflow(events: readonly WorkflowEvent[], executor: TaskExecutor, options: RunOptions = {}): WorkflowRun {
  const point = readResumeLog(events);
  if (options.runId !== undefined && options.runId !== point.runId) {
    throw new RunError('RESUME_RUN_MISMATCH', `cannot resume run ${point.runId} under the runId ${options.runId}`);
  }
  const start = point.start;
  const run = new WorkflowRunner(
    point.graph,
    executor,
    {
      ...options,
      runId: point.runId,
      strategy: start.strategy,
      maxConcurrency: options.maxConcurrency ?? loggedLimit(start.maxConcurrency),
      parallelThreshold: options.parallelThreshold ?? loggedLimit(start.parallelThreshold),
    },
    point.state,
  );
  run.restore(point);
  return run;
}

/**
 * The scheduler behind every strategy. Event-driven: a task's settlement updates in-degree
 * counters (via the state fold), pushes newly ready tasks to a priority queue and fills free
 * slots — no scans over the graph per completion.
 *
 * A dispatched task holds one of the run's own slots (`maxConcurrency`); when the run draws from a
 * shared pool (`slots`), it is `queued` until the pool grants it a slot, and only then starts: its
 * timeout and duration count from that real start, and the wait is reported as `queueWaitMs`.
 */
class WorkflowRunner implements WorkflowRun, AttemptHost {
  readonly runId: string;
  readonly result: Promise<RunResult>;
  readonly state: RunState;

  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly strategy: StrategyName;
  private readonly maxConcurrency: number;
  private readonly parallelThreshold: number;
  private readonly defaultTimeoutMs: number;
  private readonly slots: TaskSlots | undefined;
  /** Only on a run resumed from its log, while it has tasks that were paused there (see resumeWorkflow). */
  private restoredPauses: RestoredPauses | undefined;
  /** By graph position (a task's `index`): the engine walks edges as positions, never by id. */
  private records: TaskRecord[] = [];
  // The graph's edge lists (the same objects for the graph's lifetime; they grow with it).
  private dependencyLists: ReadonlyIntLists;
  private dependentLists: ReadonlyIntLists;
  /** Ready tasks by position: hybrid by rank, else plan order (rank and priority left at 0). */
  private ready = new RankedQueue();
  /** Hybrid: each task's upward rank, by position (recomputed when the graph changes). */
  private ranks: Float64Array = new Float64Array(0);
  private log: WorkflowEvent[] = [];
  /** After compaction the log no longer holds every seq: replay filters instead of indexing. */
  private compacted = false;
  // An array, not a Set: iterating it per event allocates no iterator.
  private listeners: ((event: WorkflowEvent) => void)[] = [];
  private waiters: (() => void)[] = [];
  private resolveResult!: (result: RunResult) => void;
  private unlinkExternalSignal: (() => void) | undefined;
  private runTimer: TimerHandle | undefined;
  private stopReason: TaskErrorInfo | undefined;
  private t0 = 0;
  private seq = 0;
  private running = 0;
  private exclusiveRunning = false;
  private cancelled = false;
  private halted = false;
  private done = false;
  private startsThisTurn = 0;
  private yieldPending = false;
  // Parallel strategy: the level being run and the tasks that became ready for the next one.
  private levelIndex = -1;
  private levelOpen = 0;
  private levelStartedAt = 0;
  private levelConcurrent = false;
  private levelQueue = new FifoQueue<TaskRecord>();
  private nextLevel: TaskRecord[] = [];

  constructor(
    private graph: WorkflowGraph,
    private readonly executor: TaskExecutor,
    private readonly options: RunOptions,
    /** A resumed run's state, folded from its log. */
    state?: RunState,
  ) {
    this.runId = options.runId ?? randomUUID();
    this.state = state ?? createRunState(this.runId);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.strategy = options.strategy ?? graph.defaultStrategy;
    this.maxConcurrency = this.strategy === 'sequential' ? 1 : positiveOr(options.maxConcurrency, Infinity, 'maxConcurrency');
    const graphThreshold = graph instanceof ParallelWorkflowGraph ? graph.parallelThreshold : DEFAULT_PARALLEL_THRESHOLD;
    this.parallelThreshold = positiveOr(options.parallelThreshold, graphThreshold, 'parallelThreshold');
    this.defaultTimeoutMs = timeoutOr(options.defaultTimeoutMs, DEFAULT_TASK_TIMEOUT_MS, 'defaultTimeoutMs');
    if (options.runTimeoutMs !== undefined) timeoutOr(options.runTimeoutMs, Infinity, 'runTimeoutMs');
    this.slots = options.slots;
    const index = graph.dagIndex();
    this.dependencyLists = index.dependencies;
    this.dependentLists = index.dependents;
    this.result = new Promise<RunResult>((resolve) => (this.resolveResult = resolve));
  }

  get finished(): boolean {
    return this.done;
  }

  start(): void {
    const index = this.graph.dagIndex();
    const plan = levelPlan(index, this.graph); // throws CycleError before anything starts
    this.t0 = this.clock.now();
    if (this.options.onEvent) this.listeners.push(this.options.onEvent);
    const specs = this.graph.toSpecs();
    this.emit({
      type: 'workflow_start',
      strategy: this.strategy,
      maxConcurrency: this.maxConcurrency,
      parallelThreshold: this.parallelThreshold,
      tasks: specs,
    });
    for (let position = 0; position < this.graph.size; position++) this.addRecord(position);
    const weights = this.weights();
    this.computeRanks(index, plan, weights);
    this.emitPlanReady(index, plan, weights);
    if (!this.linkSignal()) return;
    const runTimeoutMs = this.options.runTimeoutMs;
    if (runTimeoutMs !== undefined) this.armRunTimer(runTimeoutMs, runTimeoutMs);
    for (const record of this.records) this.enqueueIfReady(record);
    this.pump();
    this.finishIfDone();
  }

  /**
   * Goes on from a run's log instead of starting (see resumeWorkflow); `state` is already its fold.
   * The clock is shifted so that `at` continues from the last event: the downtime counts as zero.
   */
  restore(point: ResumePoint): void {
    this.log = point.events;
    this.seq = point.lastSeq;
    this.t0 = this.clock.now() - point.lastAt;
    if (point.finished) {
      this.done = true;
      this.slots?.close();
      this.releaseScheduling();
      this.resolveResult(this.state.result as RunResult);
      return;
    }
    const index = this.graph.dagIndex();
    const plan = levelPlan(index, this.graph);
    if (this.options.onEvent) this.listeners.push(this.options.onEvent);
    for (let position = 0; position < this.graph.size; position++) this.addRecord(position);
    for (const [id, spent] of point.spentRetries) {
      const record = this.recordOf(id) as TaskRecord;
      record.errorRetries = spent.errors;
      record.qualityRetries = spent.quality;
    }
    const weights = this.weights();
    this.computeRanks(index, plan, weights);
    // plan_ready follows workflow_start in the same turn: only a log cut between the two lacks it.
    if (!point.planned) this.emitPlanReady(index, plan, weights);
    const runTimeoutMs = this.options.runTimeoutMs;
    // The time limit counts what the run had already used.
    const remainingMs = runTimeoutMs === undefined ? Infinity : runTimeoutMs - point.lastAt;
    if (remainingMs <= 0) return this.timeOut(runTimeoutMs as number);
    if (point.haltReason !== undefined) return this.cancel(point.haltReason);
    if (!this.linkSignal()) return;
    if (runTimeoutMs !== undefined) this.armRunTimer(remainingMs, runTimeoutMs);
    this.finishBursts(point, plan.order);
    this.restoreScheduling(point);
    this.pump();
    this.finishIfDone();
  }

  /**
   * What the engine does in the same turn as an event, done now in case the log ends halfway: the
   * dependents of a failed task are skipped, and a sequential run stops at its first failure.
   */
  private finishBursts(point: ResumePoint, order: Int32Array): void {
    let failed: string | undefined;
    for (const position of order) {
      const record = this.records[position];
      const task = record.state;
      if (task.status === 'failed') failed ??= record.id;
      if (TERMINAL_STATUSES.has(task.status)) continue;
      for (const dep of task.dependencies) {
        const status = this.state.tasks[dep].status;
        if (status !== 'failed' && status !== 'skipped') continue;
        const cause = status === 'failed' ? dep : point.skipCauses.get(dep) ?? dep;
        point.skipCauses.set(record.id, cause);
        this.emit({ type: 'task_skipped', taskId: record.id, reason: 'dependency_failed', cause }, task);
        break;
      }
    }
    if (failed === undefined || this.strategy !== 'sequential') return;
    for (const id of this.state.order) {
      if (!TERMINAL_STATUSES.has(this.state.tasks[id].status)) this.emit({ type: 'task_skipped', taskId: id, reason: 'run_stopped', cause: failed });
    }
  }

  /** Puts the logged tasks back where the scheduler had them: in flight, paused, in the open level, ready. */
  private restoreScheduling(point: ResumePoint): void {
    const open = this.strategy === 'parallel' ? point.openLevel : undefined;
    if (this.strategy === 'parallel') this.levelIndex = point.lastLevel;
    if (open) {
      this.levelStartedAt = this.t0 + open.at;
      this.levelConcurrent = open.concurrent;
      for (const id of open.taskIds) {
        const record = this.recordOf(id) as TaskRecord;
        const status = record.state.status;
        // A task rewired out of the level (it waits for a new dependency) has left it.
        if (status !== 'running' && status !== 'queued' && status !== 'paused' && !this.isRunnable(record)) continue;
        record.level = open.level;
        this.levelOpen++;
      }
    }
    const pauses = new RestoredPauses();
    const inFlight: TaskRecord[] = [];
    for (const record of this.records) {
      const status = record.state.status;
      if (status === 'running' || status === 'queued') inFlight.push(record);
      else if (status === 'paused') {
        pauses.add(record.id, record.state.attempts);
        // Under `sequential` a paused task keeps the run's one slot (see pauseForInput).
        if (this.strategy === 'sequential') this.takeSlot(record);
      }
    }
    if (!pauses.empty) this.restoredPauses = pauses;
    if (open && this.levelOpen === 0) {
      this.emit({ type: 'level_complete', level: open.level, durationMs: this.clock.now() - this.levelStartedAt });
    }
    // They held slots before the restart; a queued one never started, so its attempt is the next one.
    for (const record of inFlight) {
      this.dispatch(record, record.state.status === 'queued' ? record.state.attempts + 1 : record.state.attempts);
    }
    for (const record of this.records) this.enqueueIfReady(record);
  }

  private emitPlanReady(index: DagIndex, plan: LevelPlan, weights: Float64Array): void {
    const estimate = longestPath(index, plan.order, weights);
    this.emit({
      type: 'plan_ready',
      strategy: this.strategy,
      reason: this.options.strategyReason ?? 'requested',
      levels: levelsAsIds(plan, this.graph.ids),
      estimatedCriticalPath: estimate.path.map((position) => this.records[position].id),
      estimatedCriticalPathMs: estimate.length,
    });
  }

  /** Cancels the run with `options.signal`; false when it is already aborted (the run is then cancelled). */
  private linkSignal(): boolean {
    const external = this.options.signal;
    if (!external) return true;
    if (external.aborted) {
      this.cancel(abortReason(external).message);
      return false;
    }
    const onAbort = (): void => this.cancel(abortReason(external).message);
    external.addEventListener('abort', onAbort, { once: true });
    this.unlinkExternalSignal = () => external.removeEventListener('abort', onAbort);
    return true;
  }

  /** Stops the run after `delayMs`, reporting the time limit `limitMs`. */
  private armRunTimer(delayMs: number, limitMs: number): void {
    if (delayMs === Infinity) return;
    this.runTimer = this.clock.setTimer(delayMs, () => {
      this.runTimer = undefined;
      this.timeOut(limitMs);
    });
  }

  private timeOut(limitMs: number): void {
    this.halt(new TaskError('RUN_TIMEOUT', `the run exceeded its time limit of ${limitMs} ms`, false), false);
  }

  // ---- commands ----------------------------------------------------------------------------

  cancel(reason = 'cancelled'): void {
    this.halt(new TaskError('CANCELLED', reason, false), true);
  }

  /** Stops the run: every unfinished task is cancelled; `asCancel` false reports why (run timeout). */
  private halt(error: TaskError, asCancel: boolean): void {
    if (this.done || this.halted) return;
    this.halted = true;
    this.cancelled = asCancel;
    if (!asCancel) this.stopReason = { code: error.code, message: error.message };
    // Queued tasks leave the pool's queue with the run (one call, not a listener per waiting task).
    this.slots?.close(error);
    for (const record of this.records) {
      if (TERMINAL_STATUSES.has(record.state.status)) continue;
      this.abandonAttempt(record, error);
      this.emit({ type: 'task_cancelled', taskId: record.id, reason: error.message });
    }
    this.running = 0;
    this.finishIfDone();
  }

  resume(taskId: string, answer: unknown): void {
    if (this.done) throw new RunError('RUN_FINISHED', `run ${this.runId} has finished`, taskId);
    const record = this.recordOf(taskId);
    if (!record) throw new RunError('UNKNOWN_TASK', `run ${this.runId} has no task "${taskId}"`, taskId);
    const attempt = record.current;
    const pending = attempt?.pendingInput;
    const restored = attempt ? undefined : this.restoredPauses?.get(taskId);
    if (restored) return this.answerRestoredPause(record, restored, answer);
    if (!attempt || !pending || attempt.answering) {
      const what = attempt?.answering ? 'already answered and waits for a slot' : `${record.state.status}, not waiting for input`;
      throw new RunError('NOT_PAUSED', `task "${taskId}" is ${what}`, taskId);
    }
    attempt.answering = true;
    const goOn = (permit: SlotPermit | undefined): void => {
      attempt.answering = false;
      if (attempt.settled || attempt.pendingInput !== pending) {
        permit?.release();
        return;
      }
      attempt.permit = permit;
      attempt.pendingInput = undefined;
      this.emit({ type: 'task_resumed', taskId });
      if (this.strategy !== 'sequential') this.takeSlot(record);
      if (attempt.timerBudgetMs > 0) this.armTimeout(attempt, attempt.timerBudgetMs);
      pending.resolve(answer);
    };
    const permit = this.slots?.tryAcquire();
    if (!this.slots || permit) return goOn(permit);
    this.slots.acquire().then(goOn, () => (attempt.answering = false));
  }

  /** Answers a task that was paused when the run's previous process stopped: its attempt is sent again. */
  private answerRestoredPause(record: TaskRecord, pause: RestoredPause, answer: unknown): void {
    if (pause.answering) throw new RunError('NOT_PAUSED', `task "${record.id}" is already answered and waits for a slot`, record.id);
    pause.answering = true;
    const goOn = (permit: SlotPermit | undefined): void => {
      pause.answering = false;
      if (this.done || this.halted || record.state.status !== 'paused') {
        permit?.release();
        return;
      }
      this.restoredPauses?.answered(record.id, answer);
      this.emit({ type: 'task_resumed', taskId: record.id });
      if (this.strategy !== 'sequential') this.takeSlot(record);
      this.startAttempt(record, permit, 0, pause.attempt);
    };
    const permit = this.slots?.tryAcquire();
    if (!this.slots || permit) return goOn(permit);
    this.slots.acquire().then(goOn, () => (pause.answering = false));
  }

  modify(change: GraphChange): void {
    if (this.done) throw new GraphError('RUN_FINISHED', `run ${this.runId} has finished; the graph can no longer change`);
    const specs = (change.nodes ?? []).map((spec) => ({ ...spec, dependencies: [...(spec.dependencies ?? [])] }));
    const edges = change.edges ?? [];
    this.graph.applyChange(specs, edges, (id) => this.refuseRewire(id));
    this.emit({ type: 'graph_modified', addedNodes: specs, addedEdges: edges.map(([from, to]) => [from, to]) });
    for (let position = this.records.length; position < this.graph.size; position++) this.addRecord(position);
    if (this.strategy === 'hybrid') {
      // New nodes and edges change the ranks of the tasks upstream of them.
      const index = this.graph.dagIndex();
      this.computeRanks(index, levelPlan(index, this.graph), this.weights());
      this.rebuildReadyHeap();
    }
    // A new dependency on a task that can no longer complete dooms the dependent.
    const touched = [...specs.map((s) => s.id), ...edges.map(([, to]) => to)];
    for (const id of touched) {
      const record = this.recordOf(id) as TaskRecord;
      if (TERMINAL_STATUSES.has(record.state.status)) continue;
      const doomedBy = record.state.dependencies.find((dep) => {
        const status = this.state.tasks[dep].status;
        return status === 'failed' || status === 'skipped' || status === 'cancelled';
      });
      if (doomedBy) this.skipFrom(record, doomedBy);
      else this.enqueueIfReady(record);
    }
    this.pump();
    this.finishIfDone();
  }

  addNode(spec: WorkflowNodeSpec): void {
    this.modify({ nodes: [spec] });
  }

  addEdge(from: string, to: string): void {
    this.modify({ edges: [[from, to]] });
  }

  addSubgraph(subgraph: WorkflowGraph | readonly WorkflowNodeSpec[], options: { dependsOn?: readonly string[] } = {}): void {
    this.modify({ nodes: subgraphSpecs(subgraph, options.dependsOn ?? []) });
  }

  compactLog(): void {
    if (!this.done || this.compacted) return;
    this.compacted = true;
    this.log = this.log.filter((event) => event.type === 'workflow_start' || event.type === 'plan_ready' || event.type === 'workflow_complete');
  }

  // ---- event stream ------------------------------------------------------------------------

  subscribe(listener: (event: WorkflowEvent) => void): () => void {
    if (this.done) return () => undefined;
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WorkflowEvent> {
    return this.events(0);
  }

  events(afterSeq = 0): AsyncIterableIterator<WorkflowEvent> {
    // Until compaction log[i] has seq i + 1, so the cursor is an index.
    let cursor = Math.max(0, Math.floor(afterSeq));
    if (this.compacted) cursor = firstAfter(this.log, afterSeq);
    const iterator: AsyncIterableIterator<WorkflowEvent> = {
      next: (): Promise<IteratorResult<WorkflowEvent>> => {
        if (cursor < this.log.length) return Promise.resolve({ value: this.log[cursor++], done: false });
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiters.push(() => resolve(iterator.next())));
      },
      return: (): Promise<IteratorResult<WorkflowEvent>> => {
        cursor = Number.MAX_SAFE_INTEGER;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** `task`: the event's task state when the caller holds it, so the fold need not look it up. */
  private emit(input: WorkflowEventInput, task?: TaskState): void {
    // Stamp in place instead of spreading: one object per event on the hot path.
    const event = input as WorkflowEvent;
    event.seq = ++this.seq;
    event.runId = this.runId;
    event.at = this.clock.now() - this.t0;
    applyEventFor(this.state, event, task);
    this.log.push(event);
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](event);
    if (this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  // ---- AttemptHost -------------------------------------------------------------------------

  now(): number {
    return this.clock.now();
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.clock.sleep(ms, signal);
  }

  reportProgress(attempt: AttemptContext, pct: number, message?: string): void {
    const clamped = Number.isFinite(pct) ? Math.max(0, Math.min(100, pct)) : 0;
    this.emit({ type: 'task_progress', taskId: attempt.taskId, pct: clamped, ...(message === undefined ? {} : { message }) });
  }

  reportArtifact(attempt: AttemptContext, part: ArtifactPart): void {
    this.emit({ type: 'artifact', taskId: attempt.taskId, artifact: part });
  }

  pauseForInput(attempt: AttemptContext, question: string): Promise<unknown> {
    if (attempt.settled) return Promise.reject(new TaskError('NOT_RUNNING', `task "${attempt.taskId}" is not running`, false));
    const restored = this.restoredPauses;
    if (restored !== undefined) {
      // The question was answered before the restart, to the attempt this one re-sends.
      const answered = restored.takeAnswer(attempt.taskId, attempt.attempt);
      if (answered) {
        if (restored.empty) this.restoredPauses = undefined;
        return Promise.resolve(answered.answer);
      }
    }
    if (attempt.pendingInput) {
      return Promise.reject(new TaskError('ALREADY_PAUSED', `task "${attempt.taskId}" already waits for input`, false));
    }
    const record = this.recordOf(attempt.taskId) as TaskRecord;
    this.suspendTimeout(attempt);
    const answer = new Promise<unknown>((resolve, reject) => (attempt.pendingInput = { resolve, reject }));
    this.emit({ type: 'task_paused', taskId: attempt.taskId, question });
    // A paused task waits on a person, not on a machine: it gives its global slot to other runs, and
    // its run slot to other tasks (except under `sequential`, which promises one task at a time).
    attempt.releasePermit();
    if (this.strategy !== 'sequential') {
      this.releaseSlot(record);
      this.pump();
    }
    return answer;
  }

  // ---- scheduling --------------------------------------------------------------------------

  private recordOf(id: string): TaskRecord | undefined {
    const position = this.graph.indexOf(id);
    return position < 0 ? undefined : this.records[position];
  }

  /** The record of the graph's node at `position`, the next one to get a record. */
  private addRecord(position: number): void {
    const node = this.graph.nodeAt(position);
    const id = node.id;
    this.records.push({
      id,
      index: position,
      node,
      state: this.state.tasks[id],
      exclusive: node.metadata.parallelSafe === false,
      priority: priorityValue(node.metadata.priority),
      queued: false,
      level: -1,
      current: undefined,
      retryTimer: undefined,
      request: undefined,
      errorRetries: 0,
      qualityRetries: 0,
    });
  }

  /** Each task's estimated duration, by position. */
  private weights(): Float64Array {
    const weights = new Float64Array(this.records.length);
    for (let position = 0; position < weights.length; position++) weights[position] = this.records[position].node.weight;
    return weights;
  }

  private computeRanks(index: DagIndex, plan: LevelPlan, weights: Float64Array): void {
    if (this.strategy !== 'hybrid') return;
    this.ranks = rankArray(index, weights, plan.order);
  }

  private rebuildReadyHeap(): void {
    const queued: TaskRecord[] = [];
    for (let slot = 0; slot < this.ready.size; slot++) {
      const record = this.records[this.ready.positionAt(slot)];
      if (record.queued) queued.push(record);
    }
    this.ready.clear();
    for (const record of queued) this.pushReady(record);
  }

  private pushReady(record: TaskRecord): void {
    if (this.strategy === 'hybrid') this.ready.push(record.index, this.ranks[record.index], record.priority);
    else this.ready.push(record.index, 0, 0);
  }

  private isRunnable(record: TaskRecord): boolean {
    return record.state.status === 'ready' && record.state.pendingDeps === 0 && record.retryTimer === undefined;
  }

  private enqueueIfReady(record: TaskRecord): void {
    if (record.queued || !this.isRunnable(record)) return;
    record.queued = true;
    if (this.strategy !== 'parallel') this.pushReady(record);
    else if (record.level === this.levelIndex && record.level >= 0) this.levelQueue.push(record); // a retry within its level
    else this.nextLevel.push(record);
  }

  /** Starts as many queued tasks as the strategy and free slots allow. */
  private pump(): void {
    if (this.done || this.halted || this.yieldPending) return;
    if (this.strategy === 'parallel') {
      this.pumpLevel();
      return;
    }
    while (this.running < this.maxConcurrency && !this.exclusiveRunning) {
      const top = this.ready.peek();
      if (top < 0) return;
      const next = this.records[top];
      if (!this.isRunnable(next)) {
        this.ready.pop();
        next.queued = false;
        continue;
      }
      if (next.exclusive && this.running > 0) return; // waits for the others to drain, keeps its place
      if (this.yieldNow()) return;
      this.ready.pop();
      next.queued = false;
      this.dispatch(next, 0);
    }
  }

  private pumpLevel(): void {
    if (this.levelOpen === 0 && !this.openNextLevel()) return;
    while (this.running < this.maxConcurrency && !this.exclusiveRunning) {
      const next = this.levelQueue.peek();
      if (!next) return;
      // Below the threshold a level runs in order, one task at a time.
      if (!this.levelConcurrent && this.running > 0) return;
      if (!this.isRunnable(next)) {
        // Rewired by a graph change: it leaves this level and waits for its new dependency.
        this.levelQueue.shift();
        next.queued = false;
        next.level = -1;
        this.closeLevelTask();
        if (this.levelOpen === 0) return this.pumpLevel();
        continue;
      }
      if (next.exclusive && this.running > 0) return;
      if (this.yieldNow()) return;
      this.levelQueue.shift();
      next.queued = false;
      this.dispatch(next, 0);
    }
  }

  /**
   * Zero-work agents settle in microtasks, so a big run would otherwise start every task without
   * ever letting the event loop serve I/O. Every STARTS_PER_TURN starts, the rest waits one turn.
   */
  private yieldNow(): boolean {
    if (++this.startsThisTurn <= STARTS_PER_TURN) return false;
    this.yieldPending = true;
    this.clock.defer(() => {
      this.yieldPending = false;
      this.startsThisTurn = 0;
      this.pump();
      this.finishIfDone();
    });
    return true;
  }

  private openNextLevel(): boolean {
    const candidates = this.nextLevel.filter((record) => {
      if (this.isRunnable(record)) return true;
      record.queued = false;
      return false;
    });
    this.nextLevel = [];
    if (candidates.length === 0) return false;
    candidates.sort((a, b) => a.index - b.index);
    this.levelIndex++;
    this.levelOpen = candidates.length;
    // `concurrent` tells the truth: tasks of this level may overlap only above the threshold and
    // when the run may have more than one task going.
    this.levelConcurrent = candidates.length >= this.parallelThreshold && this.maxConcurrency > 1;
    this.levelStartedAt = this.clock.now();
    this.levelQueue = new FifoQueue<TaskRecord>();
    for (const record of candidates) {
      record.level = this.levelIndex;
      this.levelQueue.push(record);
    }
    this.emit({
      type: 'level_start',
      level: this.levelIndex,
      taskIds: candidates.map((r) => r.id),
      concurrent: this.levelConcurrent,
    });
    return true;
  }

  private closeLevelTask(): void {
    this.levelOpen--;
    if (this.levelOpen === 0) {
      this.emit({ type: 'level_complete', level: this.levelIndex, durationMs: this.clock.now() - this.levelStartedAt });
    }
  }

  private takeSlot(record: TaskRecord): void {
    this.running++;
    if (record.exclusive) this.exclusiveRunning = true;
  }

  private releaseSlot(record: TaskRecord): void {
    this.running--;
    if (record.exclusive) this.exclusiveRunning = false;
  }

  /**
   * Gives the task one of the run's slots, then starts it once the shared pool (if any) has a slot.
   * `again`: the attempt a resumed run sends again (see startAttempt), else 0.
   */
  private dispatch(record: TaskRecord, again: number): void {
    this.takeSlot(record);
    const slots = this.slots;
    if (!slots) return this.startAttempt(record, undefined, 0, again);
    const permit = slots.tryAcquire();
    if (permit) return this.startAttempt(record, permit, 0, again);
    this.emit({ type: 'task_queued', taskId: record.id, attempt: again === 0 ? record.state.attempts + 1 : again });
    const queuedAt = this.clock.now();
    slots.acquire().then(
      (granted) => {
        if (this.halted || this.done || record.state.status !== 'queued') {
          granted.release();
          return;
        }
        this.startAttempt(record, granted, this.clock.now() - queuedAt, again);
      },
      // Only a halted run closes the lane; halt() has already cancelled the task.
      () => undefined,
    );
  }

  /**
   * `again` 0 starts the task's next attempt. A resumed run passes the number of an attempt that
   * was in flight (or paused) when its previous process stopped: it is sent again under that
   * number, so the agent sees the same idempotency key, and its task_start says `redispatched`.
   */
  private startAttempt(record: TaskRecord, permit: SlotPermit | undefined, queueWaitMs: number, again: number): void {
    const attemptNumber = again === 0 ? record.state.attempts + 1 : again;
    const timeoutMs = record.node.metadata.timeoutMs ?? this.defaultTimeoutMs;
    const attempt = new AttemptContext(this, record.id, attemptNumber);
    attempt.permit = permit;
    record.current = attempt;
    // The stamp fields are in the literal (emit fills them in): the event is born with its final
    // shape instead of growing an out-of-object property store per event.
    const started: TaskStartEvent = {
      type: 'task_start',
      taskId: record.id,
      agent: record.node.agent,
      attempt: attemptNumber,
      queueWaitMs,
      seq: 0,
      runId: this.runId,
      at: 0,
    };
    if (again !== 0) started.redispatched = true;
    this.emit(started, record.state);
    if (timeoutMs !== Infinity) this.armTimeout(attempt, timeoutMs);

    let pending: Promise<unknown>;
    try {
      pending = this.executor.execute(this.requestFor(record), attempt);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (output) => {
        // The slot follows the agent call, not the engine's verdict: a late reply frees it only now.
        attempt.releasePermit();
        this.onAttemptSucceeded(record, attempt, output);
      },
      (error: unknown) => {
        attempt.releasePermit();
        this.onAttemptFailed(record, attempt, error);
      },
    );
  }

  private requestFor(record: TaskRecord): TaskRequest {
    // Null prototype: a dependency named "__proto__" stays an ordinary key.
    const dependencyOutputs = Object.create(null) as Record<string, unknown>;
    const dependencies = this.dependencyLists;
    for (let e = dependencies.first(record.index); e !== IntLists.NONE; e = dependencies.next(e)) {
      const dep = this.records[dependencies.value(e)];
      dependencyOutputs[dep.id] = dep.state.output;
    }
    if (record.request) {
      record.request.dependencyOutputs = dependencyOutputs;
      return record.request;
    }
    record.request = {
      runId: this.runId,
      taskId: record.id,
      description: record.node.description,
      agent: record.node.agent,
      input: record.node.input,
      dependencyOutputs,
      metadata: record.node.metadata,
    };
    return record.request;
  }

  private armTimeout(attempt: AttemptContext, budgetMs: number): void {
    attempt.timerArmedAt = this.clock.now();
    attempt.timerBudgetMs = budgetMs;
    attempt.timer = this.clock.setTimer(budgetMs, () => {
      attempt.timer = undefined;
      const record = this.recordOf(attempt.taskId) as TaskRecord;
      const total = record.node.metadata.timeoutMs ?? this.defaultTimeoutMs;
      const error = new TaskError('TASK_TIMEOUT', `task "${attempt.taskId}" timed out after ${total} ms (attempt ${attempt.attempt})`);
      attempt.abort(error);
      this.onAttemptFailed(record, attempt, error);
    });
  }

  private suspendTimeout(attempt: AttemptContext): void {
    if (!attempt.timer) return;
    this.clock.clearTimer(attempt.timer);
    attempt.timer = undefined;
    attempt.timerBudgetMs = Math.max(0, attempt.timerBudgetMs - (this.clock.now() - attempt.timerArmedAt));
  }

  /** Marks the attempt decided and frees what the run holds for it. Returns false if it was already decided. */
  private settle(record: TaskRecord, attempt: AttemptContext): boolean {
    if (attempt.settled || record.current !== attempt) return false;
    attempt.settled = true;
    if (attempt.timer) this.clock.clearTimer(attempt.timer);
    attempt.timer = undefined;
    const wasPaused = attempt.pendingInput !== undefined;
    if (attempt.pendingInput) {
      attempt.pendingInput.reject(new TaskError('NOT_RUNNING', `task "${record.id}" ended while waiting for input`, false));
      attempt.pendingInput = undefined;
    }
    record.current = undefined;
    if (!wasPaused || this.strategy === 'sequential') this.releaseSlot(record);
    return true;
  }

  private onAttemptSucceeded(record: TaskRecord, attempt: AttemptContext, output: unknown): void {
    if (!this.settle(record, attempt)) return;
    // The agent's time ends here; scoring is the host's work and is reported apart (qualityMs).
    const endedAt = this.clock.now();
    const verdict = this.scoreOutput(record, output);
    const qualityMs = this.clock.now() - endedAt;
    const policy = record.node.metadata.qualityPolicy ?? this.options.qualityPolicy ?? 'warn';
    if (verdict && !verdict.approved && policy !== 'warn') {
      const issues = verdict.issues?.length ? `: ${verdict.issues.join(', ')}` : '';
      const error = new TaskError(
        'QUALITY_BELOW_THRESHOLD',
        `task "${record.id}" output scored ${verdict.score.toFixed(2)}, below its threshold${issues}`,
        policy === 'retry',
      );
      this.failAttempt(record, attempt, error, endedAt, true);
      return;
    }
    const durationMs = endedAt - this.t0 - (record.state.startedAtMs ?? 0);
    // Final keys (stamp fields included) in one literal per shape: no property added afterwards.
    const completed: TaskCompleteEvent = verdict
      ? {
          type: 'task_complete',
          taskId: record.id,
          agent: record.node.agent,
          attempt: attempt.attempt,
          durationMs,
          output,
          qualityScore: verdict.score,
          quality: verdict,
          qualityMs,
          seq: 0,
          runId: this.runId,
          at: 0,
        }
      : { type: 'task_complete', taskId: record.id, agent: record.node.agent, attempt: attempt.attempt, durationMs, output, seq: 0, runId: this.runId, at: 0 };
    if (attempt.servedByName !== undefined) completed.servedBy = attempt.servedByName;
    this.emit(completed, record.state);
    // A completed task never runs again: its request can go while it is young.
    record.request = undefined;
    const dependents = this.dependentLists;
    for (let e = dependents.first(record.index); e !== IntLists.NONE; e = dependents.next(e)) {
      this.enqueueIfReady(this.records[dependents.value(e)]);
    }
    this.afterFinished(record);
  }

  private onAttemptFailed(record: TaskRecord, attempt: AttemptContext, error: unknown): void {
    if (!this.settle(record, attempt)) return;
    this.failAttempt(record, attempt, error, this.clock.now(), false);
  }

  private failAttempt(record: TaskRecord, attempt: AttemptContext, error: unknown, endedAt: number, lowQuality: boolean): void {
    const info = toErrorInfo(error);
    const retryable = !(error instanceof TaskError) || error.retryable;
    if (retryable && this.spendRetry(record, lowQuality)) {
      const base = this.options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_MS;
      const cap = this.options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_MS;
      const delayMs = this.random() * Math.min(cap, base * 2 ** (attempt.attempt - 1));
      this.emit({ type: 'task_retry', taskId: record.id, attempt: attempt.attempt, delayMs, error: info });
      record.retryTimer = this.clock.setTimer(delayMs, () => {
        record.retryTimer = undefined;
        this.enqueueIfReady(record);
        this.pump();
      });
      this.pump();
      return;
    }
    this.emit({
      type: 'task_failed',
      taskId: record.id,
      attempt: attempt.attempt,
      durationMs: endedAt - this.t0 - (record.state.startedAtMs ?? 0),
      error: info,
    });
    this.skipFrom(record, record.id);
    if (this.strategy === 'sequential') {
      // Sequential stops at the first failure and keeps what completed (partial results).
      for (const id of this.state.order) {
        if (!TERMINAL_STATUSES.has(this.state.tasks[id].status)) {
          this.emit({ type: 'task_skipped', taskId: id, reason: 'run_stopped', cause: record.id });
        }
      }
    }
    this.afterFinished(record);
  }

  /**
   * Errors spend the task's `maxRetries` (else `retry.defaultMaxRetries`); low-quality outputs under
   * the `retry` policy spend a budget of their own (`retry.qualityRetries`), so `retry` never means `fail`.
   */
  private spendRetry(record: TaskRecord, lowQuality: boolean): boolean {
    if (lowQuality) {
      const budget = this.options.retry?.qualityRetries ?? DEFAULT_QUALITY_RETRIES;
      if (record.qualityRetries >= budget) return false;
      record.qualityRetries++;
      return true;
    }
    const budget = record.node.metadata.maxRetries ?? this.options.retry?.defaultMaxRetries ?? 0;
    if (record.errorRetries >= budget) return false;
    record.errorRetries++;
    return true;
  }

  /** Skips every transitive dependent of `from` that has not finished (iteratively: deep chains). */
  private skipFrom(from: TaskRecord, cause: string): void {
    const stack: string[] = from.state.status === 'failed' ? [...from.state.dependents] : [from.id];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const task = this.state.tasks[id];
      if (TERMINAL_STATUSES.has(task.status)) continue;
      this.emit({ type: 'task_skipped', taskId: id, reason: 'dependency_failed', cause });
      for (const dependent of task.dependents) stack.push(dependent);
    }
  }

  private afterFinished(record: TaskRecord): void {
    if (this.strategy === 'parallel' && record.level === this.levelIndex && record.level >= 0) this.closeLevelTask();
    this.pump();
    this.finishIfDone();
  }

  private abandonAttempt(record: TaskRecord, reason: Error): void {
    if (record.retryTimer) {
      this.clock.clearTimer(record.retryTimer);
      record.retryTimer = undefined;
    }
    const attempt = record.current;
    if (!attempt) return;
    attempt.settled = true;
    if (attempt.timer) this.clock.clearTimer(attempt.timer);
    attempt.abort(reason);
    attempt.pendingInput?.reject(reason);
    attempt.pendingInput = undefined;
    record.current = undefined;
  }

  private finishIfDone(): void {
    if (this.done || this.state.finishedCount < this.state.order.length) return;
    if (this.runTimer) this.clock.clearTimer(this.runTimer);
    this.runTimer = undefined;
    const result = summarizeRun(this.state, this.clock.now() - this.t0, this.cancelled);
    if (this.stopReason) result.stopReason = this.stopReason;
    this.emit({ type: 'workflow_complete', result });
    this.done = true;
    this.unlinkExternalSignal?.();
    this.slots?.close();
    this.releaseScheduling();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    this.resolveResult(result);
  }

  /** What only scheduling needed goes when the run ends: a finished run keeps its state, log and result. */
  private releaseScheduling(): void {
    this.listeners = [];
    this.restoredPauses = undefined;
    this.records = [];
    this.dependencyLists = new IntLists();
    this.dependentLists = new IntLists();
    this.ready = new RankedQueue();
    this.ranks = new Float64Array(0);
    this.levelQueue = new FifoQueue<TaskRecord>();
    this.nextLevel = [];
    this.graph = new WorkflowGraph();
  }

  private refuseRewire(id: string): GraphError | undefined {
    const task = this.state.tasks[id];
    if (TERMINAL_STATUSES.has(task.status)) {
      return new GraphError('NODE_FINISHED', `node "${id}" has already ${task.status}; it cannot get new dependencies`, id);
    }
    if (task.attempts > 0 || task.status === 'queued') {
      return new GraphError('NODE_STARTED', `node "${id}" has already started; it cannot get new dependencies`, id);
    }
    return undefined;
  }

  private scoreOutput(record: TaskRecord, output: unknown): QualityVerdict | undefined {
    if (this.options.scoreOutput) return this.options.scoreOutput(record.request as TaskRequest, output);
    const score = reportedScore(output);
    if (score === undefined) return undefined;
    const threshold = record.node.metadata.qualityThreshold;
    return { score, approved: threshold === undefined || score >= threshold };
  }
}

/** Index of the first event with `seq > afterSeq` in a log sorted by seq. */
function firstAfter(log: readonly WorkflowEvent[], afterSeq: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].seq <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function reportedScore(output: unknown): number | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const record = output as { qualityScore?: unknown; confidence?: unknown };
  if (typeof record.qualityScore === 'number') return record.qualityScore;
  if (typeof record.confidence === 'number') return record.confidence;
  return undefined;
}

function toErrorInfo(error: unknown): TaskErrorInfo {
  if (error instanceof TaskError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: error.name === 'AbortError' ? 'ABORTED' : 'AGENT_ERROR', message: error.message };
  return { code: 'AGENT_ERROR', message: String(error) };
}

/** A limit as workflow_start logged it: Infinity (none) reads back from JSON as null. */
function loggedLimit(value: number | null): number | undefined {
  return typeof value === 'number' && value >= 1 ? value : undefined;
}

function positiveOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  return value;
}

/** A timeout: a positive number of ms up to MAX_TIMER_MS, or Infinity (none). */
function timeoutOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (value === Infinity) return value;
  if (!(value > 0) || value > MAX_TIMER_MS) {
    throw new RangeError(`${name} must be a number of ms in (0, ${MAX_TIMER_MS}] or Infinity, got ${value}`);
  }
  return value;
}
