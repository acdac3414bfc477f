import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunStore } from '@a2a-mcp/persistence';

/**
 * Records one run's events: each is appended to the store, and only once the store says it is
 * durable is it published (EventBus, streams). Events wait until the run's record exists
 * (`created`). A store commits the events of one tick as one batch and hands every event of the batch
 * the same promise, so this costs a couple of continuations per batch, not per event; each batch is
 * delivered after the one before it, so the bus sees a run's events in `seq` order.
 */
export class RunEventRecorder {
  private open = false;
  private closed = false;
  private waiting: WorkflowEvent[] = [];
  private lastBatch: Promise<void> | undefined;
  private group: WorkflowEvent[] = [];
  private tail: Promise<void>;

  constructor(
    private readonly store: RunStore,
    /** Called with each durable event, in order. */
    private readonly onDurable: (event: WorkflowEvent) => void,
    private readonly onError: (error: unknown, what: string) => void,
    created: Promise<unknown>,
  ) {
    this.tail = created.then(
      () => this.openUp(),
      (error: unknown) => {
        this.onError(error, 'createRun');
        this.openUp();
      },
    );
  }

  /** Records nothing more (the run is left to the store as it stands: shutdown, or another replica took it). */
  close(): void {
    this.closed = true;
    this.waiting = [];
  }

  record(event: WorkflowEvent): void {
    if (this.closed) return;
    if (this.open) this.append(event);
    else this.waiting.push(event);
  }

  /** Resolves when every recorded event is stored and published. */
  drain(): Promise<void> {
    return this.tail;
  }

  private openUp(): void {
    this.open = true;
    if (this.closed) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const event of waiting) this.append(event);
  }

  private append(event: WorkflowEvent): void {
    let batch: Promise<void>;
    try {
      batch = this.store.append(event);
    } catch (error) {
      batch = Promise.reject(error);
    }
    if (batch !== this.lastBatch) {
      this.lastBatch = batch;
      const group: WorkflowEvent[] = [];
      this.group = group;
      // Marked handled now; its error is reported below, in order.
      batch.catch(() => undefined);
      // After the previous batch: a store whose batches settle out of order still publishes in seq order.
      this.tail = this.tail
        .then(() => batch)
        .then(
          () => this.deliver(group),
          (error: unknown) => {
            // Not durable: said loudly, then delivered anyway, so streams and waiters do not hang on a broken store.
            this.onError(error, `append seq ${group[0]?.seq}..${group[group.length - 1]?.seq}`);
            this.deliver(group);
          },
        );
    }
    this.group.push(event);
  }

  private deliver(group: readonly WorkflowEvent[]): void {
    for (const event of group) {
      try {
        this.onDurable(event);
      } catch (error) {
        this.onError(error, `publish seq ${event.seq}`);
      }
    }
  }
}
