import { performance } from 'node:perf_hooks';
import type { Clock } from '@a2a-mcp/core-graph';
import { NodeEventLoopProbe, type EventLoopProbe, type EventLoopReading } from './event-loop-probe';
import type { LoadSnapshot } from './load-snapshot';

export interface LoadMonitorOptions {
  /** How often the event loop is sampled, ms (default 100). */
  sampleEveryMs?: number;
  /** Half-life of the smoothing, ms (default 1000): a burst shows within a few samples and fades within seconds. */
  halfLifeMs?: number;
  /** Delay histogram resolution of the default probe, ms (default 10). */
  resolutionMs?: number;
  /** Where readings come from (default: Node's event-loop gauges). */
  probe?: EventLoopProbe;
  /** Time and the sampling timer (default: `performance.now()` and an unref'd interval). Tests pass a VirtualClock. */
  clock?: Clock;
}

/** Readings older than this many half-lives weigh under 1/16: the window a snapshot reports. */
const WINDOW_HALF_LIVES = 4;

/**
 * Keeps a continuously updated reading of the event loop: a timer samples utilisation and p99 delay
 * every `sampleEveryMs` and folds each sample into an exponentially weighted moving average (weights
 * by elapsed time, so a late sample counts for the time it covers). `snapshot()` only reads: every
 * snapshot reflects the recent past, however often it is called, and says how much history is behind
 * it — none right after start-up, which callers must not mistake for idle. Call `stop()` when done;
 * the default timer does not keep the process alive.
 */
export class LoadMonitor {
  private readonly probe: EventLoopProbe;
  private readonly now: () => number;
  private readonly sampleEveryMs: number;
  private readonly halfLifeMs: number;
  private readonly startedAt: number;
  private lastSampleAt: number;
  private samples = 0;
  private smoothed: EventLoopReading = { utilization: 0, delayP99Ms: 0 };
  private stopTimer: () => void;

  constructor(options: LoadMonitorOptions = {}) {
    this.sampleEveryMs = positive('sampleEveryMs', options.sampleEveryMs ?? 100);
    this.halfLifeMs = positive('halfLifeMs', options.halfLifeMs ?? 1000);
    const clock = options.clock;
    this.now = clock ? () => clock.now() : () => performance.now();
    this.probe = options.probe ?? new NodeEventLoopProbe(options.resolutionMs ?? 10);
    this.startedAt = this.now();
    this.lastSampleAt = this.startedAt;
    this.stopTimer = clock ? repeatOn(clock, this.sampleEveryMs, () => this.sample()) : repeatUnref(this.sampleEveryMs, () => this.sample());
  }

  /** Takes one sample now (the timer calls it; callers need not). */
  sample(): void {
    const at = this.now();
    const reading = this.probe.take();
    if (this.samples === 0) {
      // The first sample is the average: starting from 0 would read a loaded machine as idle for seconds.
      this.smoothed = { ...reading };
    } else {
      const weight = 1 - Math.pow(2, -Math.max(0, at - this.lastSampleAt) / this.halfLifeMs);
      this.smoothed = {
        utilization: this.smoothed.utilization + weight * (reading.utilization - this.smoothed.utilization),
        delayP99Ms: this.smoothed.delayP99Ms + weight * (reading.delayP99Ms - this.smoothed.delayP99Ms),
      };
    }
    this.samples++;
    this.lastSampleAt = at;
  }

  /** The smoothed reading, the delay now, and the agent slots the caller reports. */
  snapshot(work: { tasksInFlight?: number; capacity?: number; runsInFlight?: number } = {}): LoadSnapshot {
    const at = this.now();
    const inFlight = work.tasksInFlight ?? 0;
    const capacity = work.capacity ?? Number.POSITIVE_INFINITY;
    const overdueMs = Math.max(0, at - this.lastSampleAt - this.sampleEveryMs);
    const snapshot: LoadSnapshot = {
      eventLoopUtilization: this.smoothed.utilization,
      eventLoopDelayP99Ms: this.smoothed.delayP99Ms,
      eventLoopDelayNowMs: Math.max(this.probe.peekDelayMs(), overdueMs),
      history: {
        samples: this.samples,
        windowMs: this.samples === 0 ? 0 : Math.min(this.lastSampleAt - this.startedAt, WINDOW_HALF_LIVES * this.halfLifeMs),
        ageMs: at - this.lastSampleAt,
        halfLifeMs: this.halfLifeMs,
      },
      tasksInFlight: inFlight,
      freeAgentSlots: Math.max(0, capacity - inFlight),
    };
    if (work.runsInFlight !== undefined) snapshot.runsInFlight = work.runsInFlight;
    return snapshot;
  }

  stop(): void {
    this.stopTimer();
    this.stopTimer = () => undefined;
    this.probe.stop();
  }
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`LoadMonitor ${option} must be a positive number of ms, got ${value}`);
  return value;
}

function repeatUnref(everyMs: number, tick: () => void): () => void {
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function repeatOn(clock: Clock, everyMs: number, tick: () => void): () => void {
  let handle = clock.setTimer(everyMs, function next() {
    handle = clock.setTimer(everyMs, next);
    tick();
  });
  return () => clock.clearTimer(handle);
}
