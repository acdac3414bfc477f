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
  runWorkflow,
  subgraphSpecs,
  type PlanningEvent,
  type WorkflowEvent,
  type WorkflowNodeSpec,
} from '@a2a-mcp/core-graph';
import { LoadMonitor, PlanValidationError, parsePlan, type LoadSnapshot, type PlanIssue } from '@a2a-mcp/planner';
import { AgentCatalog } from '../agents/agent-catalog.service';
import { ConcurrencyLimitedExecutor } from '../concurrency/concurrency-limited-executor';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { toDomainEvent } from '../events/to-domain-event';
import { ORCHESTRATOR_CONFIG, QUALITY_SCORER_FACTORY, RUN_STORE } from '../orchestration.tokens';
import { DefaultQualityScorerFactory, type QualityScorerFactory } from '../quality/quality-scorer-factory';
import { ManagedRun } from './managed-run';
import { OrchestrationError } from './orchestration-error';
import { decodeRunCursor, encodeRunCursor } from './run-cursor';
import { RunEventRecorder } from './run-event-recorder';
import { resolveRunSettings, type RunOverrides } from './run-settings';
import { InMemoryRunStore, type RunStore } from './run-store';

export interface StartRunRequest {
  /** A plan as it arrived (validated here, against the registered agents). */
  plan: unknown;
  overrides?: RunOverrides;
  /** Set when the plan was made from a request: the run's stream starts with a `planning` step. */
  planning?: { planner: string; request: string };
}

/** A change to a running graph as the API takes it: new nodes (entry nodes also wait for `dependsOn`) and edges. */
export interface RunChange {
  nodes?: WorkflowNodeSpec[];
  edges?: [from: string, to: string][];
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

/**
 * Starts and keeps the host's runs. Every run is independent; the agent calls of all of them share one
 * global limit (MAX_CONCURRENT_TASKS). Each engine event is appended to the run store, then published
 * on the EventBus as a domain event. Finished runs beyond RUN_RETENTION are dropped, oldest first.
 * On shutdown it refuses new runs, lets running ones finish for SHUTDOWN_GRACE_MS, then cancels the rest.
 */
@Injectable()
export class RunManager implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly executor: ConcurrencyLimitedExecutor;
  private readonly logger = new Logger('RunManager');
  private readonly runs = new Map<string, ManagedRun>();
  /** Runs in creation order (ascending ordinal). */
  private readonly order: ManagedRun[] = [];
  private readonly recorders = new Map<string, RunEventRecorder>();
  private readonly store: RunStore;
  private readonly quality: QualityScorerFactory;
  private readonly monitor = new LoadMonitor();
  private ordinal = 0;
  private finishedCount = 0;
  private accepting = true;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly catalog: AgentCatalog,
    private readonly eventBus: EventBus,
    @Optional() @Inject(RUN_STORE) store?: RunStore,
    @Optional() @Inject(QUALITY_SCORER_FACTORY) quality?: QualityScorerFactory,
  ) {
    this.executor = new ConcurrencyLimitedExecutor(catalog.registry, config.maxConcurrentTasks);
    this.store = store ?? new InMemoryRunStore();
    this.quality = quality ?? new DefaultQualityScorerFactory();
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

  /** The load the optimizer sees: event loop, and agent calls in flight against the global limit. */
  loadSnapshot(): LoadSnapshot {
    return this.monitor.snapshot({ tasksInFlight: this.executor.tasksInFlight, capacity: this.executor.capacity });
  }

  /** Validates the plan (PlanValidationError names task and field), picks the settings and starts the run. */
  start(request: StartRunRequest): ManagedRun {
    if (!this.accepting) throw new OrchestrationError('SHUTTING_DOWN', 'the orchestrator is shutting down and accepts no new run');
    const plan = parsePlan(request.plan, { knownAgents: this.catalog.names() });
    const settings = resolveRunSettings(plan, request.overrides ?? {}, this.config, () => this.loadSnapshot());
    const graph = ParallelWorkflowGraph.fromSpecs(plan.tasks).withParallelThreshold(settings.parallelThreshold);
    const runId = randomUUID();
    const managed = new ManagedRun({
      runId,
      ordinal: ++this.ordinal,
      createdAt: new Date().toISOString(),
      plan,
      settings,
      streaming: this.config.streaming,
      planning: request.planning && planningEvent(runId, request.planning.planner, request.planning.request, plan.tasks.length),
    });
    const recorder = new RunEventRecorder(
      this.store,
      (event) => this.eventBus.publish(toDomainEvent(event)),
      (error, what) => this.logger.error(`run ${runId}: run store ${what} failed: ${messageOf(error)}`),
      this.store.createRun({ runId, createdAt: managed.createdAt, plan, strategy: settings.strategy, strategyReason: settings.strategyReason }),
    );
    if (managed.planning) recorder.record(managed.planning);
    const run = runWorkflow(graph, this.executor, {
      runId,
      strategy: settings.strategy,
      strategyReason: settings.strategyReason,
      maxConcurrency: settings.maxConcurrency,
      parallelThreshold: settings.parallelThreshold,
      parallelGroups: settings.parallelGroups,
      qualityPolicy: settings.qualityPolicy,
      scoreOutput: this.quality.create({
        runId,
        plan,
        enabled: this.config.qualityValidation,
        defaultDomain: this.config.defaultQualityDomain,
        cardOf: (agent) => this.catalog.card(agent),
      }),
      onEvent: (event: WorkflowEvent) => {
        managed.observe(event);
        recorder.record(event);
      },
    });
    managed.attach(run);
    this.runs.set(runId, managed);
    this.order.push(managed);
    this.recorders.set(runId, recorder);
    void run.result.then(() => this.onFinished(managed));
    return managed;
  }

  /** Throws RUN_NOT_FOUND. */
  get(runId: string): ManagedRun {
    const managed = this.runs.get(runId);
    if (!managed) throw new OrchestrationError('RUN_NOT_FOUND', `no run ${JSON.stringify(runId)} on this server`);
    return managed;
  }

  /** Newest first; `cursor` continues after the last run of the previous page. */
  list(limit = 20, cursor?: string): RunPage {
    const size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
    let end = this.order.length; // exclusive: runs before `end` are candidates
    if (cursor !== undefined) end = lowerBound(this.order, decodeRunCursor(cursor));
    const items: ManagedRun[] = [];
    let next = end - 1;
    for (; next >= 0 && items.length < size; next--) items.push(this.order[next]);
    // `next` is now the newest run not on this page, -1 when there is none.
    return next >= 0 ? { items, nextCursor: encodeRunCursor(items[items.length - 1].ordinal) } : { items };
  }

  /** Cancels a running run; RUN_FINISHED (RunError) when it has already ended. */
  cancel(runId: string): ManagedRun {
    const managed = this.get(runId);
    if (managed.finished) throw new RunError('RUN_FINISHED', `run ${runId} has already finished (${managed.status})`);
    managed.run.cancel('cancelled by request');
    return managed;
  }

  /** Adds nodes and edges to a running graph; GraphError (CYCLE, UNKNOWN_NODE, ...) when refused. */
  modify(runId: string, change: RunChange): RunChangeResult {
    const managed = this.get(runId);
    const nodes = change.nodes ?? [];
    this.checkAgents(nodes);
    const specs = change.dependsOn && change.dependsOn.length > 0 ? subgraphSpecs(nodes, change.dependsOn) : nodes;
    const edges = change.edges ?? [];
    managed.run.modify({ nodes: specs, edges });
    return { added: specs.map((spec) => spec.id), edges };
  }

  /** Answers a paused task; RunError (NOT_PAUSED, UNKNOWN_TASK, RUN_FINISHED) when it is not waiting. */
  resume(runId: string, taskId: string, answer: unknown): ManagedRun {
    const managed = this.get(runId);
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
    this.monitor.stop();
  }

  private onFinished(managed: ManagedRun): void {
    this.finishedCount++;
    const recorder = this.recorders.get(managed.runId);
    void recorder?.drain().then(() => {
      if (this.recorders.get(managed.runId) === recorder) this.recorders.delete(managed.runId);
    });
    while (this.finishedCount > this.config.runRetention) this.evictOldestFinished();
  }

  private evictOldestFinished(): void {
    const index = this.order.findIndex((managed) => managed.finished);
    if (index < 0) return;
    const [evicted] = this.order.splice(index, 1);
    this.runs.delete(evicted.runId);
    this.finishedCount--;
    void Promise.resolve()
      .then(() => this.store.release?.(evicted.runId))
      .catch((error: unknown) => this.logger.error(`run ${evicted.runId}: run store release failed: ${messageOf(error)}`));
  }

  /** New nodes must name registered agents, like plan tasks (422 INVALID_PLAN naming the node). */
  private checkAgents(nodes: readonly WorkflowNodeSpec[]): void {
    const issues: PlanIssue[] = [];
    nodes.forEach((node, index) => {
      if (this.catalog.has(node.agent)) return;
      const known = this.catalog.names().sort().join(', ') || 'none';
      issues.push({
        code: 'UNKNOWN_AGENT',
        taskId: node.id,
        path: `nodes[${index}].agent`,
        message: `node "${node.id}" (nodes[${index}]): unknown agent "${node.agent}" (known: ${known})`,
      });
    });
    if (issues.length > 0) throw new PlanValidationError(issues);
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
