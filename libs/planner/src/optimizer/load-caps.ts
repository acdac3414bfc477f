import { LoadSnapshot, systemLoad } from './load-snapshot';

/** One limit the load put on a run's concurrency. */
export interface ConcurrencyCap {
  /** What set it: a saturated event loop (CPU-bound host). */
  by: 'event_loop';
  /** The run's concurrency after this cap. */
  limit: number;
  /** Why, with the figures. */
  why: string;
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
 * do less, it only finishes later. Neither are the agent slots: the host's slot pool already queues
 * every run's tasks in SCHEDULING_POLICY order (earlier runs first by default), and a cap fixed at a
 * run's start would leave slots idle once the others finish. What load changes is, when the event
 * loop itself is saturated, how much in-process work runs at once (halved). Saturation is a sustained
 * state: a reading over less than one half-life (a process still booting) is reported, not acted on.
 */
export function capConcurrency(wanted: number, load: LoadSnapshot, saturatedLoad: number): CappedConcurrency {
  const caps: ConcurrencyCap[] = [];
  let limit = wanted;
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

export function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
