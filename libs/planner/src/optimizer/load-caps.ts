import { LoadSnapshot, systemLoad } from './load-snapshot';

/** One limit the load put on a run's concurrency. */
export interface ConcurrencyCap {
  /** What set it: the host's shared agent-slot pool, or a saturated event loop (CPU-bound host). */
  by: 'agent_slots' | 'event_loop';
  /** The run's concurrency after this cap. */
  limit: number;
  /** Why, with the figures. */
  why: string;
}

/**
 * The most agent slots a new run should hold at once: every free slot (using them costs no other run
 * anything), and when the pool is saturated still an equal share of it, queued in turn with the other
 * runs' tasks (never below 1). Infinity when the slots are unlimited.
 */
export function fairSlotShare(load: LoadSnapshot): number {
  if (!Number.isFinite(load.freeAgentSlots)) return Number.POSITIVE_INFINITY;
  const free = Math.max(0, Math.floor(load.freeAgentSlots));
  if (load.runsInFlight === undefined) return Math.max(1, free);
  const capacity = free + Math.max(0, load.tasksInFlight);
  return Math.max(1, free, Math.floor(capacity / (Math.max(0, load.runsInFlight) + 1)));
}

export interface CappedConcurrency {
  limit: number;
  caps: ConcurrencyCap[];
  /** Why a saturated event loop was not acted on (too little history), when it was not. */
  heldBack?: string;
}

/**
 * Caps what a run may use at once (`wanted`, the plan's widest level) by the load. The strategy is not
 * the load's business: when every slot is taken, a run that goes sequential does not make the machine
 * do less, it only finishes later. What load changes is how much of the shared pool one run holds, and,
 * when the event loop itself is saturated, how much in-process work runs at once (halved). Saturation is
 * a sustained state: a reading over less than one half-life (a process still booting) is reported, not acted on.
 */
export function capConcurrency(wanted: number, load: LoadSnapshot, saturatedLoad: number): CappedConcurrency {
  const caps: ConcurrencyCap[] = [];
  let limit = wanted;
  const share = fairSlotShare(load);
  if (share < limit) {
    limit = share;
    caps.push({ by: 'agent_slots', limit, why: slotShareReason(load, share) });
  }
  const current = systemLoad(load);
  if (current === undefined || current < saturatedLoad) return { limit, caps };
  const { windowMs, halfLifeMs } = load.history;
  if (windowMs < halfLifeMs) {
    return { limit, caps, heldBack: `event loop load ${pct(current)} seen over only ${seconds(windowMs)}, under one half-life: not acted on` };
  }
  const halved = Math.max(1, Math.ceil(limit / 2));
  if (halved < limit) {
    limit = halved;
    caps.push({ by: 'event_loop', limit, why: `event loop saturated, load ${pct(current)} ≥ ${pct(saturatedLoad)}: halved` });
  }
  return { limit, caps };
}

/** The load as the optimizer saw it, in words: event loop (or the lack of history) and agent slots. */
export function describeLoad(load: LoadSnapshot): string {
  return `${describeEventLoop(load)}; ${describeSlots(load)}`;
}

function describeEventLoop(load: LoadSnapshot): string {
  const { history } = load;
  if (history.samples <= 0) return `event loop: no load history yet (monitoring began ${ms(history.ageMs)} ago)`;
  return (
    `event loop ${pct(load.eventLoopUtilization)} busy, p99 delay ${ms(load.eventLoopDelayP99Ms)}, delay now ${ms(load.eventLoopDelayNowMs)} ` +
    `(smoothed over the last ${seconds(history.windowMs)}, half-life ${seconds(history.halfLifeMs)}, newest sample ${ms(history.ageMs)} old)`
  );
}

function describeSlots(load: LoadSnapshot): string {
  if (!Number.isFinite(load.freeAgentSlots)) return 'agent slots unlimited';
  const runs = load.runsInFlight === undefined ? '' : `, ${load.runsInFlight} run(s)`;
  return `${load.freeAgentSlots} of ${load.freeAgentSlots + load.tasksInFlight} agent slots free (${load.tasksInFlight} task(s) in flight${runs})`;
}

function slotShareReason(load: LoadSnapshot, share: number): string {
  const free = Math.max(0, Math.floor(load.freeAgentSlots));
  if (share === free) return `the ${free} free agent slot(s)`;
  if (load.runsInFlight === undefined) return 'agent slots saturated: one at a time (never below 1)';
  const capacity = free + load.tasksInFlight;
  return `agent slots saturated: an equal share of ${capacity} slots over ${load.runsInFlight + 1} runs`;
}

export function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
