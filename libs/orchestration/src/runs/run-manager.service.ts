import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  ParallelWorkflowGraph,
  GraphError,
  RunError,
  TaskSlotPool,
  resumeWorkflow,
  runWorkflow,
  type WorkflowRun,
  subgraphSpecs,
  type PlanningEvent,
  type RunOptions,
  type RunStatus,
  type TaskExecutor,
  type WorkflowEvent,
  type WorkflowNodeSpec,
} from '@a2a-mcp/core-graph';
import { LoadMonitor, engineRunOptions, parsePlan, validatePlan, type LoadSnapshot, type Plan, type PlanValidationResult, type ValidatePlanOptions } from '@a2a-mcp/planner';
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
import { liveFootprint } from './run-footprint';
import { createRunStore, type RunStore, type StoredRun, type StoredRunStatus } from '@a2a-mcp/persistence';
import type { RunHandle } from './run-handle';
import { StoredRunHandle } from './stored-run-handle';
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
  /** Newest first, with the summary the store keeps (counts as of the last stored batch). */
  items: StoredRun[];
  nextCursor?: string;
}

export const MAX_PAGE_SIZE = 100;

/** Plans this large start in steps (`startInSteps`): each step of a 100 000-task plan is a few hundred ms. */
export const STEPPED_START_TASKS = 10_000;
/** How often finished runs are checked against RUN_RETENTION and RUN_RETENTION_MS in the store, at most. */
const PURGE_EVERY_MS = 30_000;
/**
 * Runs that finish within this long share one purge: a purge reads every finished run's record, so one
 * per finish cost O(stored runs) each (a tenth of the API's time per run with a few thousand stored).
 */
const PURGE_AFTER_FINISH_MS = 250;
/** Unfinished runs claimed from the store per look (a replica takes over a dead one's runs in steps). */
const CLAIM_BATCH = 50;

/** What the host holds in memory, estimated (see run-footprint.ts), against its budget. */
export interface MemoryUse {
  runningBytes: number;
  runningBudgetBytes: number;
  runsKept: number;
}

/** What a run's record in the store carries besides the plan: enough to resume it on any replica. */
interface StoredSettings {
  settings: RunSettings;
  planning?: PlanningEvent;
}

/**
 * Starts the host's runs and keeps them durable. Every run is independent; the agent calls of all of
 * them share one pool of MAX_CONCURRENT_TASKS slots, handed out by SCHEDULING_POLICY (earlier runs
 * first by default). A task waiting for a slot is `queued` and its timeout has not started.
 *
 * Durability: each engine event is appended to the run store (RUN_STORE) and published on the
 * EventBus and to streams only once the store holds it. A finished run leaves memory as soon as its
 * last event is stored; reads of it (view, list, stream) come from the store, on any replica. A run
 * is owned through a lease (HOST_ID, LEASE_TTL_MS) renewed while it runs; on boot a replica resumes
 * its own unfinished runs from their logs, and it takes over runs whose lease expired (a dead
 * replica's). Completed tasks never run again; tasks that were in flight are dispatched again with
 * the same idempotency key (at-least-once dispatch, exactly-once completion record).
 *
 * Memory is bounded: a run that would not fit in RUN_MEMORY_BUDGET_BYTES beside the running ones is
 * refused (HOST_BUSY, or RUN_TOO_LARGE when it could never fit). On shutdown it refuses new runs,
 * lets running ones finish for SHUTDOWN_GRACE_MS, then leaves the rest to be resumed (durable store)
 * or cancels them (memory store).
 */
@Injectable()
export class RunManager implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly slots: TaskSlotPool;
  private readonly logger = new Logger('RunManager');
  /** Runs this replica is running. */
  private readonly runs = new Map<string, ManagedRun>();
  private readonly recorders = new Map<string, RunEventRecorder>();
  private readonly store: RunStore;
  private readonly quality: QualityScorerFactory;
  private readonly monitor = new LoadMonitor();
  private readonly footprints = new Map<string, number>();
  private runningBytes = 0;
  private leaseTimer: NodeJS.Timeout | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private purgeSoon: NodeJS.Timeout | undefined;
  private purging = false;
  private purgeAgain = false;
  private ordinal = 0;
  private accepting = true;
  private stopping = false;
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
    this.store = store ?? createRunStore(config.durability.store);
    this.quality = quality ?? new DefaultQualityScorerFactory();
  }

  /** The store this host records runs in. */
  get runStore(): RunStore {
    return this.store;
  }

  async onModuleInit(): Promise<void> {
    await this.store.init();
  }

  /** After every module (and agent discovery) is ready: resume this replica's runs, then keep leases and retention. */
  async onApplicationBootstrap(): Promise<void> {
    await this.resumeOwnRuns();
    await this.claimOrphans();
    const ttl = this.config.durability.leaseTtlMs;
    this.leaseTimer = setInterval(() => void this.tendLeases(), Math.max(100, Math.floor(ttl / 3)));
    this.leaseTimer.unref();
    this.purgeTimer = setInterval(() => void this.purge(), Math.max(1_000, Math.min(PURGE_EVERY_MS, this.config.runRetentionMs || PURGE_EVERY_MS)));
    this.purgeTimer.unref();
  }

  /** False once shutdown has begun. */
  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Runs running on this replica. */
  get runsInFlight(): number {
    return this.runs.size;
  }

  get runsKept(): number {
    return this.runs.size;
  }

  memoryUse(): MemoryUse {
    return { runningBytes: this.runningBytes, runningBudgetBytes: this.config.runMemoryBudgetBytes, runsKept: this.runs.size };
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
   * Resolves once the run's record is durable: an acknowledged run survives a crash.
   */
  async startInSteps(request: StartRunRequest): Promise<ManagedRun> {
    // The body was parsed in this same turn: let others go before validating a big one.
    if (taskCountOf(request.plan) >= STEPPED_START_TASKS) await nextTurn();
    const plan = this.validate(request);
    let managed: ManagedRun;
    if (plan.tasks.length < STEPPED_START_TASKS) managed = this.startValidated(request, plan);
    else {
      await nextTurn();
      const footprint = this.admit(plan.tasks.length, liveFootprint(plan));
      try {
        const [settings, graph] = this.settingsAndGraph(request, plan);
        await nextTurn();
        if (!this.accepting) throw shuttingDown();
        managed = this.launch(request, plan, footprint, settings, graph);
      } catch (error) {
        this.runningBytes -= footprint;
        throw error;
      }
    }
    await managed.recorded;
    return managed;
  }

  private settingsAndGraph(request: StartRunRequest, plan: Plan): [RunSettings, ParallelWorkflowGraph] {
    const settings = resolveRunSettings(plan, request.overrides ?? {}, this.config, () => this.loadSnapshot());
    return [settings, ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(settings.parallelThreshold)];
  }

  /** The check a run's plan gets, without running it: every issue, or the plan (agents' availability aside). */
  checkPlan(raw: unknown): PlanValidationResult {
    return validatePlan(raw, this.planOptions());
  }

  private planOptions(): ValidatePlanOptions {
    return { knownAgents: this.catalog.names(), limits: this.config.planLimits };
  }

  private validate(request: StartRunRequest): Plan {
    if (!this.accepting) throw shuttingDown();
    const plan = parsePlan(request.plan, this.planOptions());
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
    const stored: StoredSettings = managed.planning ? { settings, planning: managed.planning } : { settings };
    const created = this.store
      .createRun({
        runId,
        ...(request.tenant === undefined ? {} : { tenant: request.tenant }),
        createdAt: managed.createdAt,
        plan,
        strategy: settings.strategy,
        strategyReason: settings.strategyReason,
        settings: stored,
      })
      .then(() => this.store.acquireLease(runId, this.config.durability.hostId, this.config.durability.leaseTtlMs))
      .then((leased) => {
        managed.leased = leased;
        // Another replica claimed the record between its insert and our lease: it runs it from the
        // (still empty) log; nothing of ours was recorded, so we only stop here.
        if (!leased) this.fence(managed, 'another replica took its lease as it was created');
      });
    const recorder = this.recorderFor(managed, created);
    if (managed.planning) recorder.record(managed.planning);
    const run = runWorkflow(graph, this.executor(), { ...this.engineOptions(managed, recorder), runId });
    this.adopt(managed, run, recorder, footprint);
    return managed;
  }

  private recorderFor(managed: ManagedRun, created: Promise<unknown>): RunEventRecorder {
    const recorder = new RunEventRecorder(
      this.store,
      (event) => {
        managed.markDurable(event.seq);
        this.eventBus.publish(toDomainEvent(event));
      },
      (error, what) => this.logger.error(`run ${managed.runId}: run store ${what} failed: ${messageOf(error)}`),
      created,
    );
    managed.recorded = created.then(
      () => undefined,
      () => undefined,
    );
    return recorder;
  }

  private engineOptions(managed: ManagedRun, recorder: RunEventRecorder): RunOptions {
    const observe = this.eventObservers;
    const snapshotEvery = this.config.durability.store.snapshotEvery;
    return {
      ...engineRunOptions(managed.settings, this.config.execution),
      slots: this.slots.lane(),
      scoreOutput: this.quality.create({
        runId: managed.runId,
        plan: managed.plan,
        enabled: this.config.qualityValidation,
        defaultDomain: this.config.defaultQualityDomain,
        cardOf: (agent) => this.catalog.card(agent),
      }),
      onEvent: (event: WorkflowEvent) => {
        managed.observe(event);
        for (const onEvent of observe) onEvent(event);
        recorder.record(event);
        // A snapshot now and then bounds what a resume or a read must fold; the last one is the finished run.
        if (event.type === 'workflow_complete' || event.seq % snapshotEvery === 0) {
          void this.store.saveSnapshot(managed.runId, managed.run.state).catch((error: unknown) => this.logger.warn(`run ${managed.runId}: snapshot failed: ${messageOf(error)}`));
        }
      },
    };
  }

  private adopt(managed: ManagedRun, run: WorkflowRun, recorder: RunEventRecorder, footprint: number): void {
    managed.attach(run);
    this.footprints.set(managed.runId, footprint);
    this.runs.set(managed.runId, managed);
    this.recorders.set(managed.runId, recorder);
    void run.result.then(() => this.onFinished(managed, recorder));
  }

  /** The catalog's executor wrapped by the observers (agent-call metrics, spans), once. */
  private executor(): TaskExecutor {
    this.observedExecutor ??= this.observers.reduce<TaskExecutor>(
      (executor, observer) => observer.wrapExecutor?.(executor) ?? executor,
      this.catalog.executor,
    );
    return this.observedExecutor;
  }

  /** A run running on this replica; RUN_NOT_FOUND otherwise (also for another tenant's run, when `tenant` is given). */
  get(runId: string, tenant?: string): ManagedRun {
    const managed = this.runs.get(runId);
    if (!managed || (tenant !== undefined && managed.tenant !== tenant)) throw runNotFound(runId);
    return managed;
  }

  /** The run when it runs on this replica, else undefined. */
  live(runId: string): ManagedRun | undefined {
    return this.runs.get(runId);
  }

  /** Any run the store knows: running here (live), or read from the store (finished, or run by another replica). */
  async lookup(runId: string, tenant?: string): Promise<RunHandle> {
    const managed = this.runs.get(runId);
    if (managed) {
      if (tenant !== undefined && managed.tenant !== tenant) throw runNotFound(runId);
      return managed;
    }
    const loaded = await this.store.loadRun(runId);
    // Another replica may have finished it between the two looks; the store has it either way.
    if (!loaded || (tenant !== undefined && loaded.run.tenant !== tenant)) {
      const live = this.runs.get(runId);
      if (live && (tenant === undefined || live.tenant === tenant)) return live;
      throw runNotFound(runId);
    }
    return new StoredRunHandle(loaded, this.store, { pollMs: this.config.durability.storePollMs, streaming: this.config.streaming });
  }

  /**
   * Newest first, from the store (every replica's runs); `cursor` continues after the last run of the previous
   * page; `statuses` keeps runs in one of them (`running` includes runs paused on a question, as the views say).
   */
  async list(limit = 20, cursor?: string, tenant?: string, statuses: readonly RunStatus[] = []): Promise<RunPage> {
    const size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
    const beforeOrdinal = cursor === undefined ? undefined : decodeRunCursor(cursor);
    const stored = statuses.flatMap((status): StoredRunStatus[] => (status === 'running' ? ['running', 'paused'] : [status]));
    const page = await this.store.listRuns({
      limit: size,
      ...(beforeOrdinal === undefined ? {} : { beforeOrdinal }),
      ...(tenant === undefined ? {} : { tenant }),
      ...(stored.length === 0 ? {} : { statuses: stored }),
    });
    const last = page.items[page.items.length - 1];
    return page.hasMore && last ? { items: page.items, nextCursor: encodeRunCursor(last.ordinal) } : { items: page.items };
  }

  /** Cancels a running run; RUN_FINISHED (RunError) when it has already ended. */
  async cancel(runId: string, tenant?: string): Promise<RunHandle> {
    const managed = await this.liveOrFinished(runId, tenant);
    if (managed.finished) throw new RunError('RUN_FINISHED', `run ${runId} has already finished (${managed.status})`);
    managed.run.cancel('cancelled by request');
    return managed;
  }

  /** Adds nodes and edges to a running graph; GraphError (CYCLE, UNKNOWN_NODE, ...) when refused. */
  async modify(runId: string, change: RunChange, tenant?: string): Promise<RunChangeResult> {
    // RUN_NOT_FOUND before any complaint about the nodes.
    const managed = await this.liveOrFinished(runId, tenant);
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
    // After the nodes are checked, as the engine would: a bad node is named even on a finished run.
    if (managed.finished) throw new GraphError('RUN_FINISHED', `run ${runId} has finished; the graph can no longer change`);
    managed.run.modify({ nodes: specs, edges });
    return { added: specs.map((spec) => spec.id), edges };
  }

  /** Answers a paused task; RunError (NOT_PAUSED, UNKNOWN_TASK, RUN_FINISHED) when it is not waiting. */
  async resume(runId: string, taskId: string, answer: unknown, tenant?: string): Promise<RunHandle> {
    const managed = await this.liveOrFinished(runId, tenant);
    if (managed.finished) throw new RunError('RUN_FINISHED', `run ${runId} has finished`, taskId);
    managed.run.resume(taskId, answer);
    return managed;
  }

  /**
   * The live run for a command. A run only in the store is finished (a ManagedRun-like handle that
   * says so), or runs on another replica: RUN_ELSEWHERE, so the caller can retry there (or here once the lease moves).
   */
  private async liveOrFinished(runId: string, tenant?: string): Promise<ManagedRun | (RunHandle & { run: never })> {
    const handle = await this.lookup(runId, tenant);
    if (handle instanceof ManagedRun) return handle;
    if (handle.finished) return handle as RunHandle & { run: never };
    throw new OrchestrationError('RUN_ELSEWHERE', `run ${runId} is running on another replica; send the request there, or retry after its lease (LEASE_TTL_MS) moves`, 1);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.accepting = false;
    this.stopping = true;
    clearInterval(this.leaseTimer);
    const running = [...this.runs.values()].filter((managed) => !managed.finished);
    if (running.length > 0) {
      this.logger.log(`shutting down: waiting up to ${this.config.shutdownGraceMs} ms for ${running.length} run(s)`);
      const finished = await within(this.config.shutdownGraceMs, Promise.all(running.map((managed) => managed.run.result)));
      if (!finished) {
        const left = running.filter((managed) => !managed.finished);
        if (this.store.kind === 'memory') {
          this.logger.warn(`shutting down: cancelling ${left.length} run(s) still running`);
          for (const managed of left) managed.run.cancel('the orchestrator is shutting down');
          await Promise.all(left.map((managed) => managed.run.result));
        } else {
          // Durable: they stay `running` in the store and resume when a replica takes them (this one after a restart).
          this.logger.warn(`shutting down: ${left.length} run(s) still running are left to resume from the ${this.store.kind} store`);
          // Nothing more is recorded for them (not even this cancellation): the store keeps them running.
          for (const managed of left) this.recorders.get(managed.runId)?.close();
          for (const managed of left) managed.run.cancel('the orchestrator is shutting down');
        }
      }
    }
    await within(this.config.shutdownGraceMs, Promise.all([...this.recorders.values()].map((recorder) => recorder.drain())));
    await Promise.all(
      [...this.runs.keys()].map((runId) => this.store.releaseLease(runId, this.config.durability.hostId).catch(() => undefined)),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.leaseTimer);
    clearInterval(this.purgeTimer);
    clearTimeout(this.purgeSoon);
    this.monitor.stop();
    await this.store.close().catch((error: unknown) => this.logger.error(`run store close failed: ${messageOf(error)}`));
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

  /** A finished run leaves memory once its last event is stored: from then on it is read from the store. */
  private onFinished(managed: ManagedRun, recorder: RunEventRecorder): void {
    void recorder.drain().then(async () => {
      if (this.stopping && this.store.kind !== 'memory' && managed.state.result?.status === 'cancelled') return;
      await this.store.flush().catch(() => undefined);
      this.runs.delete(managed.runId);
      this.recorders.delete(managed.runId);
      this.runningBytes -= this.footprints.get(managed.runId) ?? 0;
      this.footprints.delete(managed.runId);
      await this.store.releaseLease(managed.runId, this.config.durability.hostId).catch(() => undefined);
      this.purgeShortly();
    });
  }

  private purgeShortly(): void {
    if (this.purgeSoon !== undefined || this.stopping) return;
    this.purgeSoon = setTimeout(() => {
      this.purgeSoon = undefined;
      void this.purge();
    }, PURGE_AFTER_FINISH_MS);
    this.purgeSoon.unref();
  }

  /**
   * RUN_RETENTION (count) and RUN_RETENTION_MS (age) of finished runs, in the store. One purge at a
   * time: finishes during a purge ask for one more after it, not one each.
   */
  private async purge(): Promise<void> {
    if (this.purging) {
      this.purgeAgain = true;
      return;
    }
    this.purging = true;
    try {
      do {
        this.purgeAgain = false;
        await this.store.purge({ maxCount: this.config.runRetention, maxAgeMs: this.config.runRetentionMs });
      } while (this.purgeAgain && !this.stopping);
    } catch (error) {
      this.logger.warn(`run store purge failed: ${messageOf(error)}`);
    } finally {
      this.purging = false;
    }
  }

  // ---- crash-resume and leases ------------------------------------------------------------

  /** This replica's unfinished runs (same HOST_ID): a restart takes them back at once. */
  private async resumeOwnRuns(): Promise<void> {
    const { hostId, leaseTtlMs } = this.config.durability;
    for (const stored of await this.store.unfinishedRuns()) {
      if (stored.owner !== undefined && stored.owner !== hostId) continue;
      if (await this.store.acquireLease(stored.runId, hostId, leaseTtlMs)) await this.resumeStored(stored);
    }
  }

  /** Runs whose lease expired (their replica died) become ours, a batch at a time. */
  private async claimOrphans(): Promise<void> {
    if (!this.accepting) return;
    const { hostId, leaseTtlMs } = this.config.durability;
    for (;;) {
      const claimed = await this.store.claimExpiredRuns(hostId, leaseTtlMs, CLAIM_BATCH);
      for (const stored of claimed) if (!this.runs.has(stored.runId)) await this.resumeStored(stored);
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  /** Renews our leases; a run whose lease another replica took is dropped here (it runs there now). */
  private async tendLeases(): Promise<void> {
    if (this.stopping) return;
    const { hostId, leaseTtlMs } = this.config.durability;
    try {
      const held = new Set(await this.store.renewLeases(hostId, leaseTtlMs));
      for (const [runId, managed] of this.runs) {
        if (!managed.finished && !held.has(runId) && managed.leased) this.fence(managed, 'its lease moved to another replica');
      }
      await this.claimOrphans();
    } catch (error) {
      this.logger.warn(`lease upkeep failed: ${messageOf(error)}`);
    }
  }

  /** Stops running a run here without recording anything more: another replica owns it. */
  private fence(managed: ManagedRun, why: string): void {
    this.logger.warn(`run ${managed.runId}: ${why}; stopping it here`);
    this.recorders.get(managed.runId)?.close();
    managed.run.cancel(why);
    this.runs.delete(managed.runId);
    this.recorders.delete(managed.runId);
    this.runningBytes -= this.footprints.get(managed.runId) ?? 0;
    this.footprints.delete(managed.runId);
  }

  /** Resumes a stored run from its log: completed tasks keep their outputs; in-flight ones are dispatched again. */
  private async resumeStored(stored: StoredRun): Promise<void> {
    try {
      const events = await this.store.events(stored.runId, -1);
      const planning = events[0]?.type === 'planning' ? (events[0] as PlanningEvent) : undefined;
      const log = planning ? events.slice(1) : events;
      const saved = stored.settings as StoredSettings;
      const plan = stored.plan as Plan;
      const managed = new ManagedRun({
        runId: stored.runId,
        ordinal: ++this.ordinal,
        createdAt: stored.createdAt,
        plan,
        settings: saved.settings,
        streaming: this.config.streaming,
        planning,
        tenant: stored.tenant,
      });
      managed.markDurable(log.length > 0 ? log[log.length - 1].seq : planning ? 0 : -1);
      managed.leased = true;
      if (log.length === 0) {
        // Crashed between the record and the first event: start it now.
        const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(saved.settings.parallelThreshold);
        const recorder = this.recorderFor(managed, Promise.resolve());
        const run = runWorkflow(graph, this.executor(), { ...this.engineOptions(managed, recorder), runId: stored.runId });
        this.adopt(managed, run, recorder, liveFootprint(plan));
      } else {
        const recorder = this.recorderFor(managed, Promise.resolve());
        const run = resumeWorkflow(log, this.executor(), this.engineOptions(managed, recorder));
        this.adopt(managed, run, recorder, liveFootprint(plan));
      }
      this.runningBytes += this.footprints.get(stored.runId) ?? 0;
      this.logger.log(`run ${stored.runId}: resumed from its log at seq ${log.length === 0 ? 0 : log[log.length - 1].seq}`);
    } catch (error) {
      this.logger.error(`run ${stored.runId}: could not be resumed: ${messageOf(error)}`);
      await this.store.releaseLease(stored.runId, this.config.durability.hostId).catch(() => undefined);
    }
  }
}

function runNotFound(runId: string): OrchestrationError {
  return new OrchestrationError('RUN_NOT_FOUND', `no run ${JSON.stringify(runId)} on this server`);
}

function planningEvent(runId: string, planner: string, request: string, taskCount: number): PlanningEvent {
  const flat = request.replace(/\s+/g, ' ').trim();
  const quoted = JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
  return { type: 'planning', seq: 0, runId, at: 0, message: `the ${planner} planner made ${taskCount} task(s) from the request ${quoted}` };
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
