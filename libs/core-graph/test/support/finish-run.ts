import { RunResult, TERMINAL_STATUSES, VirtualClock, WorkflowRun } from '../../src';

const manualClocks = new WeakSet<VirtualClock>();

/** A clock that only moves when finishBy fires its timers. */
export function manualClock(start = 0): VirtualClock {
  const clock = new VirtualClock({ autoAdvance: false, start });
  manualClocks.add(clock);
  return clock;
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

function pendingTasks(run: WorkflowRun): string {
  const pending = run.state.order.filter((id) => !TERMINAL_STATUSES.has(run.state.tasks[id].status));
  return pending.length === 0 ? 'none' : pending.map((id) => `${id} (${run.state.tasks[id].status})`).join(', ');
}

function notFinished(run: WorkflowRun, clock: VirtualClock, deadlineMs: number, why: string): Error {
  return new Error(`run did not finish by virtual t=${deadlineMs} (now t=${clock.now()}: ${why}); pending tasks: ${pendingTasks(run)}`);
}

/**
 * Awaits a run on a VirtualClock and fails with the cause — instead of Jest's timeout — when it does
 * not finish: time passes `deadlineMs`, or no timer is left while tasks are unfinished (a hang).
 * A manual clock (`manualClock()`) is driven timer by timer once the process is idle; an
 * auto-advancing one moves by itself and is only watched, one event-loop turn at a time.
 */
export async function finishBy(run: WorkflowRun, clock: VirtualClock, deadlineMs: number): Promise<RunResult> {
  const manual = manualClocks.has(clock);
  let idleTurns = 0;
  for (;;) {
    // A manual clock fires only once deferred starts (setImmediate) have run: time moves when idle.
    await nextTurn();
    if (manual) await nextTurn();
    if (run.finished) {
      if (clock.now() > deadlineMs) throw notFinished(run, clock, deadlineMs, 'it finished too late');
      return run.result;
    }
    if (clock.now() > deadlineMs) throw notFinished(run, clock, deadlineMs, 'time ran past the deadline');
    if (clock.pendingTimers > 0) {
      idleTurns = 0;
      if (manual) clock.fireNext();
    } else if (++idleTurns >= 3) {
      throw notFinished(run, clock, deadlineMs, 'nothing left to wait for');
    }
  }
}
