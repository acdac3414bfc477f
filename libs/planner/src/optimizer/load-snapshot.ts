/** How much measured history stands behind a snapshot's event-loop figures. */
export interface LoadHistory {
  /** Samples taken so far. 0 = no history yet: the event-loop figures are not a measurement. */
  samples: number;
  /** Span the smoothed figures summarise, ms; capped at four half-lives, since older samples weigh under 1/16. */
  windowMs: number;
  /** Age of the newest sample, ms; with no sample yet, how long monitoring has run. */
  ageMs: number;
  /** Half-life of the smoothing, ms: a sample this old counts half as much as a new one. */
  halfLifeMs: number;
}

/** What the optimizer knows about the machine and the agents at the moment a run starts. */
export interface LoadSnapshot {
  /** Event-loop utilisation in [0, 1] (Node's ELU), smoothed over the recent past: the original framework's `current_load`. */
  eventLoopUtilization: number;
  /** 99th-percentile event-loop delay, ms, smoothed over the recent past. */
  eventLoopDelayP99Ms: number;
  /**
   * Event-loop delay now, ms: the worst stall since the newest sample, or how overdue the next sample is
   * (the loop has not turned for that long). Sees a synchronous burst that smoothing has not caught up with.
   */
  eventLoopDelayNowMs: number;
  history: LoadHistory;
  /** Tasks of all runs currently executing on this host. */
  tasksInFlight: number;
  /** Agent slots still free (the host's global concurrency limit minus what is in flight); Infinity when unlimited. */
  freeAgentSlots: number;
  /** Runs already executing on this host, when the caller knows: the fair share of the slots divides by them. */
  runsInFlight?: number;
}

/** A machine measured idle: the reference point for tests and for callers that know the machine is idle. */
export const IDLE_LOAD: LoadSnapshot = {
  eventLoopUtilization: 0,
  eventLoopDelayP99Ms: 0,
  eventLoopDelayNowMs: 0,
  history: { samples: 40, windowMs: 4000, ageMs: 0, halfLifeMs: 1000 },
  tasksInFlight: 0,
  freeAgentSlots: Number.POSITIVE_INFINITY,
};

/** Nothing measured yet (a run started right after its process): the optimizer must not read it as idle. */
export const NO_LOAD_HISTORY: LoadSnapshot = {
  eventLoopUtilization: 0,
  eventLoopDelayP99Ms: 0,
  eventLoopDelayNowMs: 0,
  history: { samples: 0, windowMs: 0, ageMs: 0, halfLifeMs: 1000 },
  tasksInFlight: 0,
  freeAgentSlots: Number.POSITIVE_INFINITY,
};

/** Event-loop delay at which the process counts as fully loaded (a 100 ms stall blocks every agent reply). */
export const SATURATING_DELAY_MS = 100;

/**
 * One event-loop load figure in [0, 1]: the busiest of the smoothed utilisation, the smoothed delay and
 * the delay now (each delay relative to {@link SATURATING_DELAY_MS}). Undefined without load history.
 */
export function systemLoad(load: LoadSnapshot): number | undefined {
  if (load.history.samples <= 0) return undefined;
  const delay = Math.max(load.eventLoopDelayP99Ms, load.eventLoopDelayNowMs, 0);
  return clamp01(Math.max(load.eventLoopUtilization, delay / SATURATING_DELAY_MS));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}
