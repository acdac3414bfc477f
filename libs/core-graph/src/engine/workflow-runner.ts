import { randomUUID } from 'node:crypto';
import { Clock, TimerHandle, abortReason } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { BinaryHeap } from '../collections/binary-heap';
import { FifoQueue } from '../collections/fifo-queue';
import { RunState, TaskState, applyEvent, createRunState, summarizeRun } from '../events/run-state';
import {
  QualityVerdict,
  RunResult,
  StrategyName,
  TaskErrorInfo,
  WorkflowEvent,
  WorkflowEventInput,
} from '../events/workflow-event';
import { criticalPath, topologicalLevels, upwardRanks } from '../graph/dag';
import { subgraphSpecs } from '../graph/dynamic-workflow-graph';
import { GraphError } from '../graph/graph-errors';
import { DEFAULT_PARALLEL_THRESHOLD, ParallelWorkflowGraph } from '../graph/parallel-workflow-graph';
import { WorkflowGraph } from '../graph/workflow-graph';
import { TERMINAL_STATUSES, WorkflowNode, WorkflowNodeSpec, priorityValue } from '../graph/workflow-node';
import { AttemptContext, AttemptHost } from './attempt-context';
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
  rank: number;
  /** In the ready heap / level queue (entries are removed lazily). */
  queued: boolean;
  /** Level the task was scheduled in (parallel strategy), -1 when none. */
  level: number;
  /** Within a level run in order: tasks of one parallel group share a batch and run together. */
  batch: number;
  current: AttemptContext | undefined;
  retryTimer: TimerHandle | undefined;
  request: TaskRequest | undefined;
}

const DEFAULT_RETRY_BASE_MS = 50;
const DEFAULT_RETRY_MAX_MS = 2000;

/** Starts a run of `graph` on `executor`. Throws GraphError synchronously if the graph is invalid. */
export function runWorkflow(graph: WorkflowGraph, executor: TaskExecutor, options: RunOptions = {}): WorkflowRun {
  const run = new WorkflowRunner(graph, executor, options);
  run.start();
  return run;
}

/**
 * The scheduler behind every strategy. Event-driven: a task's settlement updates in-degree
 * counters (via the state fold), pushes newly ready tasks to a priority queue and fills free
 * slots — no scans over the graph per completion.
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
  private readonly records = new Map<string, TaskRecord>();
  private readonly ready: BinaryHeap<TaskRecord>;
  private readonly runController = new AbortController();
  private readonly log: WorkflowEvent[] = [];
  // An array, not a Set: iterating it per event allocates no iterator.
  private listeners: ((event: WorkflowEvent) => void)[] = [];
  private waiters: (() => void)[] = [];
  private resolveResult!: (result: RunResult) => void;
  private unlinkExternalSignal: (() => void) | undefined;
  private t0 = 0;
  private seq = 0;
  private running = 0;
  private exclusiveRunning = false;
  private cancelled = false;
  private done = false;
  // Parallel strategy: the level being run and the tasks that became ready for the next one.
  private levelIndex = -1;
  private levelOpen = 0;
  private levelStartedAt = 0;
  private levelConcurrent = false;
  private levelQueue = new FifoQueue<TaskRecord>();
  private nextLevel: TaskRecord[] = [];
  private readonly groupOf = new Map<string, number>();
  private groupBatches = new Set<number>();
  private activeBatch = -1;

  constructor(
    private readonly graph: WorkflowGraph,
    private readonly executor: TaskExecutor,
    private readonly options: RunOptions,
  ) {
    this.runId = options.runId ?? randomUUID();
    this.state = createRunState(this.runId);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.strategy = options.strategy ?? graph.defaultStrategy;
    this.maxConcurrency = this.strategy === 'sequential' ? 1 : positiveOr(options.maxConcurrency, Infinity, 'maxConcurrency');
    const graphThreshold = graph instanceof ParallelWorkflowGraph ? graph.parallelThreshold : DEFAULT_PARALLEL_THRESHOLD;
    this.parallelThreshold = positiveOr(options.parallelThreshold, graphThreshold, 'parallelThreshold');
    this.ready = new BinaryHeap<TaskRecord>(this.strategy === 'hybrid' ? byRank : byPlanOrder);
    (options.parallelGroups ?? []).forEach((group, index) => {
      for (const id of group) this.groupOf.set(id, index);
    });
    this.result = new Promise<RunResult>((resolve) => (this.resolveResult = resolve));
  }

  get finished(): boolean {
    return this.done;
  }

  start(): void {
    const levels = topologicalLevels(this.graph); // throws CycleError before anything starts
    this.t0 = this.clock.now();
    if (this.options.onEvent) this.listeners.push(this.options.onEvent);
    const specs = this.graph.ids.map((id) => this.graph.specOf(id));
    this.emit({
      type: 'workflow_start',
      strategy: this.strategy,
      maxConcurrency: this.maxConcurrency,
      parallelThreshold: this.parallelThreshold,
      tasks: specs,
    });
    for (const id of this.graph.ids) this.addRecord(id);
    const order = levels.flat();
    this.computeRanks(order);
    const estimate = criticalPath(this.graph, (id) => this.graph.getNode(id).weight, order);
    this.emit({
      type: 'plan_ready',
      strategy: this.strategy,
      reason: this.options.strategyReason ?? 'requested',
      levels,
      estimatedCriticalPath: estimate.path,
      estimatedCriticalPathMs: estimate.length,
    });

    const external = this.options.signal;
    if (external) {
      if (external.aborted) {
        this.cancel(abortReason(external).message);
        return;
      }
      const onAbort = (): void => this.cancel(abortReason(external).message);
      external.addEventListener('abort', onAbort, { once: true });
      this.unlinkExternalSignal = () => external.removeEventListener('abort', onAbort);
    }
    for (const id of this.graph.ids) this.enqueueIfReady(this.records.get(id) as TaskRecord);
    this.pump();
    this.finishIfDone();
  }

  // ---- commands ----------------------------------------------------------------------------

  cancel(reason = 'cancelled'): void {
    if (this.done) return;
    this.cancelled = true;
    const error = new TaskError('CANCELLED', reason, false);
    this.runController.abort(error);
    for (const id of this.state.order) {
      const record = this.records.get(id) as TaskRecord;
      if (TERMINAL_STATUSES.has(record.state.status)) continue;
      this.abandonAttempt(record, error);
      this.emit({ type: 'task_cancelled', taskId: id });
    }
    this.running = 0;
    this.finishIfDone();
  }

  resume(taskId: string, answer: unknown): void {
    if (this.done) throw new RunError('RUN_FINISHED', `run ${this.runId} has finished`, taskId);
    const record = this.records.get(taskId);
    if (!record) throw new RunError('UNKNOWN_TASK', `run ${this.runId} has no task "${taskId}"`, taskId);
    const attempt = record.current;
    const pending = attempt?.pendingInput;
    if (!attempt || !pending) {
      throw new RunError('NOT_PAUSED', `task "${taskId}" is ${record.state.status}, not waiting for input`, taskId);
    }
    attempt.pendingInput = undefined;
    this.emit({ type: 'task_resumed', taskId });
    if (this.strategy !== 'sequential') this.takeSlot(record);
    if (attempt.timerBudgetMs > 0) this.armTimeout(attempt, attempt.timerBudgetMs);
    pending.resolve(answer);
  }

  modify(change: GraphChange): void {
    if (this.done) throw new GraphError('RUN_FINISHED', `run ${this.runId} has finished; the graph can no longer change`);
    const specs = (change.nodes ?? []).map((spec) => ({ ...spec, dependencies: [...(spec.dependencies ?? [])] }));
    const edges = change.edges ?? [];
    this.graph.applyChange(specs, edges, (id) => this.refuseRewire(id));
    this.emit({ type: 'graph_modified', addedNodes: specs, addedEdges: edges.map(([from, to]) => [from, to]) });
    for (const spec of specs) this.addRecord(spec.id);
    this.computeRanks();
    if (this.strategy === 'hybrid') this.rebuildReadyHeap();
    // A new dependency on a task that can no longer complete dooms the dependent.
    const touched = [...specs.map((s) => s.id), ...edges.map(([, to]) => to)];
    for (const id of touched) {
      const record = this.records.get(id) as TaskRecord;
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
    // log[i] has seq i + 1, so the cursor is an index.
    let cursor = Math.max(0, Math.floor(afterSeq));
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

  private emit(input: WorkflowEventInput): void {
    // Stamp in place instead of spreading: one object per event on the hot path.
    const event = input as WorkflowEvent;
    event.seq = ++this.seq;
    event.runId = this.runId;
    event.at = this.clock.now() - this.t0;
    applyEvent(this.state, event);
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
    if (attempt.pendingInput) {
      return Promise.reject(new TaskError('ALREADY_PAUSED', `task "${attempt.taskId}" already waits for input`, false));
    }
    const record = this.records.get(attempt.taskId) as TaskRecord;
    this.suspendTimeout(attempt);
    const answer = new Promise<unknown>((resolve, reject) => (attempt.pendingInput = { resolve, reject }));
    this.emit({ type: 'task_paused', taskId: attempt.taskId, question });
    // A paused task waits on a person, not on a machine: it gives its slot to other work
    // (except under `sequential`, which promises one task at a time, start to end).
    if (this.strategy !== 'sequential') {
      this.releaseSlot(record);
      this.pump();
    }
    return answer;
  }

  // ---- scheduling --------------------------------------------------------------------------

  private addRecord(id: string): void {
    const node = this.graph.getNode(id);
    this.records.set(id, {
      id,
      index: this.records.size,
      node,
      state: this.state.tasks[id],
      exclusive: node.metadata.parallelSafe === false,
      priority: priorityValue(node.metadata.priority),
      rank: 0,
      queued: false,
      level: -1,
      batch: -1,
      current: undefined,
      retryTimer: undefined,
      request: undefined,
    });
  }

  private computeRanks(order?: readonly string[]): void {
    if (this.strategy !== 'hybrid') return;
    const ranks = upwardRanks(this.graph, (id) => this.graph.getNode(id).weight, order);
    for (const [id, rank] of ranks) (this.records.get(id) as TaskRecord).rank = rank;
  }

  private rebuildReadyHeap(): void {
    const queued: TaskRecord[] = [];
    for (const record of this.ready.values()) if (record.queued) queued.push(record);
    this.ready.clear();
    for (const record of queued) this.ready.push(record);
  }

  private isRunnable(record: TaskRecord): boolean {
    return record.state.status === 'ready' && record.state.pendingDeps === 0 && record.retryTimer === undefined;
  }

  private enqueueIfReady(record: TaskRecord): void {
    if (record.queued || !this.isRunnable(record)) return;
    record.queued = true;
    if (this.strategy !== 'parallel') this.ready.push(record);
    else if (record.level === this.levelIndex && record.level >= 0) this.levelQueue.push(record); // a retry within its level
    else this.nextLevel.push(record);
  }

  /** Starts as many queued tasks as the strategy and free slots allow. */
  private pump(): void {
    if (this.done || this.cancelled) return;
    if (this.strategy === 'parallel') {
      this.pumpLevel();
      return;
    }
    while (this.running < this.maxConcurrency && !this.exclusiveRunning) {
      const next = this.ready.peek();
      if (!next) return;
      if (!this.isRunnable(next)) {
        this.ready.pop();
        next.queued = false;
        continue;
      }
      if (next.exclusive && this.running > 0) return; // waits for the others to drain, keeps its place
      this.ready.pop();
      next.queued = false;
      this.startAttempt(next);
    }
  }

  private pumpLevel(): void {
    if (this.levelOpen === 0 && !this.openNextLevel()) return;
    while (this.running < this.maxConcurrency && !this.exclusiveRunning) {
      const next = this.levelQueue.peek();
      if (!next) return;
      // Below the threshold a level runs in order, except that a parallel group runs as one batch.
      if (!this.levelConcurrent && this.running > 0 && !(next.batch === this.activeBatch && this.groupBatches.has(next.batch))) {
        return;
      }
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
      this.levelQueue.shift();
      next.queued = false;
      this.activeBatch = next.batch;
      this.startAttempt(next);
    }
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
    this.levelConcurrent = candidates.length >= this.parallelThreshold;
    this.levelStartedAt = this.clock.now();
    this.levelQueue = new FifoQueue<TaskRecord>();
    for (const record of this.inBatches(candidates)) {
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

  /**
   * Orders a level below the threshold into batches: the members of one parallel group (two or
   * more in this level) form one batch at the place of its first member; every other task is its own.
   */
  private inBatches(candidates: TaskRecord[]): TaskRecord[] {
    this.groupBatches = new Set<number>();
    if (this.levelConcurrent || this.groupOf.size === 0) return candidates;
    const members = new Map<number, TaskRecord[]>();
    for (const record of candidates) {
      const group = this.groupOf.get(record.id);
      if (group === undefined) continue;
      const list = members.get(group);
      if (list) list.push(record);
      else members.set(group, [record]);
    }
    const ordered: TaskRecord[] = [];
    const placed = new Set<number>();
    let batch = 0;
    for (const record of candidates) {
      const group = this.groupOf.get(record.id);
      const groupMembers = group === undefined ? undefined : members.get(group);
      if (group === undefined || !groupMembers || groupMembers.length < 2) {
        record.batch = batch++;
        ordered.push(record);
      } else if (!placed.has(group)) {
        placed.add(group);
        this.groupBatches.add(batch);
        for (const member of groupMembers) {
          member.batch = batch;
          ordered.push(member);
        }
        batch++;
      }
    }
    return ordered;
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

  private startAttempt(record: TaskRecord): void {
    const attemptNumber = record.state.attempts + 1;
    const timeoutMs = record.node.metadata.timeoutMs ?? this.options.defaultTimeoutMs;
    let signal = this.runController.signal;
    let controller: AbortController | undefined;
    if (timeoutMs !== undefined) {
      // Own controller only when this attempt can be aborted alone; otherwise share the run's.
      controller = new AbortController();
      signal = controller.signal;
    }
    const attempt = new AttemptContext(this, record.id, attemptNumber, signal);
    if (controller) {
      const ownController = controller;
      const runSignal = this.runController.signal;
      const forward = (): void => ownController.abort(runSignal.reason);
      runSignal.addEventListener('abort', forward, { once: true });
      attempt.controller = ownController;
      attempt.unlinkRunSignal = () => runSignal.removeEventListener('abort', forward);
    }
    record.current = attempt;
    this.takeSlot(record);
    this.emit({ type: 'task_start', taskId: record.id, agent: record.node.agent, attempt: attemptNumber });
    if (timeoutMs !== undefined) this.armTimeout(attempt, timeoutMs);

    let pending: Promise<unknown>;
    try {
      pending = this.executor.execute(this.requestFor(record), attempt);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (output) => this.onAttemptSucceeded(record, attempt, output),
      (error: unknown) => this.onAttemptFailed(record, attempt, error),
    );
  }

  private requestFor(record: TaskRecord): TaskRequest {
    const dependencyOutputs: Record<string, unknown> = {};
    for (const dep of record.state.dependencies) dependencyOutputs[dep] = this.state.tasks[dep].output;
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
      const record = this.records.get(attempt.taskId) as TaskRecord;
      const total = record.node.metadata.timeoutMs ?? this.options.defaultTimeoutMs;
      const error = new TaskError('TASK_TIMEOUT', `task "${attempt.taskId}" timed out after ${total} ms (attempt ${attempt.attempt})`);
      attempt.controller?.abort(error);
      this.onAttemptFailed(record, attempt, error);
    });
  }

  private suspendTimeout(attempt: AttemptContext): void {
    if (!attempt.timer) return;
    this.clock.clearTimer(attempt.timer);
    attempt.timer = undefined;
    attempt.timerBudgetMs = Math.max(0, attempt.timerBudgetMs - (this.clock.now() - attempt.timerArmedAt));
  }

  /** Marks the attempt decided and frees what it holds. Returns false if it was already decided. */
  private settle(record: TaskRecord, attempt: AttemptContext): boolean {
    if (attempt.settled || record.current !== attempt) return false;
    attempt.settled = true;
    if (attempt.timer) this.clock.clearTimer(attempt.timer);
    attempt.timer = undefined;
    attempt.unlinkRunSignal?.();
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
    const verdict = this.scoreOutput(record, output);
    const policy = record.node.metadata.qualityPolicy ?? this.options.qualityPolicy ?? 'warn';
    if (verdict && !verdict.approved && policy !== 'warn') {
      const issues = verdict.issues?.length ? `: ${verdict.issues.join(', ')}` : '';
      const error = new TaskError(
        'QUALITY_BELOW_THRESHOLD',
        `task "${record.id}" output scored ${verdict.score.toFixed(2)}, below its threshold${issues}`,
        policy === 'retry',
      );
      this.failAttempt(record, attempt, error);
      return;
    }
    const completed: WorkflowEventInput = {
      type: 'task_complete',
      taskId: record.id,
      agent: record.node.agent,
      attempt: attempt.attempt,
      durationMs: this.clock.now() - this.t0 - (record.state.startedAtMs ?? 0),
      output,
    };
    if (verdict) {
      completed.qualityScore = verdict.score;
      completed.quality = verdict;
    }
    this.emit(completed);
    for (const dependentId of record.state.dependents) this.enqueueIfReady(this.records.get(dependentId) as TaskRecord);
    this.afterFinished(record);
  }

  private onAttemptFailed(record: TaskRecord, attempt: AttemptContext, error: unknown): void {
    if (!this.settle(record, attempt)) return;
    this.failAttempt(record, attempt, error);
  }

  private failAttempt(record: TaskRecord, attempt: AttemptContext, error: unknown): void {
    const info = toErrorInfo(error);
    const retryable = !(error instanceof TaskError) || error.retryable;
    const maxRetries = record.node.metadata.maxRetries ?? this.options.retry?.defaultMaxRetries ?? 0;
    if (retryable && attempt.attempt <= maxRetries) {
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
      durationMs: this.clock.now() - this.t0 - (record.state.startedAtMs ?? 0),
      error: info,
    });
    this.skipFrom(record, record.id);
    if (this.strategy === 'sequential') {
      // Sequential stops at the first failure and keeps what completed (the seed's partial results).
      for (const id of this.state.order) {
        if (!TERMINAL_STATUSES.has(this.state.tasks[id].status)) {
          this.emit({ type: 'task_skipped', taskId: id, reason: 'run_stopped', cause: record.id });
        }
      }
    }
    this.afterFinished(record);
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
    attempt.unlinkRunSignal?.();
    attempt.controller?.abort(reason);
    attempt.pendingInput?.reject(reason);
    attempt.pendingInput = undefined;
    record.current = undefined;
  }

  private finishIfDone(): void {
    if (this.done || this.state.finishedCount < this.state.order.length) return;
    const result = summarizeRun(this.state, this.clock.now() - this.t0, this.cancelled);
    this.emit({ type: 'workflow_complete', result });
    this.done = true;
    this.unlinkExternalSignal?.();
    this.listeners = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    this.resolveResult(result);
  }

  private refuseRewire(id: string): GraphError | undefined {
    const task = this.state.tasks[id];
    if (TERMINAL_STATUSES.has(task.status)) {
      return new GraphError('NODE_FINISHED', `node "${id}" has already ${task.status}; it cannot get new dependencies`, id);
    }
    if (task.attempts > 0) {
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

function byRank(a: TaskRecord, b: TaskRecord): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.index < b.index;
}

function byPlanOrder(a: TaskRecord, b: TaskRecord): boolean {
  return a.index < b.index;
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

function positiveOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  return value;
}
