import { EventLoopUtilization, IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { IDLE_LOAD, LoadSnapshot } from './load-snapshot';

/**
 * Samples the event loop (utilisation and delay) so the optimizer sees live load. Each
 * `snapshot()` covers the time since the previous one. Call `stop()` when done; its sampling timer
 * does not keep the process alive.
 */
export class LoadMonitor {
  private readonly delay: IntervalHistogram;
  private lastElu: EventLoopUtilization;

  constructor(resolutionMs = 10) {
    this.delay = monitorEventLoopDelay({ resolution: resolutionMs });
    this.delay.enable();
    this.lastElu = performance.eventLoopUtilization();
  }

  snapshot(work: { tasksInFlight?: number; capacity?: number } = {}): LoadSnapshot {
    const elu = performance.eventLoopUtilization(this.lastElu);
    this.lastElu = performance.eventLoopUtilization();
    // The histogram reports nanoseconds; an empty one reports NaN/0.
    const p99 = this.delay.count > 0 ? this.delay.percentile(99) / 1e6 : 0;
    this.delay.reset();
    const inFlight = work.tasksInFlight ?? 0;
    const capacity = work.capacity ?? Number.POSITIVE_INFINITY;
    return {
      eventLoopUtilization: Number.isFinite(elu.utilization) ? elu.utilization : IDLE_LOAD.eventLoopUtilization,
      eventLoopDelayP99Ms: Number.isFinite(p99) ? p99 : 0,
      tasksInFlight: inFlight,
      freeAgentSlots: Math.max(0, capacity - inFlight),
    };
  }

  stop(): void {
    this.delay.disable();
  }
}
