import { EventLoopUtilization, IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { IDLE_LOAD, LoadSnapshot } from './load-snapshot';

export interface LoadMonitorOptions {
  /** Delay histogram resolution, ms (default 10). */
  resolutionMs?: number;
  /**
   * Shortest window worth judging (default 250 ms). Over a shorter one the loop is mostly busy with
   * the caller's own start-up work, which is not load: such a snapshot reports the loop as idle and
   * keeps accumulating for the next one.
   */
  minWindowMs?: number;
}

/**
 * Samples the event loop (utilisation and delay) so the optimizer sees live load. Each
 * `snapshot()` covers the time since the previous judged one. Call `stop()` when done; its sampling
 * timer does not keep the process alive.
 */
export class LoadMonitor {
  private readonly delay: IntervalHistogram;
  private readonly minWindowMs: number;
  private lastElu: EventLoopUtilization;
  private windowStart: number;

  constructor(options: LoadMonitorOptions = {}) {
    this.delay = monitorEventLoopDelay({ resolution: options.resolutionMs ?? 10 });
    this.delay.enable();
    this.minWindowMs = options.minWindowMs ?? 250;
    this.lastElu = performance.eventLoopUtilization();
    this.windowStart = performance.now();
  }

  snapshot(work: { tasksInFlight?: number; capacity?: number } = {}): LoadSnapshot {
    const inFlight = work.tasksInFlight ?? 0;
    const capacity = work.capacity ?? Number.POSITIVE_INFINITY;
    const slots = { tasksInFlight: inFlight, freeAgentSlots: Math.max(0, capacity - inFlight) };
    if (performance.now() - this.windowStart < this.minWindowMs) {
      return { ...slots, eventLoopUtilization: IDLE_LOAD.eventLoopUtilization, eventLoopDelayP99Ms: IDLE_LOAD.eventLoopDelayP99Ms };
    }
    const elu = performance.eventLoopUtilization(this.lastElu);
    this.lastElu = performance.eventLoopUtilization();
    this.windowStart = performance.now();
    // The histogram reports nanoseconds; an empty one reports NaN/0.
    const p99 = this.delay.count > 0 ? this.delay.percentile(99) / 1e6 : 0;
    this.delay.reset();
    return {
      ...slots,
      eventLoopUtilization: Number.isFinite(elu.utilization) ? elu.utilization : IDLE_LOAD.eventLoopUtilization,
      eventLoopDelayP99Ms: Number.isFinite(p99) ? p99 : 0,
    };
  }

  stop(): void {
    this.delay.disable();
  }
}
