import type { PlanningEvent, RunState, RunStatus, WorkflowEvent, WorkflowRun } from '@a2a-mcp/core-graph';
import type { Plan } from '@a2a-mcp/planner';
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

/** A run the host keeps: the engine's WorkflowRun plus what the API shows about it. */
export class ManagedRun {
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
  private workflow: WorkflowRun | undefined;

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
    return prepend(preamble, inner);
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
