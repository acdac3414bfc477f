/** What the optimizer knows about the machine and the agents at the moment a run starts. */
export interface LoadSnapshot {
  /** Event-loop utilisation in [0, 1] over the recent window (Node's ELU): the seed's `current_load`. */
  eventLoopUtilization: number;
  /** 99th-percentile event-loop delay over the recent window, in ms. */
  eventLoopDelayP99Ms: number;
  /** Tasks of all runs currently executing on this host. */
  tasksInFlight: number;
  /** Agent slots still free (the host's global concurrency limit minus what is in flight); Infinity when unlimited. */
  freeAgentSlots: number;
}

/** A machine with nothing to do: what a one-shot CLI run sees. */
export const IDLE_LOAD: LoadSnapshot = {
  eventLoopUtilization: 0,
  eventLoopDelayP99Ms: 0,
  tasksInFlight: 0,
  freeAgentSlots: Number.POSITIVE_INFINITY,
};

/** Event-loop delay at which the process counts as fully loaded (a 100 ms stall blocks every agent reply). */
export const SATURATING_DELAY_MS = 100;

/** One load figure in [0, 1]: the busier of the event loop's utilisation and its delay. */
export function systemLoad(load: LoadSnapshot): number {
  const fromDelay = Math.min(1, Math.max(0, load.eventLoopDelayP99Ms) / SATURATING_DELAY_MS);
  return Math.min(1, Math.max(0, load.eventLoopUtilization, fromDelay));
}
