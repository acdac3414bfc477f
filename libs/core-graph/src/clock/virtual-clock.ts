import { BinaryHeap } from '../collections/binary-heap';
import { FifoQueue } from '../collections/fifo-queue';
import { Clock, TimerHandle, sleepOn, timerDelay } from './clock';

interface VirtualTimer extends TimerHandle {
  at: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock whose time moves only when timers are due. With `autoAdvance` (the default) it jumps to
 * the next timer whenever the process is idle (all promise jobs drained), so a schedule of
 * simulated durations runs in microseconds and is exactly reproducible.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  // Ordered by (at, id): equal times fire in the order they were set, which keeps runs deterministic.
  private readonly heap = new BinaryHeap<VirtualTimer>(before);
  private advanceScheduled = false;
  private readonly deferred = new FifoQueue<() => void>();
  private drainScheduled = false;
  private readonly autoAdvance: boolean;

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.current = options.start ?? 0;
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: VirtualTimer = { id: this.nextId++, at: this.current + timerDelay(ms), callback, cancelled: false };
    // A timer that never fires is never due: it must not stop auto-advance from going idle.
    if (timer.at === Infinity) return timer;
    this.heap.push(timer);
    this.scheduleAdvance();
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    (handle as VirtualTimer).cancelled = true;
  }

  /** Deferred work is the present: it runs before time moves to the next timer. */
  defer(callback: () => void): void {
    this.deferred.push(callback);
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => this.drainDeferred());
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Timers not yet fired nor cleared. */
  get pendingTimers(): number {
    let count = 0;
    for (const timer of this.heap.values()) if (!timer.cancelled) count++;
    return count;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.peekLive();
      if (!next || next.at > target) break;
      this.heap.pop();
      this.current = next.at;
      next.callback();
    }
    this.current = target;
  }

  /** Fires the earliest pending timers (all those due at the same instant). Returns false if none. */
  fireNext(): boolean {
    const next = this.peekLive();
    if (!next) return false;
    const at = next.at;
    this.current = Math.max(this.current, at);
    for (let timer = this.peekLive(); timer && timer.at === at; timer = this.peekLive()) {
      this.heap.pop();
      timer.callback();
    }
    return true;
  }

  private scheduleAdvance(): void {
    if (!this.autoAdvance || this.advanceScheduled) return;
    this.advanceScheduled = true;
    // setImmediate runs after the promise job queue drains: only then is the system idle.
    setImmediate(() => {
      this.advanceScheduled = false;
      // Work deferred at this instant is not idleness: let it run first, then look again.
      if (this.deferred.size > 0 || this.drainScheduled) return this.scheduleAdvance();
      if (this.fireNext() && this.peekLive()) this.scheduleAdvance();
    });
  }

  private drainDeferred(): void {
    this.drainScheduled = false;
    // Only what was deferred before this turn: work deferred now waits for the next one, like setImmediate.
    for (let count = this.deferred.size; count > 0; count--) (this.deferred.shift() as () => void)();
    if (this.deferred.size > 0 && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => this.drainDeferred());
    }
  }

  private peekLive(): VirtualTimer | undefined {
    while (this.heap.size > 0 && (this.heap.peek() as VirtualTimer).cancelled) this.heap.pop();
    return this.heap.peek();
  }
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
