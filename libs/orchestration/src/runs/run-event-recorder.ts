import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunStore } from './run-store';

/**
 * Records one run's events: each is appended to the store, then published. A synchronous store
 * costs no promise per event; once the store answers with a promise, later events queue behind it,
 * so the bus always sees a run's events in `seq` order and only after they are stored.
 */
export class RunEventRecorder {
  private tail: Promise<void> | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly publish: (event: WorkflowEvent) => void,
    private readonly onError: (error: unknown, what: string) => void,
    created: void | Promise<void>,
  ) {
    if (isPromise(created)) this.tail = created.then(undefined, (error: unknown) => this.onError(error, 'createRun'));
  }

  record(event: WorkflowEvent): void {
    if (this.tail === undefined) {
      let appended: void | Promise<void> = undefined;
      try {
        appended = this.store.append(event);
      } catch (error) {
        this.onError(error, `append seq ${event.seq}`);
      }
      if (!isPromise(appended)) {
        this.safePublish(event);
        return;
      }
      this.tail = appended.then(undefined, (error: unknown) => this.onError(error, `append seq ${event.seq}`));
    } else {
      this.tail = this.tail
        .then(() => this.store.append(event))
        .then(undefined, (error: unknown) => this.onError(error, `append seq ${event.seq}`));
    }
    this.tail = this.tail.then(() => this.safePublish(event));
  }

  /** Resolves when every recorded event is stored and published. */
  drain(): Promise<void> {
    return this.tail ?? Promise.resolve();
  }

  private safePublish(event: WorkflowEvent): void {
    try {
      this.publish(event);
    } catch (error) {
      this.onError(error, `publish seq ${event.seq}`);
    }
  }
}

function isPromise(value: unknown): value is Promise<void> {
  return typeof (value as Promise<void> | undefined)?.then === 'function';
}
