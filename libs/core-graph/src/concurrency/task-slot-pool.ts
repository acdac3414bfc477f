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
  /** Waits for a slot, in the pool's policy order. */
  acquire(): Promise<SlotPermit>;
  /**
   * The run ended or stopped: every wait of this lane rejects with `reason` and leaves the queue, and
   * the lane takes no more. One call per run, instead of an abort listener per waiting task.
   */
  close(reason?: Error): void;
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
  /** Served or given up: skipped when its turn comes. */
  done: boolean;
}

interface Lane {
  readonly order: number;
  readonly weight: number;
  /** Stride scheduling: virtual time this lane has used (fair policy). */
  pass: number;
  /** This lane's waiters in order (under `fifo` they are also in the pool's one queue). */
  readonly queue: FifoQueue<Waiter>;
  waiting: number;
  queued: boolean;
  closed: Error | undefined;
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
    const lane: Lane = { order: this.lanes++, weight, pass: 0, queue: new FifoQueue<Waiter>(), waiting: 0, queued: false, closed: undefined };
    return {
      tryAcquire: () => this.tryAcquire(),
      acquire: () => this.acquire(lane),
      close: (reason) => this.close(lane, reason ?? new Error('the run has ended; it takes no more slots')),
    };
  }

  private tryAcquire(): SlotPermit | undefined {
    // Free slots exist only while nobody waits (a release serves a waiter at once).
    if (this.held >= this.capacity || this.waiters > 0) return undefined;
    this.held++;
    return new PoolPermit(this);
  }

  private acquire(lane: Lane): Promise<SlotPermit> {
    if (lane.closed) return Promise.reject(lane.closed);
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<SlotPermit>((resolve, reject) => this.enqueue({ lane, resolve, reject, done: false }));
  }

  private close(lane: Lane, reason: Error): void {
    if (lane.closed) return;
    lane.closed = reason;
    for (let waiter = lane.queue.shift(); waiter !== undefined; waiter = lane.queue.shift()) {
      if (waiter.done) continue;
      waiter.done = true;
      this.waiters--;
      lane.waiting--;
      waiter.reject(reason);
    }
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
      this.held++;
      waiter.resolve(new PoolPermit(this));
    }
  }

  private enqueue(waiter: Waiter): void {
    const lane = waiter.lane;
    this.waiters++;
    lane.waiting++;
    lane.queue.push(waiter);
    if (this.policy === 'fifo') {
      this.fifo.push(waiter);
      return;
    }
    if (!lane.queued) {
      lane.queued = true;
      lane.pass = Math.max(lane.pass, this.virtualTime);
      this.waitingLanes.push(lane);
    }
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
