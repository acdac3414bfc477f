import { performance } from 'node:perf_hooks';
import { Clock, MAX_TIMER_MS, TimerHandle, sleepOn, timerDelay } from './clock';

interface SystemTimer extends TimerHandle {
  timeout: NodeJS.Timeout | undefined;
}

/** Wall time from `performance.now()` and Node timers. */
export class SystemClock implements Clock {
  private nextId = 1;

  now(): number {
    return performance.now();
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const handle: SystemTimer = { id: this.nextId++, timeout: undefined };
    const delay = timerDelay(ms);
    if (delay === Infinity) return handle;
    this.arm(handle, delay, callback);
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    const timer = handle as SystemTimer;
    if (timer.timeout !== undefined) clearTimeout(timer.timeout);
    timer.timeout = undefined;
  }

  defer(callback: () => void): void {
    setImmediate(callback);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Node clamps delays above MAX_TIMER_MS to 1 ms: wait in steps of at most that (timers never fire early). */
  private arm(handle: SystemTimer, delay: number, callback: () => void): void {
    if (delay <= MAX_TIMER_MS) {
      handle.timeout = setTimeout(callback, delay);
      return;
    }
    handle.timeout = setTimeout(() => this.arm(handle, delay - MAX_TIMER_MS, callback), MAX_TIMER_MS);
  }
}

export const systemClock: Clock = new SystemClock();
