import type { PlanningEvent, RunState, RunStatus, StrategyName, WorkflowEvent, WorkflowRun } from '@a2a-mcp/core-graph';
import type { Plan } from '@a2a-mcp/planner';
import type { RunHandle } from './run-handle';
import type { RunSettings } from './run-settings';

export interface ManagedRunInit {
  runId: string;
  /** Creation order on this host (for paging). */
  ordinal: number;
  createdAt: string;
  plan: Plan;
  settings: RunSettings;
  /** Off: `task_progress` and `artifact` events are not streamed to clients (ORCHESTRATION_MODE=basic). */
  streaming: boolean;
  /** The tenant the run belongs to (undefined without tenancy). */
  tenant?: string;
  /** The `planning` step of a run made from a request (seq 0: before the engine's first event). */
  planning?: PlanningEvent;
}

/**
 * A run this replica runs: the engine's WorkflowRun plus what the API shows about it. Streams get an
 * event only once the store holds it (`markDurable`), so a client never sees an event a crash could take back.
 */
export class ManagedRun implements RunHandle {
  readonly runId: string;
  readonly ordinal: number;
  readonly createdAt: string;
  readonly plan: Plan;
  readonly settings: RunSettings;
  readonly streaming: boolean;
  readonly planning?: PlanningEvent;
  readonly tenant?: string;
  /** Task counts by outcome, kept up to date from the events (the list view reads them). */
  readonly counts = { successful: 0, failed: 0, skipped: 0 };
  /** Resolves once the run's record is in the store (the API acknowledges a run only then). */
  recorded: Promise<void> = Promise.resolve();
  /** This replica holds the run's lease. */
  leased = false;
  private workflow: WorkflowRun | undefined;
  private durableSeq = -1;
  private durableWaiters: { seq: number; wake: () => void }[] = [];

  constructor(init: ManagedRunInit) {
    this.runId = init.runId;
    this.ordinal = init.ordinal;
    this.createdAt = init.createdAt;
    this.plan = init.plan;
    this.settings = init.settings;
    this.streaming = init.streaming;
    if (init.planning) this.planning = init.planning;
    if (init.tenant !== undefined) this.tenant = init.tenant;
  }

  get run(): WorkflowRun {
    if (!this.workflow) throw new Error(`run ${this.runId} has not started`);
    return this.workflow;
  }

  get state(): Readonly<RunState> {
    return this.run.state;
  }

  get status(): RunStatus {
    return this.run.state.status;
  }

  get finished(): boolean {
    return this.run.finished;
  }

  get strategy(): StrategyName {
    return this.run.state.strategy ?? this.settings.strategy;
  }

  get strategyReason(): string {
    return this.run.state.strategyReason ?? this.settings.strategyReason;
  }

  /** The store holds every event up to `seq`. */
  markDurable(seq: number): void {
    if (seq <= this.durableSeq) return;
    this.durableSeq = seq;
    if (this.durableWaiters.length === 0) return;
    const waiting = this.durableWaiters;
    this.durableWaiters = [];
    for (const waiter of waiting) {
      if (waiter.seq <= seq) waiter.wake();
      else this.durableWaiters.push(waiter);
    }
  }

  private whenDurable(seq: number): Promise<void> {
    return new Promise((wake) => this.durableWaiters.push({ seq, wake }));
  }

  attach(run: WorkflowRun): void {
    this.workflow = run;
  }

  /** Called synchronously for every engine event (before it is stored and published). */
  observe(event: WorkflowEvent): void {
    if (event.type === 'task_complete') this.counts.successful++;
    else if (event.type === 'task_failed') this.counts.failed++;
    else if (event.type === 'task_skipped') this.counts.skipped++;
  }

  /**
   * The event stream for a client: without `afterSeq`, from the start (the `planning` step first,
   * when there is one); with it, the events with `seq > afterSeq`, replayed then live, with no gap
   * and no duplicate. `return()` stops the underlying iterator.
   */
  events(afterSeq?: number): AsyncIterableIterator<WorkflowEvent> {
    const inner = this.run.events(afterSeq ?? 0);
    const preamble: WorkflowEvent[] = afterSeq === undefined && this.planning ? [this.planning] : [];
    return this.durableOnly(prepend(preamble, inner));
  }

  /** Holds each event back until the store has it. */
  private durableOnly(inner: AsyncIterableIterator<WorkflowEvent>): AsyncIterableIterator<WorkflowEvent> {
    const iterator: AsyncIterableIterator<WorkflowEvent> = {
      next: () =>
        inner.next().then((step) => (step.done || step.value.seq <= this.durableSeq ? step : this.whenDurable(step.value.seq).then(() => step))),
      return: () => (inner.return ? inner.return() : Promise.resolve({ value: undefined, done: true })),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Whether an event goes to stream clients (PHASE 7 streaming off drops progress and artifacts). */
  streams(event: WorkflowEvent): boolean {
    return this.streaming || (event.type !== 'task_progress' && event.type !== 'artifact');
  }
}

function prepend(first: WorkflowEvent[], inner: AsyncIterableIterator<WorkflowEvent>): AsyncIterableIterator<WorkflowEvent> {
  let index = 0;
  const iterator: AsyncIterableIterator<WorkflowEvent> = {
    next: () => (index < first.length ? Promise.resolve({ value: first[index++], done: false }) : inner.next()),
    return: () => {
      index = first.length;
      return inner.return ? inner.return() : Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
