import { EventLoopUtilization, IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** The event loop over one sampling interval. */
export interface EventLoopReading {
  /** Share of the interval the loop was busy, in [0, 1]. */
  utilization: number;
  /** 99th-percentile delay over the interval, ms. */
  delayP99Ms: number;
}

/** Raw event-loop readings; the LoadMonitor smooths them. Injected so tests can feed exact figures. */
export interface EventLoopProbe {
  /** The loop since the previous `take()` (or since the probe started); begins the next interval. */
  take(): EventLoopReading;
  /** Worst delay seen since the previous `take()`, ms, without beginning a new interval. */
  peekDelayMs(): number;
  stop(): void;
}

/** Node's own gauges: event-loop utilisation and the event-loop delay histogram. */
export class NodeEventLoopProbe implements EventLoopProbe {
  private readonly delay: IntervalHistogram;
  private lastElu: EventLoopUtilization;

  /** `resolutionMs`: how often the delay histogram samples the loop (default 10 ms). */
  constructor(resolutionMs = 10) {
    this.delay = monitorEventLoopDelay({ resolution: resolutionMs });
    this.delay.enable();
    this.lastElu = performance.eventLoopUtilization();
  }

  take(): EventLoopReading {
    const current = performance.eventLoopUtilization();
    const elu = performance.eventLoopUtilization(current, this.lastElu);
    this.lastElu = current;
    const p99 = this.nanosToMs(() => this.delay.percentile(99));
    this.delay.reset();
    return { utilization: Number.isFinite(elu.utilization) ? elu.utilization : 0, delayP99Ms: p99 };
  }

  peekDelayMs(): number {
    return this.nanosToMs(() => this.delay.max);
  }

  stop(): void {
    this.delay.disable();
  }

  /** The histogram reports nanoseconds; an empty one reports NaN or a huge sentinel. */
  private nanosToMs(read: () => number): number {
    if (this.delay.count === 0) return 0;
    const ms = read() / 1e6;
    return Number.isFinite(ms) ? ms : 0;
  }
}
