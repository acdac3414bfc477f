import { readRunEvents, type ApiClient, type ApiErrorBody, type WorkflowEvent } from '@a2a-mcp/api-client';
import { applyEvent, createRunState, type RunState, type WorkflowEvent as EngineEvent } from '@a2a-mcp/core-graph';

/** What the Run page renders from: the log so far, its fold, and how the stream stands. */
export interface RunEventsSnapshot {
  runId: string;
  /** Every event received, in seq order; a new array per flush (the old one is never changed). */
  events: WorkflowEvent[];
  /** The engine's own fold of `events` (applyEvent); one object, updated in place as events arrive. */
  state: RunState;
  /** workflow_complete has arrived: nothing more will come. */
  done: boolean;
  /** Why the stream stopped for good (`CODE: message`), or the last fault while it retries. */
  error?: string;
  /** Counts workflow_start and graph_modified events: tasks or edges were added, the DAG is laid out again. */
  graphVersion: number;
  /** Tasks waiting for an answer (task_paused not yet followed by their resumption or end), in pause order. */
  paused: string[];
}

/**
 * Longest stretch of event folding before the feed lets the browser render. A replayed log arrives as
 * fast as the network brings it (10 MB for a 10 000-task run): without a pause the page would not
 * paint until all of it was read.
 */
const SLICE_MS = 12;

/** Waits before reconnecting, by consecutive failures; the last one repeats. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/** 4xx answers that a retry cannot fix (429 is retried). */
function isFinal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 429 && status !== 408;
}

/**
 * Follows one run's event stream: replays the stored log from the start, then follows live; a dropped
 * connection reconnects with `Last-Event-ID` = the last seq seen, so no event is lost or repeated. Events
 * are folded as they arrive but published at most once per animation frame: a run can send thousands
 * per second and React should render each frame once, not each event.
 */
export class RunEventFeed {
  private readonly events: WorkflowEvent[] = [];
  private readonly state: RunState;
  private done = false;
  private error: string | undefined;
  private graphVersion = 0;
  private readonly paused = new Set<string>();
  private readonly abort = new AbortController();
  private frame: FrameHandle | undefined;
  private dirty = false;

  constructor(
    private readonly runId: string,
    private readonly client: ApiClient,
    private readonly publish: (snapshot: RunEventsSnapshot) => void,
  ) {
    this.state = createRunState(runId);
  }

  /** The snapshot as it stands (also what the first render shows). */
  snapshot(): RunEventsSnapshot {
    return {
      runId: this.runId,
      events: this.events.slice(),
      state: this.state,
      done: this.done,
      error: this.error,
      graphVersion: this.graphVersion,
      paused: [...this.paused],
    };
  }

  start(): void {
    void this.follow();
  }

  stop(): void {
    this.abort.abort();
    if (this.frame !== undefined) cancelFrame(this.frame);
    this.frame = undefined;
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.done && !this.abort.signal.aborted) {
      const before = this.state.lastSeq;
      const final = await this.readOnce();
      if (final || this.done || this.abort.signal.aborted) break;
      failures = this.state.lastSeq > before ? 0 : failures + 1;
      await delay(RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)], this.abort.signal);
    }
    this.flush();
  }

  /** One connection: reads until the stream ends or fails. True when it must not be retried. */
  private async readOnce(): Promise<boolean> {
    try {
      const lastSeq = this.state.lastSeq;
      const { response, error } = await this.client.GET('/v1/runs/{id}/events', {
        params: { path: { id: this.runId }, header: lastSeq > 0 ? { 'Last-Event-ID': String(lastSeq) } : {} },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal: this.abort.signal,
      });
      if (!response.ok) {
        this.error = describeRefusal(response, error);
        this.schedule();
        return isFinal(response.status);
      }
      if (response.body === null) throw new Error('the event stream has no body');
      let sliceStart = performance.now();
      for await (const event of readRunEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
        this.receive(event);
        if (this.done) {
          this.abort.abort(); // the server ends the stream too; no need to wait for it
          return true;
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTask();
          sliceStart = performance.now();
        }
      }
      return false;
    } catch (error) {
      if (this.abort.signal.aborted) return true;
      this.error = `STREAM_LOST: ${error instanceof Error ? error.message : String(error)} (reconnecting after event ${this.state.lastSeq})`;
      this.schedule();
      return false;
    }
  }

  private receive(event: WorkflowEvent): void {
    if (event.seq <= this.state.lastSeq) return; // already seen (a resumed stream never repeats, but be safe)
    this.events.push(event);
    // The stream carries what the engine emitted; JSON only turns Infinity into null, which the fold ignores.
    applyEvent(this.state, event as unknown as EngineEvent);
    if (event.type === 'workflow_start' || event.type === 'graph_modified') this.graphVersion++;
    if (event.type === 'task_paused') this.paused.add(event.taskId);
    else if ('taskId' in event && event.type !== 'task_progress' && event.type !== 'artifact') this.paused.delete(event.taskId);
    if (event.type === 'workflow_complete') this.done = true;
    this.error = undefined;
    this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.frame === undefined) this.frame = requestFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = undefined;
    if (!this.dirty || (this.abort.signal.aborted && !this.done)) return;
    this.dirty = false;
    this.publish(this.snapshot());
  }
}

/** `CODE: message` of an API refusal (the client has already read its JSON body). */
export function describeRefusal(response: Response, error: unknown): string {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<ApiErrorBody>;
  return `${body.code ?? `HTTP_${response.status}`}: ${body.message ?? (response.statusText || 'the request was refused')}`;
}

type FrameHandle = { frame: number } | { timer: number };

// A hidden tab runs no animation frames (nor does Node, where the feed is tested): a timer keeps the log flowing.
function requestFrame(callback: () => void): FrameHandle {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState !== 'hidden') {
    return { frame: requestAnimationFrame(callback) };
  }
  return { timer: setTimeout(callback, 100) as unknown as number };
}

function cancelFrame(handle: FrameHandle): void {
  if ('frame' in handle) cancelAnimationFrame(handle.frame);
  else clearTimeout(handle.timer);
}

/** Resolves in a later task: the browser may render (and run animation frames) in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
