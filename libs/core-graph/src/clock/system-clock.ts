import { performance } from 'node:perf_hooks';
import { Clock, TimerHandle, sleepOn } from './clock';

interface SystemTimer extends TimerHandle {
  timeout: NodeJS.Timeout;
}

/** Wall time from `performance.now()` and Node timers. */
export class SystemClock implements Clock {
  private nextId = 1;

  now(): number {
    return performance.now();
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const handle: SystemTimer = { id: this.nextId++, timeout: setTimeout(callback, Math.max(0, ms)) };
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    clearTimeout((handle as SystemTimer).timeout);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}

export const systemClock: Clock = new SystemClock();
