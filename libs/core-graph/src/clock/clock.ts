/**
 * Longest delay Node's timers keep exactly (2^31 − 1 ms, about 24.8 days): a longer one fires after
 * 1 ms. Clocks split longer delays into steps of at most this size, so every delay means what it says.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A timer handle returned by {@link Clock.setTimer}. Opaque to callers. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * The only source of time for the engine and for agents that wait. Injected so that tests can
 * run whole schedules on a {@link VirtualClock} without sleeping.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences are meaningful). */
  now(): number;
  /**
   * Calls `callback` after `ms` (negative counts as 0; `Infinity` never fires). Any finite delay is
   * honoured exactly, including delays beyond {@link MAX_TIMER_MS}. Throws RangeError for NaN.
   */
  setTimer(ms: number, callback: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /**
   * Runs `callback` soon, after pending I/O has had its turn (the scheduler yields with it so that a
   * huge run does not starve the event loop). A virtual clock runs deferred work before it moves time.
   */
  defer(callback: () => void): void;
  /** Resolves after `ms`; rejects with the signal's reason if the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Shared `sleep` built on `setTimer`/`clearTimer`, so every clock aborts the same way. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimer(handle);
      reject(abortReason(signal as AbortSignal));
    };
    const handle = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'aborted');
  error.name = 'AbortError';
  return error;
}

/** The delay a clock should wait: NaN is refused, negatives are 0; Infinity stays Infinity (never). */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError('a timer delay must be a number of milliseconds, got NaN');
  return ms > 0 ? ms : 0;
}
