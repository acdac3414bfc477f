import { RunResult, TERMINAL_STATUSES, VirtualClock, WorkflowRun } from '../../src';

/** Lets promise jobs and `setImmediate` work (the clock's deferred starts) run to a standstill. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 4; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function pendingTasks(run: WorkflowRun): string {
  const pending = run.state.order.filter((id) => !TERMINAL_STATUSES.has(run.state.tasks[id].status));
  return pending.length === 0 ? 'none' : pending.map((id) => `${id} (${run.state.tasks[id].status})`).join(', ');
}

/**
 * Awaits a run on a VirtualClock and fails with the cause — instead of Jest's timeout — when it does
 * not finish: time passes `deadlineMs`, or nothing is left to fire while tasks are unfinished (a hang).
 * A manual clock (`manualClock()`) is driven timer by timer; an auto-advancing one is only watched
 * (firing its next timer at an idle moment is what it would do itself).
 */
export async function finishBy(run: WorkflowRun, clock: VirtualClock, deadlineMs: number): Promise<RunResult> {
  for (;;) {
    await settle();
    if (run.finished) return run.result;
    const fired = clock.now() <= deadlineMs && clock.fireNext();
    if (!fired || clock.now() > deadlineMs) {
      await settle();
      if (run.finished && clock.now() <= deadlineMs) return run.result;
      const why = fired ? `time reached t=${clock.now()}` : 'nothing left to wait for';
      throw new Error(`run did not finish by virtual t=${deadlineMs} (${why}); pending tasks: ${pendingTasks(run)}`);
    }
  }
}

/** A clock that only moves when finishBy fires its timers. */
export const manualClock = (): VirtualClock => new VirtualClock({ autoAdvance: false });
