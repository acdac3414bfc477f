import { VirtualClock, type Clock, type TimerHandle } from '@a2a-mcp/core-graph';
import { LoadMonitor, NodeEventLoopProbe, systemLoad, type EventLoopProbe, type EventLoopReading } from '../src';

/** Readings a test dictates: each `take()` returns the current `next`. */
class ScriptedProbe implements EventLoopProbe {
  next: EventLoopReading = { utilization: 0, delayP99Ms: 0 };
  worstDelayNow = 0;
  taken = 0;
  stopped = false;

  take(): EventLoopReading {
    this.taken++;
    return { ...this.next };
  }

  peekDelayMs(): number {
    return this.worstDelayNow;
  }

  stop(): void {
    this.stopped = true;
  }
}

/** A loop stuck in synchronous work: time passes, no timer fires. */
class StalledClock implements Clock {
  current = 0;
  now(): number {
    return this.current;
  }
  setTimer(): TimerHandle {
    return { id: 1 };
  }
  clearTimer(): void {}
  defer(): void {}
  sleep(): Promise<void> {
    return new Promise(() => undefined);
  }
}

function monitorOn(clock: Clock, probe: EventLoopProbe, halfLifeMs = 1000): LoadMonitor {
  return new LoadMonitor({ clock, probe, sampleEveryMs: 100, halfLifeMs });
}

describe('LoadMonitor', () => {
  it('has no history before the first sample, and says how long it has watched', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const probe = new ScriptedProbe();
    const monitor = monitorOn(clock, probe);
    try {
      clock.advance(40);
      const fresh = monitor.snapshot();
      expect(fresh.history).toEqual({ samples: 0, windowMs: 0, ageMs: 40, halfLifeMs: 1000 });
      expect(systemLoad(fresh)).toBeUndefined();
      expect(probe.taken).toBe(0);
    } finally {
      monitor.stop();
    }
  });

  it('samples on its timer and starts the average at the first sample, not at zero', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const probe = new ScriptedProbe();
    const monitor = monitorOn(clock, probe);
    try {
      probe.next = { utilization: 0.9, delayP99Ms: 30 };
      clock.advance(100);
      const first = monitor.snapshot();
      expect(probe.taken).toBe(1);
      expect(first).toMatchObject({ eventLoopUtilization: 0.9, eventLoopDelayP99Ms: 30, history: { samples: 1, windowMs: 100, ageMs: 0 } });
    } finally {
      monitor.stop();
    }
  });

  it('smooths exponentially by elapsed time: a burst shows at once and fades by the half-life', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const probe = new ScriptedProbe();
    const monitor = monitorOn(clock, probe);
    try {
      clock.advance(1000); // ten idle samples
      probe.next = { utilization: 1, delayP99Ms: 100 };
      clock.advance(300); // three busy ones
      const burst = monitor.snapshot();
      expect(burst.eventLoopUtilization).toBeCloseTo(1 - Math.pow(2, -0.3), 9);
      expect(burst.eventLoopDelayP99Ms).toBeCloseTo(100 * (1 - Math.pow(2, -0.3)), 9);
      probe.next = { utilization: 0, delayP99Ms: 0 };
      clock.advance(1000); // one half-life of idle
      expect(monitor.snapshot().eventLoopUtilization).toBeCloseTo(burst.eventLoopUtilization / 2, 9);
    } finally {
      monitor.stop();
    }
  });

  it('reads without consuming: snapshots in a burst all see the same recent past', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const probe = new ScriptedProbe();
    const monitor = monitorOn(clock, probe);
    try {
      probe.next = { utilization: 0.85, delayP99Ms: 12 };
      clock.advance(500);
      const burst = Array.from({ length: 50 }, () => monitor.snapshot({ tasksInFlight: 64, capacity: 64 }));
      for (const snapshot of burst) expect(snapshot).toEqual(burst[0]);
      expect(burst[0].eventLoopUtilization).toBeCloseTo(0.85, 9);
      expect(burst[0].freeAgentSlots).toBe(0);
      expect(probe.taken).toBe(5);
    } finally {
      monitor.stop();
    }
  });

  it('reports the delay now: the worst stall since the last sample, or how overdue the sampler is', () => {
    const probe = new ScriptedProbe();
    const stalled = new StalledClock();
    const monitor = monitorOn(stalled, probe);
    try {
      monitor.sample();
      stalled.current = 30;
      probe.worstDelayNow = 25;
      expect(monitor.snapshot().eventLoopDelayNowMs).toBe(25);
      // The next sample was due at 100: at 340 the loop has not turned for 240 ms.
      stalled.current = 340;
      const blocked = monitor.snapshot();
      expect(blocked.eventLoopDelayNowMs).toBe(240);
      expect(blocked.history.ageMs).toBe(340);
      expect(systemLoad(blocked)).toBe(1);
    } finally {
      monitor.stop();
    }
  });

  it('caps the reported window at four half-lives, passes the slots through, and stops cleanly', () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const probe = new ScriptedProbe();
    const monitor = monitorOn(clock, probe, 200);
    clock.advance(5000);
    clock.advance(30);
    const snapshot = monitor.snapshot({ tasksInFlight: 3, capacity: 4, runsInFlight: 2 });
    expect(snapshot.history).toEqual({ samples: 50, windowMs: 800, ageMs: 30, halfLifeMs: 200 });
    expect(snapshot).toMatchObject({ tasksInFlight: 3, freeAgentSlots: 1, runsInFlight: 2 });
    expect(monitor.snapshot().freeAgentSlots).toBe(Number.POSITIVE_INFINITY);
    monitor.stop();
    expect(probe.stopped).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(1000);
    expect(probe.taken).toBe(50);
  });

  it('refuses a sampling interval or half-life that is not a positive number', () => {
    const probe = new ScriptedProbe();
    expect(() => new LoadMonitor({ probe, clock: new VirtualClock(), sampleEveryMs: 0 })).toThrow('LoadMonitor sampleEveryMs must be a positive number of ms, got 0');
    expect(() => new LoadMonitor({ probe, clock: new VirtualClock(), halfLifeMs: Number.NaN })).toThrow(/halfLifeMs/);
  });
});

describe('NodeEventLoopProbe', () => {
  it("reads Node's gauges: a loop kept busy shows as utilised", async () => {
    const probe = new NodeEventLoopProbe(5);
    try {
      probe.take();
      const until = Date.now() + 60;
      while (Date.now() < until) {
        // busy: the event loop cannot turn
      }
      await new Promise((resolve) => setImmediate(resolve));
      const reading = probe.take();
      expect(reading.utilization).toBeGreaterThan(0.5);
      expect(reading.delayP99Ms).toBeGreaterThanOrEqual(0);
    } finally {
      probe.stop();
    }
  });
});
