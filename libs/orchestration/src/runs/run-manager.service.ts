import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  ParallelWorkflowGraph,
  RunError,
  TaskSlotPool,
  runWorkflow,
  subgraphSpecs,
  type PlanningEvent,
  type TaskExecutor,
  type WorkflowEvent,
  type WorkflowNodeSpec,
} from '@a2a-mcp/core-graph';
import { LoadMonitor, engineRunOptions, parsePlan, type LoadSnapshot, type Plan } from '@a2a-mcp/planner';
import { AgentCatalog } from '../agents/agent-catalog.service';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { toDomainEvent } from '../events/to-domain-event';
import { ORCHESTRATOR_CONFIG, QUALITY_SCORER_FACTORY, RUN_STORE } from '../orchestration.tokens';
import { DefaultQualityScorerFactory, type QualityScorerFactory } from '../quality/quality-scorer-factory';
import { ManagedRun } from './managed-run';
import { OrchestrationError } from './orchestration-error';
import { decodeRunCursor, encodeRunCursor } from './run-cursor';
import { RunEventRecorder } from './run-event-recorder';
import { resolveRunSettings, type RunOverrides, type RunSettings } from './run-settings';
import { EVENT_BYTES, finishedFootprint, liveFootprint } from './run-footprint';
import type { RunStore } from './run-store';
import { validateNodes } from './validate-nodes';
import { checkAgentsAvailable } from '../remote/check-agents-available';
import type { RunObserver } from '@a2a-mcp/observability';
import { RUN_OBSERVERS } from '../observability/observability.tokens';

export interface StartRunRequest {
  /** A plan as it arrived (validated here, against the registered agents). */
  plan: unknown;
  overrides?: RunOverrides;
  /** Set when the plan was made from a request: the run's stream starts with a `planning` step. */
  planning?: { planner: string; request: string };
  /** The tenant the run belongs to; only that tenant reaches it later. */
  tenant?: string;
}

/** A change to a running graph as the API takes it: new nodes (entry nodes also wait for `dependsOn`) and edges. */
export interface RunChange {
  /** New tasks as they arrived, checked with the planner's task rules; their dependencies may name tasks of the run. */
  nodes?: readonly unknown[];
  edges?: [from: string, to: string][];
  /** The new nodes without dependencies also wait for these tasks. */
  dependsOn?: string[];
}

export interface RunChangeResult {
  added: string[];
  edges: [from: string, to: string][];
}

export interface RunPage {
  items: ManagedRun[];
  nextCursor?: string;
}

export const MAX_PAGE_SIZE = 100;

/** Without a configured store events go straight to the bus: nothing keeps a second copy of them. */
const NO_STORE: RunStore = { createRun: () => undefined, append: () => undefined, events: () => [] };
/** Plans this large start in steps (`startInSteps`): each step of a 100 000-task plan is a few hundred ms. */
export const STEPPED_START_TASKS = 10_000;
/** How often finished runs are checked against RUN_RETENTION_MS, at most. */
const SWEEP_EVERY_MS = 30_000;

/** What the host holds in memory, estimated (see run-footprint.ts), against its budgets. */
export interface MemoryUse {
  runningBytes: number;
  runningBudgetBytes: number;
  retainedBytes: number;
  retainedBudgetBytes: number;
  runsKept: number;
}

/**
 * Starts and keeps the host's runs. Every run is independent; the agent calls of all of them share one
 * pool of MAX_CONCURRENT_TASKS slots, handed out by SCHEDULING_POLICY (earlier runs first by default).
 * A task waiting for a slot is `queued` and its timeout has not started. Each engine event is appended
 * to the run store (when one is configured), then published on the EventBus as a domain event.
 *
 * Memory is bounded: a run that would not fit in RUN_MEMORY_BUDGET_BYTES beside the running ones is
 * refused (HOST_BUSY, or RUN_TOO_LARGE when it could never fit); finished runs keep every event while
 * RUN_RETENTION_BYTES allows, then the oldest keep only a summary, then they leave memory by count
 * (RUN_RETENTION), age (RUN_RETENTION_MS) and bytes, oldest first.
 * On shutdown it refuses new runs, lets running ones finish for SHUTDOWN_GRACE_MS, then cancels the rest.
 */
@Injectable()
export class RunManager implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly slots: TaskSlotPool;
  private readonly logger = new Logger('RunManager');
  private readonly runs = new Map<string, ManagedRun>();
  /** Runs in creation order (ascending ordinal). */
  private readonly order: ManagedRun[] = [];
  private readonly recorders = new Map<string, RunEventRecorder>();
  private readonly store: RunStore;
  private readonly quality: QualityScorerFactory;
  private readonly monitor = new LoadMonitor();
  private readonly footprints = new Map<string, number>();
  /** Finished runs that still keep every event, oldest first, with the bytes their events hold. */
  private readonly fullLogs = new Map<string, number>();
  private readonly finishedAt = new Map<string, number>();
  private runningBytes = 0;
  private retainedBytes = 0;
  private readonly sweeper: NodeJS.Timeout;
  private ordinal = 0;
  private finishedCount = 0;
  private accepting = true;
  private readonly eventObservers: ((event: WorkflowEvent) => void)[];
  private observedExecutor: TaskExecutor | undefined;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly catalog: AgentCatalog,
    private readonly eventBus: EventBus,
    @Optional() @Inject(RUN_STORE) store?: RunStore,
    @Optional() @Inject(QUALITY_SCORER_FACTORY) quality?: QualityScorerFactory,
    @Optional() @Inject(RUN_OBSERVERS) private readonly observers: readonly RunObserver[] = [],
  ) {
    this.eventObservers = observers.flatMap((observer) => (observer.onEvent ? [observer.onEvent.bind(observer)] : []));
    this.slots = new TaskSlotPool(config.maxConcurrentTasks, config.schedulingPolicy);
    this.store = store ?? NO_STORE;
    this.quality = quality ?? new DefaultQualityScorerFactory();
    this.sweeper = setInterval(() => this.evictExpired(), Math.max(1_000, Math.min(SWEEP_EVERY_MS, config.runRetentionMs)));
    this.sweeper.unref();
  }

  /** False once shutdown has begun. */
  get isAccepting(): boolean {
    return this.accepting;
  }

  get runsInFlight(): number {
    return this.order.length - this.finishedCount;
  }

  get runsKept(): number {
    return this.order.length;
  }

  memoryUse(): MemoryUse {
    return {
      runningBytes: this.runningBytes,
      runningBudgetBytes: this.config.runMemoryBudgetBytes,
      retainedBytes: this.retainedBytes,
      retainedBudgetBytes: this.config.runRetentionBytes,
      runsKept: this.order.length,
    };
  }

  /** The load the optimizer sees: event loop, and agent calls in flight against the global limit. */
  loadSnapshot(): LoadSnapshot {
    return this.monitor.snapshot({ tasksInFlight: this.slots.inUse, capacity: this.slots.capacity, runsInFlight: this.runsInFlight });
  }

  /** Validates the plan (PlanValidationError names task and field), picks the settings and starts the run. */
  start(request: StartRunRequest): ManagedRun {
    return this.startValidated(request, this.validate(request));
  }

  private startValidated(request: StartRunRequest, plan: Plan): ManagedRun {
    const footprint = this.admit(plan.tasks.length, liveFootprint(plan));
    try {
      const [settings, graph] = this.settingsAndGraph(request, plan);
      return this.launch(request, plan, footprint, settings, graph);
    } catch (error) {
      this.runningBytes -= footprint;
      throw error;
    }
  }

  /**
   * `start`, for the API: a plan of STEPPED_START_TASKS tasks or more is validated, built and started
   * in steps with a turn of the event loop before each, so that health checks, streams and
   * other runs are served while a huge plan is accepted (each step is linear in the plan's size).
   */
  async startInSteps(request: StartRunRequest): Promise<ManagedRun> {
    // The body was parsed in this same turn: let others go before validating a big one.
    if (taskCountOf(request.plan) >= STEPPED_START_TASKS) await nextTurn();
    const plan = this.validate(request);
    if (plan.tasks.length < STEPPED_START_TASKS) return this.startValidated(request, plan);
    await nextTurn();
    const footprint = this.admit(plan.tasks.length, liveFootprint(plan));
    try {
      const [settings, graph] = this.settingsAndGraph(request, plan);
      await nextTurn();
      if (!this.accepting) throw shuttingDown();
      return this.launch(request, plan, footprint, settings, graph);
    } catch (error) {
      this.runningBytes -= footprint;
      throw error;
    }
  }

  private settingsAndGraph(request: StartRunRequest, plan: Plan): [RunSettings, ParallelWorkflowGraph] {
    const settings = resolveRunSettings(plan, request.overrides ?? {}, this.config, () => this.loadSnapshot());
    return [settings, ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(settings.parallelThreshold)];
  }

  private validate(request: StartRunRequest): Plan {
    if (!this.accepting) throw shuttingDown();
    const plan = parsePlan(request.plan, { knownAgents: this.catalog.names(), limits: this.config.planLimits });
    checkAgentsAvailable(plan, this.catalog);
    return plan;
  }

  /** Starts the engine on a validated plan whose memory is already reserved (`footprint`). */
  private launch(request: StartRunRequest, plan: Plan, footprint: number, settings: RunSettings, graph: ParallelWorkflowGraph): ManagedRun {
    const runId = randomUUID();
    const managed = new ManagedRun({
      runId,
      ordinal: ++this.ordinal,
      createdAt: new Date().toISOString(),
      plan,
      settings,
      streaming: this.config.streaming,
      planning: request.planning && planningEvent(runId, request.planning.planner, request.planning.request, plan.tasks.length),
      tenant: request.tenant,
    });
    const recorder = new RunEventRecorder(
      this.store,
      (event) => this.eventBus.publish(toDomainEvent(event)),
      (error, what) => this.logger.error(`run ${runId}: run store ${what} failed: ${messageOf(error)}`),
      this.store.createRun({ runId, createdAt: managed.createdAt, plan, strategy: settings.strategy, strategyReason: settings.strategyReason }),
    );
    if (managed.planning) recorder.record(managed.planning);
    const observe = this.eventObservers;
    const run = runWorkflow(graph, this.executor(), {
      runId,
      ...engineRunOptions(settings, this.config.execution),
      slots: this.slots.lane(),
      scoreOutput: this.quality.create({
        runId,
        plan,
        enabled: this.config.qualityValidation,
        defaultDomain: this.config.defaultQualityDomain,
        cardOf: (agent) => this.catalog.card(agent),
      }),
      onEvent: (event: WorkflowEvent) => {
        managed.observe(event);
        for (const onEvent of observe) onEvent(event);
        recorder.record(event);
      },
    });
    managed.attach(run);
    this.footprints.set(runId, footprint);
    this.runs.set(runId, managed);
    this.order.push(managed);
    this.recorders.set(runId, recorder);
    void run.result.then(() => this.onFinished(managed));
    return managed;
  }

  /** The catalog's executor wrapped by the observers (agent-call metrics, spans), once. */
  private executor(): TaskExecutor {
    this.observedExecutor ??= this.observers.reduce<TaskExecutor>(
      (executor, observer) => observer.wrapExecutor?.(executor) ?? executor,
      this.catalog.executor,
    );
    return this.observedExecutor;
  }

  /** Throws RUN_NOT_FOUND, also for a run of another tenant than `tenant` (when given). */
  get(runId: string, tenant?: string): ManagedRun {
    const managed = this.runs.get(runId);
    if (!managed || (tenant !== undefined && managed.tenant !== tenant)) throw new OrchestrationError('RUN_NOT_FOUND', `no run ${JSON.stringify(runId)} on this server`);
    return managed;
  }

  /** Newest first; `cursor` continues after the last run of the previous page. */
  list(limit = 20, cursor?: string, tenant?: string): RunPage {
    const size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
    let end = this.order.length; // exclusive: runs before `end` are candidates
    if (cursor !== undefined) end = lowerBound(this.order, decodeRunCursor(cursor));
    const items: ManagedRun[] = [];
    let next = end - 1;
    for (; next >= 0 && items.length < size; next--) {
      if (tenant === undefined || this.order[next].tenant === tenant) items.push(this.order[next]);
    }
    if (tenant !== undefined) while (next >= 0 && this.order[next].tenant !== tenant) next--;
    // `next` is now the newest run not on this page, -1 when there is none.
    return next >= 0 ? { items, nextCursor: encodeRunCursor(items[items.length - 1].ordinal) } : { items };
  }

  /** Cancels a running run; RUN_FINISHED (RunError) when it has already ended. */
  cancel(runId: string, tenant?: string): ManagedRun {
    const managed = this.get(runId, tenant);
    if (managed.finished) throw new RunError('RUN_FINISHED', `run ${runId} has already finished (${managed.status})`);
    managed.run.cancel('cancelled by request');
    return managed;
  }

  /** Adds nodes and edges to a running graph; GraphError (CYCLE, UNKNOWN_NODE, ...) when refused. */
  modify(runId: string, change: RunChange, tenant?: string): RunChangeResult {
    // RUN_NOT_FOUND before any complaint about the nodes.
    const managed = this.get(runId, tenant);
    const tasks = managed.state.tasks;
    const nodes: WorkflowNodeSpec[] =
      change.nodes === undefined
        ? []
        : validateNodes(change.nodes, {
            isExistingTask: (id) => Object.hasOwn(tasks, id),
            agentNames: this.catalog.names(),
            limits: this.config.planLimits,
          });
    const specs = change.dependsOn && change.dependsOn.length > 0 ? subgraphSpecs(nodes, change.dependsOn) : nodes;
    const edges = change.edges ?? [];
    managed.run.modify({ nodes: specs, edges });
    return { added: specs.map((spec) => spec.id), edges };
  }

  /** Answers a paused task; RunError (NOT_PAUSED, UNKNOWN_TASK, RUN_FINISHED) when it is not waiting. */
  resume(runId: string, taskId: string, answer: unknown, tenant?: string): ManagedRun {
    const managed = this.get(runId, tenant);
    managed.run.resume(taskId, answer);
    return managed;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.accepting = false;
    const running = this.order.filter((managed) => !managed.finished);
    if (running.length > 0) {
      this.logger.log(`shutting down: waiting up to ${this.config.shutdownGraceMs} ms for ${running.length} run(s)`);
      const finished = await within(this.config.shutdownGraceMs, Promise.all(running.map((managed) => managed.run.result)));
      if (!finished) {
        const left = running.filter((managed) => !managed.finished);
        this.logger.warn(`shutting down: cancelling ${left.length} run(s) still running`);
        for (const managed of left) managed.run.cancel('the orchestrator is shutting down');
        await Promise.all(left.map((managed) => managed.run.result));
      }
    }
    await within(this.config.shutdownGraceMs, Promise.all([...this.recorders.values()].map((recorder) => recorder.drain())));
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.monitor.stop();
  }

  /**
   * Reserves room for a run of `taskCount` tasks, or refuses it: RUN_TOO_LARGE when it exceeds the
   * whole budget, HOST_BUSY while running runs hold the rest. Returns the bytes reserved (the caller
   * gives them back if the run then fails to start).
   */
  private admit(taskCount: number, footprint: number): number {
    const budget = this.config.runMemoryBudgetBytes;
    const mib = (bytes: number): string => `${Math.ceil(bytes / 1_048_576)} MiB`;
    if (footprint > budget) {
      throw new OrchestrationError(
        'RUN_TOO_LARGE',
        `a run of ${taskCount} task(s) needs about ${mib(footprint)}, more than this host's whole run memory budget ` +
          `(RUN_MEMORY_BUDGET_BYTES = ${mib(budget)}); split the plan or raise the budget`,
      );
    }
    if (this.runningBytes + footprint > budget) {
      throw new OrchestrationError(
        'HOST_BUSY',
        `running runs hold ${mib(this.runningBytes)} of the ${mib(budget)} run memory budget; a run of ${taskCount} task(s) ` +
          `needs about ${mib(footprint)} more: try again when some have finished`,
        5,
      );
    }
    this.runningBytes += footprint;
    return footprint;
  }

  private onFinished(managed: ManagedRun): void {
    this.finishedCount++;
    this.runningBytes -= this.footprints.get(managed.runId) ?? 0;
    // A finished run keeps every event while the retention budget allows (a client may still replay
    // it); under pressure the oldest give their events up first and keep a summary (start, plan,
    // result), and only then do whole runs leave memory.
    const summary = finishedFootprint(managed.plan, managed.state.result as NonNullable<typeof managed.state.result>);
    const events = managed.state.lastSeq * EVENT_BYTES;
    this.footprints.set(managed.runId, summary + events);
    this.fullLogs.set(managed.runId, events);
    this.retainedBytes += summary + events;
    this.finishedAt.set(managed.runId, Date.now());
    const recorder = this.recorders.get(managed.runId);
    void recorder?.drain().then(() => {
      if (this.recorders.get(managed.runId) === recorder) this.recorders.delete(managed.runId);
    });
    while (this.retainedBytes > this.config.runRetentionBytes && this.compactOldestLog()) {
      // compacting, oldest first
    }
    while (this.finishedCount > this.config.runRetention || this.retainedBytes > this.config.runRetentionBytes) {
      if (!this.evictOldestFinished()) break;
    }
    this.evictExpired();
  }

  private compactOldestLog(): boolean {
    const oldest = this.fullLogs.entries().next();
    if (oldest.done) return false;
    const [runId, events] = oldest.value;
    this.fullLogs.delete(runId);
    this.runs.get(runId)?.run.compactLog();
    this.footprints.set(runId, (this.footprints.get(runId) ?? 0) - events);
    this.retainedBytes -= events;
    return true;
  }

  /** Finished runs older than RUN_RETENTION_MS leave memory. */
  private evictExpired(): void {
    const oldest = Date.now() - this.config.runRetentionMs;
    for (;;) {
      const index = this.order.findIndex((managed) => managed.finished);
      if (index < 0 || (this.finishedAt.get(this.order[index].runId) ?? Infinity) > oldest) return;
      this.evictOldestFinished();
    }
  }

  private evictOldestFinished(): boolean {
    const index = this.order.findIndex((managed) => managed.finished);
    if (index < 0) return false;
    const [evicted] = this.order.splice(index, 1);
    this.runs.delete(evicted.runId);
    this.retainedBytes -= this.footprints.get(evicted.runId) ?? 0;
    this.footprints.delete(evicted.runId);
    this.fullLogs.delete(evicted.runId);
    this.finishedAt.delete(evicted.runId);
    this.finishedCount--;
    void Promise.resolve()
      .then(() => this.store.release?.(evicted.runId))
      .catch((error: unknown) => this.logger.error(`run ${evicted.runId}: run store release failed: ${messageOf(error)}`));
    return true;
  }

}

function planningEvent(runId: string, planner: string, request: string, taskCount: number): PlanningEvent {
  const flat = request.replace(/\s+/g, ' ').trim();
  const quoted = JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
  return { type: 'planning', seq: 0, runId, at: 0, message: `the ${planner} planner made ${taskCount} task(s) from the request ${quoted}` };
}

/** First index whose ordinal is ≥ `ordinal` (the order is ascending). */
function lowerBound(order: readonly ManagedRun[], ordinal: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid].ordinal < ordinal) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The length of `plan.tasks` as submitted (not yet validated), 0 when it is not an array. */
function taskCountOf(plan: unknown): number {
  const tasks = typeof plan === 'object' && plan !== null ? (plan as { tasks?: unknown }).tasks : undefined;
  return Array.isArray(tasks) ? tasks.length : 0;
}

function shuttingDown(): OrchestrationError {
  return new OrchestrationError('SHUTTING_DOWN', 'the orchestrator is shutting down and accepts no new run');
}

/** One turn of the event loop: pending I/O (health checks, streams) is served before this resolves. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** True when `work` settles within `ms`. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
