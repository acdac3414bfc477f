import { FifoQueue, abortReason } from '@a2a-mcp/core-graph';

/** A held slot. `release()` is idempotent: a second call does nothing. */
export interface Permit {
  release(): void;
}

interface Waiter {
  grant: (permit: Permit) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  /** Set when the waiter gave up (its signal aborted): skipped when its turn comes. */
  abandoned: boolean;
}

/**
 * At most `capacity` holders at once; waiters are served first come, first served. A waiter whose
 * signal aborts leaves the queue at once (its promise rejects with the signal's reason) and never
 * takes a slot.
 */
export class FifoSemaphore {
  private held = 0;
  private readonly queue = new FifoQueue<Waiter>();
  private queued = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer >= 1, got ${capacity}`);
  }

  /** Slots held right now. */
  get inUse(): number {
    return this.held;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queued;
  }

  /** A slot now, or undefined when none is free or others are already waiting (FIFO). */
  tryAcquire(): Permit | undefined {
    if (this.held >= this.capacity || this.queued > 0) return undefined;
    this.held++;
    return this.permit();
  }

  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, reject, signal, abandoned: false };
      if (signal) {
        const onAbort = (): void => {
          if (waiter.abandoned) return;
          waiter.abandoned = true;
          this.queued--;
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.grant = (permit) => {
          signal.removeEventListener('abort', onAbort);
          resolve(permit);
        };
      }
      this.queue.push(waiter);
      this.queued++;
    });
  }

  private permit(): Permit {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held--;
        this.grantNext();
      },
    };
  }

  private grantNext(): void {
    while (this.held < this.capacity) {
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      if (waiter.abandoned) continue;
      waiter.abandoned = true; // served: a late abort no longer touches the queue count
      this.queued--;
      if (waiter.signal?.aborted) {
        // Aborted while its abort listener has not run yet (one abort wakes several listeners).
        waiter.reject(abortReason(waiter.signal));
        continue;
      }
      this.held++;
      waiter.grant(this.permit());
    }
  }
}
