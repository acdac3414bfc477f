import { abortReason } from '../clock/clock';
import { BinaryHeap } from '../collections/binary-heap';
import { FifoQueue } from '../collections/fifo-queue';

/**
 * Who gets a freed slot when runs wait for one:
 * - `run-order`: the earliest-started run with a waiting task (runs finish in the order they came,
 *   so most finish long before the last one);
 * - `fair`: weighted fair shares across the runs waiting (stride scheduling: each run's turn comes
 *   in proportion to its weight, whatever its size);
 * - `fifo`: first asked, first served, across all runs (every run of a burst ends near the end).
 */
export const SLOT_POLICIES = ['run-order', 'fair', 'fifo'] as const;
export type SlotPolicy = (typeof SLOT_POLICIES)[number];

/** A held slot. `release()` is idempotent. */
export interface SlotPermit {
  release(): void;
}

/**
 * One run's access to a shared slot pool (RunOptions.slots). The engine takes a slot before it
 * starts an attempt and gives it back when the agent call settles — not when the engine gives up on
 * it: an agent that ignores its abort signal keeps counting against the limit until it returns.
 */
export interface TaskSlots {
  /** A slot now, or undefined when none is free. */
  tryAcquire(): SlotPermit | undefined;
  /** Waits for a slot; rejects with the signal's reason if it aborts first (the wait leaves the queue). */
  acquire(signal: AbortSignal): Promise<SlotPermit>;
  /** The run ended: its lane takes no more waiters. */
  close(): void;
}

export interface SlotPoolStats {
  capacity: number;
  inUse: number;
  waiting: number;
  policy: SlotPolicy;
}

interface Waiter {
  readonly lane: Lane;
  resolve: (permit: SlotPermit) => void;
  reject: (error: Error) => void;
  signal: AbortSignal;
  onAbort: (() => void) | undefined;
  /** Served or given up: skipped when its turn comes. */
  done: boolean;
}

interface Lane {
  readonly order: number;
  readonly weight: number;
  /** Stride scheduling: virtual time this lane has used (fair policy). */
  pass: number;
  readonly queue: FifoQueue<Waiter>;
  waiting: number;
  queued: boolean;
  closed: boolean;
}

/** At most `capacity` agent calls at once across every run that draws from this pool. */
export class TaskSlotPool {
  private held = 0;
  private waiters = 0;
  private lanes = 0;
  /** Pass of the last lane served: a lane that starts waiting joins at this virtual time. */
  private virtualTime = 0;
  private readonly fifo = new FifoQueue<Waiter>();
  private readonly waitingLanes: BinaryHeap<Lane>;

  constructor(
    readonly capacity: number,
    readonly policy: SlotPolicy = 'run-order',
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer >= 1, got ${capacity}`);
    if (!SLOT_POLICIES.includes(policy)) throw new RangeError(`policy must be one of ${SLOT_POLICIES.join(', ')}, got ${String(policy)}`);
    this.waitingLanes = new BinaryHeap<Lane>(policy === 'fair' ? byPass : byOrder);
  }

  get inUse(): number {
    return this.held;
  }

  /** Attempts waiting for a slot. */
  get waiting(): number {
    return this.waiters;
  }

  stats(): SlotPoolStats {
    return { capacity: this.capacity, inUse: this.held, waiting: this.waiters, policy: this.policy };
  }

  /** A lane for one run; `weight` (> 0, default 1) is its share under the `fair` policy. */
  lane(options: { weight?: number } = {}): TaskSlots {
    const weight = options.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be a positive number, got ${weight}`);
    const lane: Lane = { order: this.lanes++, weight, pass: 0, queue: new FifoQueue<Waiter>(), waiting: 0, queued: false, closed: false };
    return {
      tryAcquire: () => this.tryAcquire(),
      acquire: (signal) => this.acquire(lane, signal),
      close: () => {
        lane.closed = true;
      },
    };
  }

  private tryAcquire(): SlotPermit | undefined {
    // Free slots exist only while nobody waits (a release serves a waiter at once).
    if (this.held >= this.capacity || this.waiters > 0) return undefined;
    this.held++;
    return new PoolPermit(this);
  }

  private acquire(lane: Lane, signal: AbortSignal): Promise<SlotPermit> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (lane.closed) return Promise.reject(new RangeError('this run has ended; it can take no more slots'));
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<SlotPermit>((resolve, reject) => {
      const waiter: Waiter = { lane, resolve, reject, signal, onAbort: undefined, done: false };
      waiter.onAbort = () => this.abandon(waiter);
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.enqueue(waiter);
    });
  }

  /** Called by a permit: serves waiters, in policy order, while slots are free. */
  released(): void {
    this.held--;
    while (this.held < this.capacity && this.waiters > 0) {
      const waiter = this.nextWaiter();
      if (!waiter) return;
      waiter.done = true;
      this.waiters--;
      waiter.lane.waiting--;
      if (waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.held++;
      waiter.resolve(new PoolPermit(this));
    }
  }

  private enqueue(waiter: Waiter): void {
    const lane = waiter.lane;
    this.waiters++;
    lane.waiting++;
    if (this.policy === 'fifo') {
      this.fifo.push(waiter);
      return;
    }
    lane.queue.push(waiter);
    if (!lane.queued) {
      lane.queued = true;
      lane.pass = Math.max(lane.pass, this.virtualTime);
      this.waitingLanes.push(lane);
    }
  }

  private abandon(waiter: Waiter): void {
    if (waiter.done) return;
    waiter.done = true;
    this.waiters--;
    waiter.lane.waiting--;
    waiter.reject(abortReason(waiter.signal));
  }

  private nextWaiter(): Waiter | undefined {
    if (this.policy === 'fifo') return firstLive(this.fifo);
    for (;;) {
      const lane = this.waitingLanes.peek();
      if (!lane) return undefined;
      if (lane.waiting === 0) {
        this.waitingLanes.pop();
        lane.queued = false;
        continue;
      }
      const waiter = firstLive(lane.queue) as Waiter;
      if (this.policy === 'fair') {
        // The lane's turn is used: it goes back behind the others by one stride of 1/weight.
        this.waitingLanes.pop();
        this.virtualTime = lane.pass;
        lane.pass += 1 / lane.weight;
        if (lane.waiting > 1) this.waitingLanes.push(lane);
        else lane.queued = false;
      }
      return waiter;
    }
  }
}

class PoolPermit implements SlotPermit {
  private done = false;

  constructor(private readonly pool: TaskSlotPool) {}

  release(): void {
    if (this.done) return;
    this.done = true;
    this.pool.released();
  }
}

function firstLive(queue: FifoQueue<Waiter>): Waiter | undefined {
  for (let waiter = queue.shift(); waiter !== undefined; waiter = queue.shift()) if (!waiter.done) return waiter;
  return undefined;
}

function byOrder(a: Lane, b: Lane): boolean {
  return a.order < b.order;
}

function byPass(a: Lane, b: Lane): boolean {
  return a.pass < b.pass || (a.pass === b.pass && a.order < b.order);
}
